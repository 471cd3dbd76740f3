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
import numpy as np
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

    >>> control_on(load_control_points(), dt.date(2020, 3, 1)).query("name_en == 'Saraqib'")["controller"].tolist()
    ['opposition']
    """
    return latest_rows_on(points, date, "place_id")


def voronoi_cells(towns: gpd.GeoDataFrame, outline: BaseGeometry, reach_m: float) -> gpd.GeoDataFrame:
    """Each town's Voronoi cell, cut to `reach_m` around it and to the outline (metres CRS)."""
    projected = towns.to_crs(EQUAL_AREA_CRS)
    points = projected.geometry.to_numpy()
    cells = np.asarray(shapely.voronoi_polygons(MultiPoint(list(points)), extend_to=outline.envelope.buffer(reach_m), ordered=True).geoms)
    clipped = shapely.intersection(cells, shapely.buffer(points, reach_m, quad_segs=16))
    # Most cells lie well inside Syria: only those that cross its outline are cut by it (the
    # outline has thousands of vertices; cutting every cell by it was most of the build's time).
    shapely.prepare(outline)
    crossing = ~shapely.contains(outline, clipped)
    clipped[crossing] = shapely.intersection(clipped[crossing], outline)
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
    cells: gpd.GeoDataFrame | None = None,
) -> BaseGeometry:
    """The merged cells of the towns `controller` held (metres CRS); empty if it held none.
    `cells`: the towns' voronoi_cells, when the caller has them already."""
    cells = voronoi_cells(towns, outline, reach_m) if cells is None else cells
    held = cells[cells["controller"] == controller]
    if held.empty:
        return shapely.Polygon()
    area = shapely.union_all(list(held.geometry))
    if not smoothing_m:
        return area
    # The opening in smooth() erases a cell narrower than twice the smoothing (an isolated village
    # between two of the other side's): each held place keeps its own surroundings.
    held_points = towns.geometry.loc[held.index].to_crs(EQUAL_AREA_CRS)
    surroundings = area.intersection(shapely.union_all(list(held_points.buffer(2 * smoothing_m))))
    return smooth(area, smoothing_m).union(surroundings).intersection(outline)


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


def tracked_places(control_points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per tracked place (its first row's names and point), in place_id order."""
    columns = ["place_id", "name_en", "name_ar", "aliases", "ocha_code", "geometry"]
    present = [column for column in columns if column in control_points.columns]
    return control_points.drop_duplicates("place_id")[present].reset_index(drop=True)


def towns_for_map(towns: gpd.GeoDataFrame, control_points: gpd.GeoDataFrame, label_population: int) -> gpd.GeoDataFrame:
    """The places worth drawing: every tracked place (at its own point, with the control table's
    names) and every GeoNames city of at least `label_population`; cities are `labelled`.

    A tracked place whose id is a GeoNames id takes that town's population.

    >>> int(towns_for_map(load_base_layer("towns"), load_control_points(), 100_000)["labelled"].sum())
    13
    """
    places = tracked_places(control_points).reindex(columns=["place_id", "name_en", "name_ar", "aliases", "geometry"])
    population = dict(zip(towns["town_id"].astype(str), towns["population"]))
    places = places.assign(population=places["place_id"].map(population))
    cities = towns[(towns["population"] >= label_population) & ~towns["town_id"].astype(str).isin(places["place_id"])]
    cities = cities.assign(place_id=cities["town_id"].astype(str), aliases="")[["place_id", "name_en", "name_ar", "aliases", "population", "geometry"]]
    shown = gpd.GeoDataFrame(pd.concat([places, cities], ignore_index=True), geometry="geometry", crs=towns.crs)
    shown["labelled"] = shown["population"].fillna(0) >= label_population
    return shown[["place_id", "name_en", "name_ar", "aliases", "population", "labelled", "geometry"]]


# The sides the opposition's frontline faced. The edge with the Turkish-backed factions (Afrin and
# the Azaz pocket after March 2018) is an internal boundary between allies, not a frontline.
OPPONENTS = ("government", "sdf")


def edge_pairs(places: gpd.GeoDataFrame, area: BaseGeometry, outline: BaseGeometry, reach_m: float,
               side: str = "opposition", opponents: tuple[str, ...] = OPPONENTS, cells: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """The pairs of tracked places across the frontline of `area` (metres CRS): a place of `side`
    inside the area and a place of an opponent whose Voronoi cells touch, with their distance in km.

    The line between such a pair is drawn where their cells meet, so their distance bounds how far
    the drawn edge can be from the real one there: the line's precision.
    """
    cells = (voronoi_cells(places, outline, reach_m) if cells is None else cells).reset_index(drop=True)
    points = places.to_crs(EQUAL_AREA_CRS).geometry.to_numpy()
    controllers = cells["controller"].to_numpy()
    shapely.prepare(area)
    inside = np.flatnonzero((controllers == side) & shapely.dwithin(area, points, 1.0))
    others = np.flatnonzero(np.isin(controllers, list(opponents)))
    geometries = cells.geometry.to_numpy()
    first, second = shapely.STRtree(geometries[others]).query(geometries[inside], predicate="intersects")
    pairs_in, pairs_out = inside[first], others[second]
    # Cells that meet along an edge, not at a single corner.
    shared = shapely.length(shapely.intersection(geometries[pairs_in], geometries[pairs_out])) > 0
    pairs_in, pairs_out = pairs_in[shared], pairs_out[shared]
    return pd.DataFrame({
        "inside_id": cells["place_id"].to_numpy()[pairs_in],
        "outside_id": cells["place_id"].to_numpy()[pairs_out],
        "km": shapely.distance(points[pairs_in], points[pairs_out]) / 1000,
    })


def line_precision_km(places: gpd.GeoDataFrame, area: BaseGeometry, outline: BaseGeometry, reach_m: float,
                      cells: gpd.GeoDataFrame | None = None) -> float:
    """The largest distance between neighbouring tracked places of opposite sides along the
    frontline of `area`, in km (NaN when no opponent's place borders it)."""
    pairs = edge_pairs(places, area, outline, reach_m, cells=cells)
    return float(pairs["km"].max()) if not pairs.empty else float("nan")
