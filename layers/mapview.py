"""Composing the map: an offline-ready folium.Map around the layers."""
from __future__ import annotations

from dataclasses import dataclass

import folium

from layers.assets import STATIC_URL, use_local_assets


@dataclass(frozen=True)
class MapView:
    """Where the map looks: centre as (lat, lon) and zoom."""

    lat: float = 48.6
    lon: float = 37.0
    zoom: int = 6


def base_map(view: MapView = MapView(), *, assets_url: str = STATIC_URL) -> folium.Map:
    """An OpenStreetMap-tiled map whose scripts come from ``assets_url`` (no CDN)."""
    m = folium.Map(location=(view.lat, view.lon), zoom_start=view.zoom, tiles="OpenStreetMap",
                   control_scale=True)
    use_local_assets(m, base_url=assets_url)
    return m


def build_map(groups: list[folium.FeatureGroup], view: MapView = MapView(), *,
              assets_url: str = STATIC_URL) -> folium.Map:
    """The base map with every layer added and a layer switcher."""
    m = base_map(view, assets_url=assets_url)
    for g in groups:
        g.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m
