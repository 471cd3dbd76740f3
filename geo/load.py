"""Read the data files, validate them once, and return frames. The only module that opens files.

The strict loaders (`load_rounds`, `load_features`...) raise DataError naming the file, the record
id and the field at the first problem. The readers and record checks they use (`read_yaml_list`,
`feature_record`, `table_frame`...) are shared with geo/lenient.py, which applies the same rules record
by record and keeps what passes. About 300 lines on purpose: every data file is opened here, so
one module decides how a file is read and what a broken one says.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely.geometry
import yaml

from geo.errors import DataError, shorten
from geo.schema import (
    CLAIM_FIELDS,
    CONTROL_FIELDS,
    HIGHWAY_FIELDS,
    CRS,
    FEATURE_FIELDS,
    ROUND_FIELDS,
    SOURCE_FIELDS,
    column_names,
)
from geo.validate import (
    check_date_order,
    check_inside_bounds,
    csv_record,
    check_geometry,
    check_outcome_verdict,
    check_references,
    check_unique_ids,
    validate_record,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Points the app at another copy of the data (a fixture, a reviewer's edit) without code changes.
DATA_DIR_VARIABLE = "DEESCALATION_DATA_DIR"
SAFE_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROUNDS_FILE = "rounds.yaml"
CONTROL_FILE = "control_points.csv"
HIGHWAYS_FILE = "highways.csv"
CLAIMS_FILE = "claims.yaml"
SOURCES_GLOB = "sources/*.yaml"
FEATURES_GLOB = "features/*.geojson"
DATE_COLUMNS = {"rounds": ("start", "end"), "features": ("valid_from", "valid_to"), "control_points": ("date",)}
# The dtypes pandas infers for a schema type, for a frame with no rows to infer them from.
EMPTY_DTYPES = {"str": "str", "text_ar": "str", "int": "int64", "float": "float64"}


def resolve_data_dir(data_dir: Path | str | None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DATA_DIR)


def _relative_name(path: Path, data_dir: Path) -> str:
    """`data/rounds.yaml` rather than an absolute path: messages stay short and portable."""
    try:
        return f"data/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return path.name


def _read_text(path: Path, name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, None, None, "is missing") from None
    except UnicodeDecodeError as error:
        raise DataError(name, None, None, f"is not UTF-8 text ({error.reason} at byte {error.start})") from None


def read_yaml_list(path: Path, data_dir: Path) -> tuple[str, list[Any]]:
    name = _relative_name(path, data_dir)
    try:
        # A safe loader builds plain data only: a YAML tag cannot construct or run anything. The C
        # one (libyaml, in PyYAML's wheels) reads the 600 sources several times faster.
        content = yaml.load(_read_text(path, name), Loader=SAFE_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(name, None, None, f"is not valid YAML{where}") from None
    if not isinstance(content, list):
        raise DataError(name, None, None, f"must be a list of records, got {type(content).__name__}")
    return name, content


def table_frame(records: list[dict[str, Any]], fields: tuple, table: str) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=column_names(fields))
    if not records:
        # Nothing to infer types from: take them from the schema, as a full frame would have them.
        frame = frame.astype({field.name: EMPTY_DTYPES[field.type] for field in fields if field.type in EMPTY_DTYPES})
    for column in DATE_COLUMNS.get(table, ()):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def data_files(directory: Path) -> list[Path]:
    """Every file the dataset is read from (some may be missing: the loaders say so)."""
    files = [directory / ROUNDS_FILE, directory / CLAIMS_FILE, directory / CONTROL_FILE]
    files += sorted(directory.glob("base/*.geojson"))
    return files + sorted(directory.glob(SOURCES_GLOB)) + sorted(directory.glob(FEATURES_GLOB))


def data_fingerprint(data_dir: Path | str | None = None) -> tuple:
    """Where the data is and when each file last changed: a cache key that changes when a file is
    edited, added or removed, so a running app reloads instead of serving stale data."""
    directory = resolve_data_dir(data_dir)
    stamps = []
    for path in data_files(directory):
        try:
            status = path.stat()
            stamps.append((path.name, status.st_mtime_ns, status.st_size))
        except OSError:
            stamps.append((path.name, None, None))
    return (str(directory.resolve()), tuple(stamps))


def load_sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every source cited by rounds, features and claims, from data/sources/*.yaml.

    >>> load_sources().set_index("id").loc["seed-000", "language"]
    'ar'
    """
    directory = resolve_data_dir(data_dir)
    records: list[dict[str, Any]] = []
    for path in sorted(directory.glob(SOURCES_GLOB)):
        name, raw = read_yaml_list(path, directory)
        records.extend(validate_record(item, SOURCE_FIELDS, name) for item in raw)
    if not records:
        raise DataError(f"data/{SOURCES_GLOB}", None, None, "no source files found")
    check_unique_ids(records, f"data/{SOURCES_GLOB}")
    return table_frame(records, SOURCE_FIELDS, "sources")


