"""Build the map features (data/features/*.geojson) from the specs, the control facts and the posts.

Run: .venv/bin/python scripts/build_features.py  [--out DIR]   (or `make build-data`)

No coordinate is typed by hand. Inputs: data/feature_specs.yaml (what to draw, with sources),
data/control_points.csv (who held which tracked place from which date),
data/observation_posts.csv, and the base layers in data/base/. Recipes (in feature_specs.yaml):
- `control_area`: the area the opposition held on `date` around the towns it held (geo.control),
  keeping only the parts that contain the `anchors` towns.
- `frontline_series` (a spec with `series:`): one frontline snapshot for every day a tracked town
  changed hands, plus the days in `milestones`; consecutive identical snapshots are merged.
- `band`: the part of the frontline in force on `date` within `depth_km` of the area the
  `facing` side held (the Sochi demilitarized zone).
- `road_corridor`: the stretch of a highway (`road`, data/highways.csv) between the places named
  `from` and `to`, widened by `half_width_km` each side.
- `point`: an observation post at the coordinates data/observation_posts.csv gives (its village,
  its base, or the nearest GeoNames town where neither could be located).
Deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import yaml
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.locale import format_date  # noqa: E402
from geo.control import control_on, controlled_area, line_precision_km, parts_containing, voronoi_cells  # noqa: E402
from geo.load import load_base_layer, load_control_points, load_highways, load_rounds  # noqa: E402
from geo.query import latest_round  # noqa: E402
from geo.schema import CRS, EQUAL_AREA_CRS  # noqa: E402

SPECS_FILE = ROOT / "data" / "feature_specs.yaml"
POSTS_FILE = ROOT / "data" / "observation_posts.csv"
FEATURES_DIR = ROOT / "data" / "features"
COORDINATE_GRID_DEGREES = 1e-5
# Tracked towns north of this latitude belong to the north-west (Hama is at 35.13, Rastan at 34.93).
NORTH_WEST_LATITUDE = 35.0
SIMPLIFY_METRES = 250
PROPERTY_KEYS = ("id", "kind", "name_en", "name_ar", "valid_from", "valid_to", "round_id", "sources", "confidence", "note", "precision_km")
CONFIDENCE_ORDER = ("low", "medium", "high")


class Inputs:
    """Everything the recipes read, loaded once and projected to metres."""

    def __init__(self) -> None:
        countries = load_base_layer("countries").to_crs(EQUAL_AREA_CRS)
        self.syria: BaseGeometry = countries.loc[countries["code"] == "SYR", "geometry"].union_all()
        self.towns = load_base_layer("towns").to_crs(EQUAL_AREA_CRS).set_index("town_id")
        self.control = load_control_points()
        self.rounds = load_rounds()
        self.highways = load_highways().to_crs(EQUAL_AREA_CRS)
        self._places: dict[tuple[dt.date, float], tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]] = {}

    def places_on(self, date: dt.date, reach_m: float) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """Each tracked place's controller on `date` and its Voronoi cells, computed once per day
        and reach (the area and the precision of a snapshot both need them)."""
        key = (date, reach_m)
        if key not in self._places:
            places = control_on(self.control, date)
            self._places[key] = (places, voronoi_cells(places, self.syria, reach_m))
        return self._places[key]

    def road_between(self, road: str, start: str, end: str, feature_id: str) -> LineString:
        """The stretch of `road` (data/highways.csv) from the place named `start` to `end`, in metres."""
        places = self.highways[self.highways["road"] == road].reset_index(drop=True)
        names = list(places["name_en"])
        if start not in names or end not in names:
            raise SystemExit(f"{feature_id}: {start!r} or {end!r} is not on the {road} in data/highways.csv")
        first, last = sorted((names.index(start), names.index(end)))
        return LineString(list(places.geometry.iloc[first:last + 1]))

    def town(self, town_id: int, feature_id: str) -> BaseGeometry:
        if town_id not in self.towns.index:
            raise SystemExit(f"{feature_id}: town {town_id} is not in data/base/towns.geojson")
        return self.towns.at[town_id, "geometry"]


def opposition_area(inputs: Inputs, date: dt.date, anchors: list[int] | str, recipe: dict[str, Any], feature_id: str) -> BaseGeometry:
    """The opposition's area on `date`, the parts around the anchor towns only.

    `anchors: north_west` means every town the opposition held north of NORTH_WEST_LATITUDE that
    day, so an encircled pocket (Morek, August 2019) stays on the map while the northern Homs
    pocket, a zone of its own, does not.
    """
    towns, cells = inputs.places_on(date, recipe["reach_km"] * 1000)
    area = controlled_area(towns, "opposition", inputs.syria, recipe["reach_km"] * 1000, recipe["smoothing_km"] * 1000, cells=cells)
    if anchors == "north_west":
        held = towns[(towns["controller"] == "opposition") & (towns["latitude"] >= NORTH_WEST_LATITUDE)]
        anchor_points = list(held.to_crs(EQUAL_AREA_CRS).geometry)
    else:
        anchor_points = [inputs.town(town_id, feature_id) for town_id in anchors]
    return parts_containing(area, anchor_points)


def band(inputs: Inputs, recipe: dict[str, Any], built: dict[str, tuple[dict, BaseGeometry]], feature_id: str) -> BaseGeometry:
    date = recipe["date"]
    in_force = [
        geometry for spec, geometry in built.values()
        if spec["kind"] == recipe["of_kind"] and spec["valid_from"] <= date and (spec["valid_to"] is None or date < spec["valid_to"])
    ]
    if len(in_force) != 1:
        raise SystemExit(f"{feature_id}: expected one {recipe['of_kind']} in force on {date}, found {len(in_force)}")
    towns = control_on(inputs.control, date)
    facing = controlled_area(towns, recipe["facing"], inputs.syria, recipe["reach_km"] * 1000)
    return in_force[0].intersection(facing.buffer(recipe["depth_km"] * 1000))


def build_geometry(spec: dict[str, Any], inputs: Inputs, built: dict[str, tuple[dict, BaseGeometry]]) -> BaseGeometry:
    recipe, feature_id = spec["geometry"], spec["id"]
    name = recipe["recipe"]
    if name == "point":
        return gpd.GeoSeries(gpd.points_from_xy([recipe["longitude"]], [recipe["latitude"]]), crs=CRS).to_crs(EQUAL_AREA_CRS).iloc[0]
    if name == "control_area":
        geometry = opposition_area(inputs, recipe["date"], recipe["anchors"], recipe, feature_id)
    elif name == "road_corridor":
        road = inputs.road_between(recipe["road"], recipe["from"], recipe["to"], feature_id)
        geometry = road.buffer(recipe["half_width_km"] * 1000, cap_style="flat").intersection(inputs.syria)
    elif name == "band":
        geometry = band(inputs, recipe, built, feature_id)
    else:
        raise SystemExit(f"{feature_id}: unknown recipe {name!r}")
    if geometry.is_empty:
        raise SystemExit(f"{feature_id}: the recipe gives an empty geometry")
    return geometry.simplify(SIMPLIFY_METRES)


def lowest_confidence(levels: list[str], ceiling: str) -> str:
    return min([*levels, ceiling], key=CONFIDENCE_ORDER.index)


def changes_near(inputs: Inputs, day: dt.date, geometry: BaseGeometry, previous: BaseGeometry) -> pd.DataFrame:
    """The control rows of `day` for towns in or near this snapshot: the facts that moved it."""
    changed = inputs.control[inputs.control["date"] == pd.Timestamp(day)].to_crs(EQUAL_AREA_CRS)
    near = geometry.union(previous).buffer(5000)
    return changed[changed.geometry.within(near)]


def expand_series(series: dict[str, Any], inputs: Inputs) -> list[dict[str, Any]]:
    """One frontline spec per day the line may have moved; identical neighbours merged."""
    start = series["start"]
    milestones = {day: round_id for day, round_id in (series.get("milestones") or {}).items()}
    change_days = {timestamp.date() for timestamp in inputs.control["date"] if timestamp.date() >= start}
    days = sorted(change_days | set(milestones) | {start})
    milestone_rows = inputs.rounds[inputs.rounds["kind"] != "astana_round"]
    snapshots: list[dict[str, Any]] = []
    for day in days:
        geometry = opposition_area(inputs, day, series["anchors"], series["geometry"], series["id_prefix"])
        if snapshots and day not in milestones and geometry.equals(snapshots[-1]["_geometry"]):
            continue
        reach_m = series["geometry"]["reach_km"] * 1000
        places, cells = inputs.places_on(day, reach_m)
        precision = line_precision_km(places, geometry, inputs.syria, reach_m, cells=cells)
        changed = changes_near(inputs, day, geometry, snapshots[-1]["_geometry"] if snapshots else geometry)
        round_id = milestones.get(day) or latest_round(milestone_rows, day)["id"]
        round_sources = inputs.rounds.set_index("id").at[round_id, "sources"] if day in milestones else []
        date_en, date_ar = format_date(day, "en"), format_date(day, "ar")
        sources = sorted(set(sum(changed["sources"], [])) | set(round_sources) | set(series["sources"]))
        snapshots.append(
            {
                "id": f"{series['id_prefix']}-{day.isoformat()}",
                "kind": series["kind"],
                "name_en": series["name_en"].format(date=date_en),
                "name_ar": series["name_ar"].format(date=date_ar),
                "valid_from": day,
                "round_id": round_id,
                "sources": sources,
                "confidence": lowest_confidence(list(changed["confidence"]), series["confidence"]),
                "note": series["note"],
                "precision_km": None if math.isnan(precision) else round(precision, 1),  # no opponent left along it
                "geometry": {**series["geometry"], "date": day, "anchors": series["anchors"]},
                "_geometry": geometry,
            }
        )
    for current, following in zip(snapshots, snapshots[1:] + [None]):
        current["valid_to"] = following["valid_from"] if following else series.get("valid_to")
    return snapshots


POST_PLACEMENTS = {
    "village": "at the village the sources name ({place}; coordinates: {source})",
    "base": "at the base's own coordinates ({place}; coordinates: {source})",
    "nearest_town": "its village ({place}) could not be located, so it is drawn at the nearest GeoNames town",
}


def observation_post_specs() -> list[dict[str, Any]]:
    """One point feature per post in data/observation_posts.csv, at the point that file gives."""
    specs = []
    with POSTS_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            placement = POST_PLACEMENTS[row["placement"]].format(place=row["place_en"], source=row["location_source"])
            specs.append(
                {
                    "id": row["id"],
                    "kind": "observation_post",
                    "name_en": f"Turkish observation post: {row['name_en']}",
                    "name_ar": f"نقطة المراقبة التركية: {row['name_ar']}",
                    "valid_from": dt.date.fromisoformat(row["established"]),
                    "valid_to": dt.date.fromisoformat(row["withdrawn"]) if row["withdrawn"] else None,
                    "round_id": row["round_id"],
                    "sources": row["sources"].split(";"),
                    "confidence": row["confidence"],
                    "note": f"{row['note']} Map position: {placement}.",
                    "geometry": {"recipe": "point", "longitude": float(row["longitude"]), "latitude": float(row["latitude"])},
                }
            )
    return specs


def describe(recipe: dict[str, Any]) -> str:
    """The recipe in words, stored in the feature's note so a reader knows how it was drawn."""
    details = ", ".join(f"{key}={value}" for key, value in recipe.items() if key != "recipe")
    return f"{recipe['recipe']} ({details})"


