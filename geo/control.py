"""Areas of control derived from the control facts: who held which town on a date, and the area
around the towns one side held.

The method, deterministic and documented in data/README.md: each town gets the Voronoi cell of
its point (the land nearer to it than to any other tracked town), cut to `reach_m` around the town
(no claim about land far from every tracked town) and to Syria's outline; the cells of one
controller are merged and their corners smoothed. Every tracked town therefore lies inside the
area of its own controller and outside every other side's, by construction.
All geometry work is in metres, in the equal-area projection of geo.schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from geo.query import latest_rows_on
from geo.schema import EQUAL_AREA_CRS

SQUARE_METRES_PER_KM2 = 1_000_000


def control_on(points: gpd.GeoDataFrame, date: dt.date) -> gpd.GeoDataFrame:
    """Each tracked town's controller on `date`: its latest row dated on or before it.

    Towns with no row by then are left out.

    >>> control_on(load_control_points(), dt.date(2020, 3, 1)).query("name_en == 'Saraqib'")["controller"]  # doctest: +SKIP
    """
    return latest_rows_on(points, date, "town_id")


def voronoi_cells(towns: gpd.GeoDataFrame, outline: BaseGeometry, reach_m: float) -> gpd.GeoDataFrame:
    """Each town's Voronoi cell, cut to `reach_m` around it and to the outline (metres CRS)."""
    projected = towns.to_crs(EQUAL_AREA_CRS)
    points = MultiPoint(list(projected.geometry))
    cells = shapely.voronoi_polygons(points, extend_to=outline.envelope.buffer(reach_m), ordered=True)
    cell_list = list(cells.geoms)
    clipped = [
        cell.intersection(point.buffer(reach_m, quad_segs=16)).intersection(outline)
        for cell, point in zip(cell_list, projected.geometry)
    ]
    return gpd.GeoDataFrame(projected.drop(columns="geometry"), geometry=clipped, crs=EQUAL_AREA_CRS)


def smooth(area: BaseGeometry, metres: float) -> BaseGeometry:
    """Round the corners a Voronoi merge leaves, without moving the edges by more than `metres`."""
    if area.is_empty:
        return area
    return area.buffer(metres, quad_segs=4).buffer(-2 * metres, quad_segs=4).buffer(metres, quad_segs=4)


def controlled_area(
    towns: gpd.GeoDataFrame,
    controller: str,
    outline: BaseGeometry,
    reach_m: float,
    smoothing_m: float = 0.0,
) -> BaseGeometry:
    """The merged cells of the towns `controller` held (metres CRS); empty if it held none."""
    cells = voronoi_cells(towns, outline, reach_m)
    held = cells[cells["controller"] == controller]
    if held.empty:
        return shapely.Polygon()
    area = shapely.union_all(list(held.geometry))
    return smooth(area, smoothing_m).intersection(outline) if smoothing_m else area


def parts_containing(area: BaseGeometry, anchors: Iterable[Point]) -> BaseGeometry:
    """Only the connected parts of `area` that contain one of the anchor points.

    Keeps the Idlib pocket apart from, say, the northern Homs pocket on the same date, while
    letting them merge once the line between them has gone (December 2024).
    """
    anchor_list = list(anchors)
    parts = list(area.geoms) if hasattr(area, "geoms") else [area]
    kept = [part for part in parts if any(part.intersects(anchor) for anchor in anchor_list)]
    return shapely.union_all(kept) if kept else shapely.Polygon()


def area_km2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Each geometry's area in km², measured in the equal-area projection."""
    return frame.to_crs(EQUAL_AREA_CRS).area / SQUARE_METRES_PER_KM2


def towns_for_map(towns: gpd.GeoDataFrame, control_points: gpd.GeoDataFrame, label_population: int) -> gpd.GeoDataFrame:
    """The towns worth drawing: every tracked town (with the control table's spelling of its
    names) and every city of at least `label_population`; cities are `labelled` on the map.

    >>> towns_for_map(load_base_layer("towns"), load_control_points(), 100_000)["labelled"].sum()  # doctest: +SKIP
    """
    names = control_points.drop_duplicates("town_id").set_index("town_id")[["name_en", "name_ar"]]
    tracked = towns["town_id"].isin(names.index)
    cities = towns["population"] >= label_population
    shown = towns[tracked | cities].copy()
    known = shown["town_id"].isin(names.index)
    shown.loc[known, "name_en"] = shown.loc[known, "town_id"].map(names["name_en"])
    shown.loc[known, "name_ar"] = shown.loc[known, "town_id"].map(names["name_ar"])
    shown["labelled"] = shown["population"] >= label_population
    return shown[["town_id", "name_en", "name_ar", "population", "labelled", "geometry"]].reset_index(drop=True)
