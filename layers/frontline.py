"""The control-area layer: the latest imported polygons on or before the slider date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from frontline_map.layers import labels


@dataclass(frozen=True)
class ControlStyle:
    """Fill and outline of held areas."""

    fill: str = "#a50f15"
    fill_opacity: float = 0.25
    outline: str = "#67000d"
    weight: float = 1.0


def build(gdf: gpd.GeoDataFrame | None, day: dt.date | None, *, style: ControlStyle | None = None,
          name: str = "Control areas") -> folium.FeatureGroup:
    """Polygons as one GeoJSON layer with the layer's date in its tooltip."""
    style = style or ControlStyle()
    group = folium.FeatureGroup(name=name)
    if gdf is None or gdf.empty:
        return group
    shapes = gpd.GeoDataFrame(geometry=gdf.geometry.values, crs=gdf.crs)
    label = f"control areas as of {day.isoformat()}" if day else "control areas"
    folium.GeoJson(shapes.to_json(), name=name, tooltip=label,
                   style_function=lambda _f: {"fillColor": style.fill, "color": style.outline,
                                              "weight": style.weight, "fillOpacity": style.fill_opacity}
                   ).add_to(group)
    return group

NOTE_SIZE = (210, 14)  # the zone note's box in pixels (11 px italic), as timeline.js has it


def build_contact_zone(zone: gpd.GeoDataFrame | None, *, name: str = "Contact zone (inferred from reporting)",
                       note_at: tuple[float, float] | None = None) -> folium.FeatureGroup:
    """The zone where the reporting puts the fighting: a dashed outline over a faint tint, labelled on the map.

    Never a solid fill: a solid area reads as territory held by one side, and this is not a
    control map; the label says where it comes from.  ``note_at`` (lat, lon) is the label's top
    centre, chosen clear of the names by the caller that knows the page's pixels; else below the zone.
    """
    group = folium.FeatureGroup(name=name)
    if zone is None or zone.empty or zone.geometry.iloc[0].is_empty:
        return group
    look = {"fillColor": "#7f1d1d", "color": "#7f1d1d", "weight": 1.5, "dashArray": "6 4", "fillOpacity": 0.06}
    folium.GeoJson(zone.to_json(), name=name, style_function=lambda _f: look,
                   tooltip="contact zone inferred from reporting — not a control map").add_to(group)
    minx, miny, maxx, _ = zone.total_bounds  # below the zone, clear of the markers inside it
    at, anchor = (note_at, (NOTE_SIZE[0] // 2, 0)) if note_at else ((miny, (minx + maxx) / 2), (NOTE_SIZE[0] // 2, -4))
    folium.Marker(list(at), interactive=False, icon=folium.DivIcon(
        html='<div class="fm-zone-note" style="font:italic 11px sans-serif;color:#7f1d1d;white-space:nowrap;'
             f'text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff">{labels.ZONE_NOTE}</div>',
        icon_size=NOTE_SIZE, icon_anchor=anchor)).add_to(group)
    return group


def _shaded(area: gpd.GeoDataFrame | None, name: str, tooltip: str, look: dict[str, Any]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    if area is not None and not area.empty and not area.geometry.iloc[0].is_empty:
        folium.GeoJson(area.to_json(), name=name, tooltip=tooltip, style_function=lambda _f: look).add_to(group)
    return group


def build_band(band: gpd.GeoDataFrame, range_km: float, *, name: str = "Fire range") -> folium.FeatureGroup:
    """The translucent band within range of enemy-held area."""
    return _shaded(band, name, f"within {range_km:g} km of enemy-held area",
                   {"fillColor": "#fd8d3c", "color": "#fd8d3c", "weight": 0, "fillOpacity": 0.12})


def build_disagreement(diff: gpd.GeoDataFrame, km2: float, *, name: str = "Sources disagree") -> folium.FeatureGroup:
    """Where two control maps of one date disagree, hatched purple, with its area."""
    return _shaded(diff, name, f"the two sources disagree here: {km2:,.1f} km²",
                   {"fillColor": "#6a3d9a", "color": "#6a3d9a", "weight": 1, "fillOpacity": 0.35,
                    "dashArray": "4 3"})