def load_rounds(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per Astana round or milestone, ordered by start date.

    >>> load_rounds().set_index("id").loc["astana-4", "city_en"]
    'Astana'
    """
    directory = resolve_data_dir(data_dir)
    name, raw = read_yaml_list(directory / ROUNDS_FILE, directory)
    records = [validate_record(item, ROUND_FIELDS, name) for item in raw]
    check_unique_ids(records, name)
    for record in records:
        check_date_order(record, "start", "end", name, strict=False)
    source_ids = set(load_sources(directory)["id"])
    check_references(records, "sources", source_ids, name, "source")
    return rounds_frame(records)


def rounds_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    rounds = table_frame(records, ROUND_FIELDS, "rounds")
    rounds["number"] = rounds["number"].astype("Int64")
    return rounds.sort_values(["start", "end", "id"], kind="stable").reset_index(drop=True)


def read_feature_collection(path: Path, data_dir: Path) -> tuple[str, list[Any]]:
    name = _relative_name(path, data_dir)
    try:
        collection = json.loads(_read_text(path, name))
    except json.JSONDecodeError as error:
        raise DataError(name, None, None, f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataError(name, None, None, "is not a GeoJSON FeatureCollection")
    return name, collection.get("features") or []


def feature_record(feature: Any, name: str) -> dict[str, Any]:
    """One GeoJSON feature's properties and geometry, checked: its dates, kind and shape."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    record = validate_record(properties or {}, FEATURE_FIELDS, name)
    try:
        geometry = shapely.geometry.shape(feature["geometry"]) if feature.get("geometry") else None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise DataError(name, record["id"], "geometry", f"cannot be read ({shorten(str(error))})") from None
    check_geometry(geometry, record["kind"], record["id"], name)
    check_date_order(record, "valid_from", "valid_to", name, strict=True)
    record["geometry"] = geometry
    return record


def feature_records(path: Path, data_dir: Path) -> list[dict[str, Any]]:
    name, features = read_feature_collection(path, data_dir)
    return [feature_record(feature, name) | {"_file": name} for feature in features]


def load_features(data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Every map feature (zones, frontlines, bands, posts) in EPSG:4326, ordered by start date.

    >>> load_features().crs.to_string()
    'EPSG:4326'
    """
    directory = resolve_data_dir(data_dir)
    records: list[dict[str, Any]] = []
    for path in sorted(directory.glob(FEATURES_GLOB)):
        records.extend(feature_records(path, directory))
    if not records:
        raise DataError(f"data/{FEATURES_GLOB}", None, None, "no feature files found")
    check_unique_ids(records, f"data/{FEATURES_GLOB}")
    rounds = load_rounds(directory)
    source_ids = set(load_sources(directory)["id"])
    for record in records:
        check_references([record], "round_id", set(rounds["id"]), record["_file"], "round")
        check_references([record], "sources", source_ids, record["_file"], "source")
    feature_ids = {record["id"] for record in records}
    rounds_records = rounds[["id", "features"]].to_dict("records")
    check_references(rounds_records, "features", feature_ids, f"data/{ROUNDS_FILE}", "feature")
    return features_frame([{k: v for k, v in r.items() if k != "_file"} for r in records])


def features_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    features = gpd.GeoDataFrame(table_frame(records, FEATURE_FIELDS, "features"), geometry="geometry", crs=CRS)
    return features.sort_values(["valid_from", "id"], kind="stable").reset_index(drop=True)


def load_base_layer(name: str, data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """A base layer built by scripts/build_base.py (`countries`, `towns`), in EPSG:4326."""
    directory = resolve_data_dir(data_dir)
    path = directory / "base" / f"{name}.geojson"
    label = _relative_name(path, directory)
    if not path.exists():
        raise DataError(label, None, None, "is missing; rebuild it with scripts/build_base.py")
    try:
        layer = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        raise DataError(label, None, None, f"cannot be read ({shorten(str(error))})") from None
    return layer.to_crs(CRS) if layer.crs is not None else layer.set_crs(CRS)


def load_claims(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The news reports' claims about rounds, as recorded (not yet checked: see geo.claims)."""
    directory = resolve_data_dir(data_dir)
    name, raw = read_yaml_list(directory / CLAIMS_FILE, directory)
    records = [validate_record(item, CLAIM_FIELDS, name) for item in raw]
    check_unique_ids(records, name)
    source_ids = set(load_sources(directory)["id"])
    check_references(records, "source", source_ids, name, "source")
    check_references(records, "verdict_sources", source_ids, name, "source")
    check_references(records, "round_id", set(load_rounds(directory)["id"]), name, "round")
    for record in records:
        check_outcome_verdict(record, name)
    return table_frame(records, CLAIM_FIELDS, "claims")


def load_control_points(data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Who held which place from which date: one row per place and change of hands, as points.

    >>> load_control_points().query("name_en == 'Saraqib'")["controller"].tolist()
    ['opposition', 'government', 'opposition', 'government', 'opposition']
    """
    directory = resolve_data_dir(data_dir)
    name, rows = read_control_rows(directory / CONTROL_FILE, directory)
    records = [control_record(row, name) for row in rows]
    check_references(records, "sources", set(load_sources(directory)["id"]), name, "source")
    return control_frame(records)


def load_highways(data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """The places the M4 and M5 pass, in order along each road (a build input of
    scripts/build_base.py and the M4 corridor; the dashboard draws data/base/roads.geojson).

    >>> load_highways().query("road == 'M4'")["name_en"].iloc[[0, -1]].tolist()
    ['Saraqib', 'Latakia']
    """
    directory = resolve_data_dir(data_dir)
    name, rows = read_control_rows(directory / HIGHWAYS_FILE, directory)
    records = []
    for line_number, row in rows:
        row_id = f"{row.get('road')} {row.get('order')} {row.get('name_en')} (line {line_number})"
        record = validate_record(csv_record(row, HIGHWAY_FIELDS) | {"id": row_id}, HIGHWAY_FIELDS, name)
        record["id"] = row_id
        check_inside_bounds(record, name)
        records.append(record)
    check_references(records, "sources", set(load_sources(directory)["id"]), name, "source")
    frame = table_frame(records, HIGHWAY_FIELDS, "highways").sort_values(["road", "order"], kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=CRS)


def read_control_rows(path: Path, data_dir: Path) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    name = _relative_name(path, data_dir)
    rows = csv.DictReader(io.StringIO(_read_text(path, name)))
    return name, list(enumerate(rows, start=2))


def control_record(numbered_row: tuple[int, dict[str, str]], name: str) -> dict[str, Any]:
    line_number, row = numbered_row
    # A town has several rows: the record id names the town, the date and the CSV line.
    row_id = f"{row.get('name_en') or row.get('place_id')} {row.get('date')} (line {line_number})"
    record = validate_record(csv_record(row, CONTROL_FIELDS) | {"id": row_id}, CONTROL_FIELDS, name)
    record["id"] = row_id
    check_inside_bounds(record, name)
    return record


def control_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    frame = table_frame(records, CONTROL_FIELDS, "control_points")
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=CRS)
    return points.sort_values(["place_id", "date"], kind="stable").reset_index(drop=True)
