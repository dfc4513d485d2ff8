"""The offline gazetteer: every place a name may mean, built once and loaded read-only.

:mod:`.index` builds and caches the shared index; :mod:`.overlay` lays a
newsroom's taught spellings over it without changing it.
"""
from frontline_map.geo.gazetteer.index import Gazetteer, Place, Route, build_gazetteer, index_path, load_gazetteer

__all__ = ["Gazetteer", "Place", "Route", "build_gazetteer", "index_path", "load_gazetteer"]
