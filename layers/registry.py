"""The map's layers as one registry: the dashboard and the exports loop over the same specs.

A new layer is one module under ``layers/``, one :class:`LayerSpec` here, one test file.
Builders read a :class:`LayerInputs` (plain data for one date) and return feature groups.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd

from frontline_map.geo.analysis.contact import contact_zone
from frontline_map.geo.analysis.threat import fire_band, segments
from frontline_map.geo.text.parse import records_to_gdf
from frontline_map.layers import events, frontline, labels, places, routes, timeline


@dataclass(frozen=True)
class LayerInputs:
    """Everything a layer may draw for one date."""

    events: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    route_status: dict[str, str] = field(default_factory=dict)
    control: gpd.GeoDataFrame | None = None
    control_date: dt.date | None = None
    range_km: float = 15.0
    disagreement: tuple[gpd.GeoDataFrame, float] | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    cluster_above: int = 400
    events_geojson: dict[str, Any] | None = None  # events.to_geojson(events), when already made
    pixel: Callable[[float, float], tuple[float, float]] | None = None  # lon, lat -> page pixel, for the names
    frame: tuple[float, float] | None = None  # the page's map frame (width, height) in pixels, with ``pixel``

    @property
    def approximate(self) -> set[str]:
        return set(self.roads.loc[self.roads["approximate"].astype(bool), "ref"])


@dataclass(frozen=True)
class LayerSpec:
    """One layer: its name in the UI, how to build it, and whether it is on by default."""

    name: str
    build: Callable[[LayerInputs], list[folium.FeatureGroup]]
    default_on: bool = True
    in_exports: bool = True


def _events(v: LayerInputs) -> list[folium.FeatureGroup]:
    return [events.build(v.events, cluster_above=v.cluster_above, data=v.events_geojson),
            labels.build(v.events, pixel=v.pixel, frame=v.frame)]


def _routes(v: LayerInputs) -> list[folium.FeatureGroup]:
    if v.control is None or v.control.empty:
        return [routes.build(v.roads, v.route_status)]
    return [routes.build_segments(segments(v.roads, v.control, range_km=v.range_km), v.approximate),
            frontline.build_band(fire_band(v.control, range_km=v.range_km, near=v.roads), v.range_km)]


def _control(v: LayerInputs) -> list[folium.FeatureGroup]:
    if v.control is None or v.control.empty:
        return [frontline.build_contact_zone(contact_zone(v.events))]
    groups = [frontline.build(v.control, v.control_date)]
    if v.disagreement is not None:
        groups.append(frontline.build_disagreement(*v.disagreement))
    return groups


def _places(v: LayerInputs) -> list[folium.FeatureGroup]:
    return [places.build(records_to_gdf(v.mentions))]


# Drawing order, bottom to top: areas under lines under markers, so every marker takes its clicks.
LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("Control areas", _control),
    LayerSpec("Supply routes", _routes),
    LayerSpec("Events", _events),
    LayerSpec("Places", _places, default_on=False, in_exports=False),
)
NAMES = tuple(spec.name for spec in LAYERS)
DEFAULT_ON = tuple(spec.name for spec in LAYERS if spec.default_on)


def build_groups(inputs: LayerInputs, names: Iterable[str], *, export: bool = False) -> list[folium.FeatureGroup]:
    """The feature groups of the chosen layers, bottom to top in registry order."""
    chosen = set(names)
    return [group for spec in LAYERS if spec.name in chosen and (spec.in_exports or not export)
            for group in spec.build(inputs)]


def browser_groups(inputs: LayerInputs, names: Iterable[str], config: dict[str, Any]) -> list[folium.FeatureGroup]:
    """The dashboard's groups when time runs in the browser (layers/timeline.py): events, roads by
    reported status and the inferred zone are drawn and re-filtered by the page from ``config``;
    uploaded control areas, and roads measured against them, are still drawn here for the date."""
    chosen, measured = set(names), inputs.control is not None and not inputs.control.empty
    out: list[folium.FeatureGroup] = []
    if "Control areas" in chosen:
        out += _control(inputs) if measured else [timeline.group("zone", "Contact zone (inferred from reporting)",
                                                                  config)]
    if "Supply routes" in chosen:
        out += _routes(inputs) if measured else [timeline.group("roads", "Supply routes", config)]
    if "Events" in chosen:
        out.append(timeline.group("events", "Events", config))
    if "Places" in chosen:
        out += _places(inputs)
    return out