def feature_json(spec: dict[str, Any], geometry: BaseGeometry) -> dict[str, Any]:
    properties = {key: spec.get(key) for key in PROPERTY_KEYS}
    for key in ("valid_from", "valid_to"):
        if properties[key] is not None:
            properties[key] = str(properties[key])
    properties["note"] = " ".join((properties["note"] or "").split()) + f" Geometry: {describe(spec['geometry'])}."
    wgs84 = gpd.GeoSeries([geometry], crs=EQUAL_AREA_CRS).to_crs(CRS).iloc[0]
    snapped = shapely.set_precision(shapely.make_valid(wgs84), COORDINATE_GRID_DEGREES)
    return {"type": "Feature", "properties": properties, "geometry": shapely.geometry.mapping(snapped)}


def all_specs(inputs: Inputs) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for spec in yaml.safe_load(SPECS_FILE.read_text(encoding="utf-8")):
        spec.pop("checks", None)
        specs.extend(expand_series(spec, inputs) if "series" in spec else [spec])
    return specs + observation_post_specs()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FEATURES_DIR, help="folder for the GeoJSON files")
    out_dir: Path = parser.parse_args().out
    inputs = Inputs()
    built: dict[str, tuple[dict, BaseGeometry]] = {}
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for spec in all_specs(inputs):
        geometry = spec.pop("_geometry", None)
        geometry = geometry.simplify(SIMPLIFY_METRES) if geometry is not None else build_geometry(spec, inputs, built)
        built[spec["id"]] = (spec, geometry)
        by_kind.setdefault(spec["kind"], []).append(feature_json(spec, geometry))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.geojson"):
        old.unlink()
    for kind, features in sorted(by_kind.items()):
        collection = {"type": "FeatureCollection", "features": features}
        text = json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (out_dir / f"{kind}.geojson").write_text(text + "\n", encoding="utf-8")
        print(f"{kind}: {len(features)} features")


if __name__ == "__main__":
    main()
