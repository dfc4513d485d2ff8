"""Text to data: gazetteer, place-name recognition and resolution.

The pipeline runs one way: ``extract_mentions`` -> ``resolve_mentions`` ->
GeoDataFrame (EPSG:4326); ``geo.pipeline.parse_text`` chains them for one document.
"""
