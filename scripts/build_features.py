"""Build the map features (data/features/*.geojson) from data/feature_specs.yaml.

Run: .venv/bin/python scripts/build_features.py

Every geometry is derived, by a recipe named in the spec, from GeoNames town coordinates
(data/base/towns.geojson) and Natural Earth's outline of Syria (data/base/countries.geojson):
no coordinate is typed by hand. Recipes:
- `towns_hull`: the convex hull of the listed towns, widened by `buffer_km`, clipped to Syria.
- `town_point`: the listed town's point (an observation post placed at the town it is named after).
- `road_corridor`: the line through the listed towns, widened by `half_width_km` on each side.
- `band`: the part of feature `of` within `depth_km` of its edge with the rest of Syria,
  leaving out the edge it shares with the areas around the towns in `except_near_towns`.
Deterministic: same specs and base layers, same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
import yaml
from shapely.geometry import LineString, MultiPoint
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.schema import CRS, EQUAL_AREA_CRS  # noqa: E402

SPECS_FILE = ROOT / "data" / "feature_specs.yaml"
POSTS_FILE = ROOT / "data" / "observation_posts.csv"
BASE_DIR = ROOT / "data" / "base"
FEATURES_DIR = ROOT / "data" / "features"
COORDINATE_GRID_DEGREES = 1e-5
# Smooths the corners that buffering and clipping leave, ~1 km; keeps files small.
SIMPLIFY_METRES = 300
PROPERTY_KEYS = ("id", "kind", "name_en", "name_ar", "valid_from", "valid_to", "round_id", "sources", "confidence", "note")


def load_base() -> tuple[BaseGeometry, gpd.GeoDataFrame]:
    countries = gpd.read_file(BASE_DIR / "countries.geojson").to_crs(EQUAL_AREA_CRS)
    syria = countries.loc[countries["code"] == "SYR", "geometry"].union_all()
    towns = gpd.read_file(BASE_DIR / "towns.geojson").to_crs(EQUAL_AREA_CRS).set_index("town_id")
    return syria, towns


def town_points(towns: gpd.GeoDataFrame, town_ids: list[int], feature_id: str) -> list[BaseGeometry]:
    missing = [town_id for town_id in town_ids if town_id not in towns.index]
    if missing:
        raise SystemExit(f"{feature_id}: town ids not in data/base/towns.geojson: {missing}")
    return [towns.at[town_id, "geometry"] for town_id in town_ids]


def towns_hull(recipe: dict[str, Any], towns: gpd.GeoDataFrame, syria: BaseGeometry, feature_id: str) -> BaseGeometry:
    points = MultiPoint(town_points(towns, recipe["towns"], feature_id))
    return points.convex_hull.buffer(recipe["buffer_km"] * 1000).intersection(syria)


def road_corridor(recipe: dict[str, Any], towns: gpd.GeoDataFrame, syria: BaseGeometry, feature_id: str) -> BaseGeometry:
    road = LineString(town_points(towns, recipe["towns"], feature_id))
    return road.buffer(recipe["half_width_km"] * 1000, cap_style="flat").intersection(syria)


def band(recipe: dict[str, Any], towns: gpd.GeoDataFrame, syria: BaseGeometry, built: dict[str, BaseGeometry], feature_id: str) -> BaseGeometry:
    area = built[recipe["of"]]
    facing = syria.difference(area)
    if recipe.get("except_near_towns"):
        excluded = MultiPoint(town_points(towns, recipe["except_near_towns"], feature_id))
        facing = facing.difference(excluded.convex_hull.buffer(recipe["except_buffer_km"] * 1000))
    return area.intersection(facing.buffer(recipe["depth_km"] * 1000))


def build_geometry(spec: dict[str, Any], towns: gpd.GeoDataFrame, syria: BaseGeometry, built: dict[str, BaseGeometry]) -> BaseGeometry:
    recipe, feature_id = spec["geometry"], spec["id"]
    name = recipe["recipe"]
    if name == "town_point":
        return town_points(towns, [recipe["town"]], feature_id)[0]
    if name == "towns_hull":
        geometry = towns_hull(recipe, towns, syria, feature_id)
    elif name == "road_corridor":
        geometry = road_corridor(recipe, towns, syria, feature_id)
    elif name == "band":
        geometry = band(recipe, towns, syria, built, feature_id)
    else:
        raise SystemExit(f"{feature_id}: unknown recipe {name!r}")
    return geometry.simplify(SIMPLIFY_METRES)


def to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    projected = gpd.GeoSeries([geometry], crs=EQUAL_AREA_CRS).to_crs(CRS).iloc[0]
    return shapely.set_precision(shapely.make_valid(projected), COORDINATE_GRID_DEGREES)


def feature_json(spec: dict[str, Any], geometry: BaseGeometry) -> dict[str, Any]:
    properties = {key: spec.get(key) for key in PROPERTY_KEYS}
    for key in ("valid_from", "valid_to"):
        if properties[key] is not None:
            properties[key] = str(properties[key])
    properties["note"] = (properties["note"] or "").strip() + f" Geometry: {describe(spec['geometry'])}."
    return {"type": "Feature", "properties": properties, "geometry": shapely.geometry.mapping(geometry)}


def describe(recipe: dict[str, Any]) -> str:
    """The recipe in words, stored with the feature so a reader knows how it was drawn."""
    details = ", ".join(f"{key}={value}" for key, value in recipe.items() if key != "recipe")
    return f"{recipe['recipe']} ({details})"


def observation_post_specs() -> list[dict[str, Any]]:
    """One point feature per post in data/observation_posts.csv, placed at its GeoNames town."""
    specs = []
    with POSTS_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            established = dt.date.fromisoformat(row["established"])
            placement = (
                "placed at the town it is named after"
                if row["placement"] == "named_town"
                else "its village is not among the GeoNames towns, so it is placed at the nearest listed town"
            )
            specs.append(
                {
                    "id": row["id"],
                    "kind": "observation_post",
                    "name_en": f"Turkish observation post: {row['name_en']}",
                    "name_ar": f"نقطة المراقبة التركية: {row['name_ar']}",
                    "valid_from": established,
                    "valid_to": dt.date.fromisoformat(row["withdrawn"]) if row["withdrawn"] else None,
                    "round_id": row["round_id"],
                    "sources": row["sources"].split(";"),
                    "confidence": row["confidence"],
                    "note": f"{row['note']} Map position: {placement} (GeoNames {row['town_id']}).",
                    "geometry": {"recipe": "town_point", "town": int(row["town_id"])},
                }
            )
    return specs


def main() -> None:
    specs = yaml.safe_load(SPECS_FILE.read_text(encoding="utf-8")) + observation_post_specs()
    syria, towns = load_base()
    built: dict[str, BaseGeometry] = {}
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for spec in specs:
        geometry = build_geometry(spec, towns, syria, built)
        built[spec["id"]] = geometry
        by_kind.setdefault(spec["kind"], []).append(feature_json(spec, to_wgs84(geometry)))
    FEATURES_DIR.mkdir(parents=True, exist_ok=True)
    for old in FEATURES_DIR.glob("*.geojson"):
        old.unlink()
    for kind, features in sorted(by_kind.items()):
        collection = {"type": "FeatureCollection", "features": features}
        text = json.dumps(collection, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
        (FEATURES_DIR / f"{kind}.geojson").write_text(text + "\n", encoding="utf-8")
        print(f"{kind}: {len(features)} features")


if __name__ == "__main__":
    main()
