"""Check raw records (dicts read from YAML or GeoJSON) against the schema tables.

Pure functions: records in, normalised records or DataError out. Only geo/load.py reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import DataError, shorten
from geo.schema import BORDER_TOLERANCE_DEGREES, SYRIA_BOUNDS, Field

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
POINT_KINDS = ("observation_post",)

# A record with the name of the file it came from, so a later check can still name the file.
Located = tuple[str, dict[str, Any]]
Item = TypeVar("Item")


def parse_date_value(value: object) -> dt.date:
    """A date from YAML (already a date) or text (ISO `YYYY-MM-DD`); ValueError otherwise.

    >>> parse_date_value("2017-05-04")
    datetime.date(2017, 5, 4)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date as YYYY-MM-DD, got {shorten(value)}")


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _check_value(field: Field, value: Any) -> Any:
    """The value normalised to the field's type; ValueError naming the problem otherwise."""
    if field.type == "date":
        return parse_date_value(value)
    if field.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {shorten(value)}")
        return value
    if field.type == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ValueError(f"expected a number, got {shorten(value)}")
        return float(value)
    if field.type == "list":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"expected a list of text items, got {shorten(value)}")
        unknown = [item for item in value if field.allowed and item not in field.allowed]
        if unknown:
            raise ValueError(f"{shorten(unknown[0])} is not one of {', '.join(field.allowed)}")
        return list(value)
    if field.type == "mapping":
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a mapping, got {shorten(value)}")
        return dict(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {shorten(value)}")
    if field.type == "text_ar" and not ARABIC_SCRIPT.search(value):
        raise ValueError(f"expected Arabic text, got {shorten(value)}")
    if field.allowed and value not in field.allowed:
        raise ValueError(f"{shorten(value)} is not one of {', '.join(field.allowed)}")
    return value


def validate_record(record: Mapping[str, Any], fields: Iterable[Field], file: str) -> dict[str, Any]:
    """One record checked and normalised field by field; the first problem raises DataError."""
    if not isinstance(record, Mapping):
        raise DataError(file, None, None, f"expected a mapping of fields, got {shorten(record)}")
    record_id = record.get("id")
    clean: dict[str, Any] = {}
    for field in fields:
        if field.type == "geometry":
            continue
        value = record.get(field.name)
        if _is_empty(value):
            if field.required:
                raise DataError(file, record_id, field.name, "is missing or empty")
            clean[field.name] = [] if field.type == "list" else None
            continue
        try:
            clean[field.name] = _check_value(field, value)
        except ValueError as error:
            raise DataError(file, record_id, field.name, str(error)) from None
    return clean


def check_unique_ids(records: Iterable[Mapping[str, Any]], file: str) -> None:
    """Every id appears once; a duplicate is named with the file."""
    seen: set[object] = set()
    for record in records:
        if record["id"] in seen:
            raise DataError(file, record["id"], "id", "appears more than once")
        seen.add(record["id"])


def check_references(
    records: Iterable[Mapping[str, Any]],
    field: str,
    known_ids: Collection[str],
    file: str,
    what: str,
    left_out_ids: Collection[object] = (),
) -> None:
    """Every id a record cites in `field` (a text or a list) exists among `known_ids`.

    An id among `left_out_ids` (a record the lenient loader skipped) is named as left out, so the
    reader looks for that record's own message rather than for a typo.
    """
    for record in records:
        cited = record.get(field)
        for cited_id in cited if isinstance(cited, list) else [cited]:
            if cited_id is None or cited_id in known_ids:
                continue
            problem = "was left out because of its own problem" if cited_id in left_out_ids else "does not exist"
            raise DataError(file, record["id"], field, f"{what} {shorten(cited_id)} {problem}")


def check_date_order(record: Mapping[str, Any], first: str, last: str, file: str, strict: bool) -> None:
    """`last` is on or after (or, if strict, after) `first`."""
    start, end = record.get(first), record.get(last)
    if start is None or end is None:
        return
    if end < start or (strict and end == start):
        relation = "after" if strict else "on or after"
        raise DataError(file, record["id"], last, f"{end.isoformat()} must be {relation} {first} {start.isoformat()}")


def check_geometry(geometry: BaseGeometry | None, kind: str, record_id: object, file: str) -> None:
    """A geometry that exists, is valid, has the type its kind needs and lies inside Syria."""
    if geometry is None or geometry.is_empty:
        raise DataError(file, record_id, "geometry", "is missing or empty")
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        raise DataError(file, record_id, "geometry", f"is not valid ({reason})")
    wanted = ("Point",) if kind in POINT_KINDS else ("Polygon", "MultiPolygon")
    if geometry.geom_type not in wanted:
        raise DataError(file, record_id, "geometry", f"kind {kind} needs {' or '.join(wanted)}, got {geometry.geom_type}")
    west, south, east, north = SYRIA_BOUNDS
    minx, miny, maxx, maxy = geometry.bounds
    if minx < west or miny < south or maxx > east or maxy > north:
        bounds = ", ".join(f"{value:.3f}" for value in geometry.bounds)
        raise DataError(
            file,
            record_id,
            "geometry",
            f"lies outside Syria (bounds {bounds}; Syria is {SYRIA_BOUNDS}, "
            f"tolerance {BORDER_TOLERANCE_DEGREES} degrees)",
        )


CLAIMED_FIELDS = ("number", "date", "month", "city_en", "outcome")


def check_outcome_verdict(record: Mapping[str, Any], file: str) -> None:
    """Claimed fields are known ones, and a claimed outcome comes with a sourced verdict."""
    unknown = [key for key in record["claimed"] if key not in CLAIMED_FIELDS]
    if unknown:
        raise DataError(file, record["id"], "claimed", f"{shorten(unknown[0])} is not one of {', '.join(CLAIMED_FIELDS)}")
    if "outcome" not in record["claimed"]:
        return
    for field in ("outcome_verdict", "verdict_note_en", "verdict_note_ar", "verdict_sources"):
        if _is_empty(record.get(field)):
            raise DataError(file, record["id"], field, "is required when the claim states an outcome")


def csv_record(row: Mapping[str, str], fields: Iterable[Field]) -> dict[str, Any]:
    """A CSV row (all text) typed by the schema: numbers parsed, `;`-separated lists split.

    Text that does not parse is passed on unchanged, so validate_record names it.
    """
    typed: dict[str, Any] = dict(row)
    for field in fields:
        value = row.get(field.name)
        if value is None or not value.strip():
            typed[field.name] = None
            continue
        value = value.strip()
        if field.type == "list":
            typed[field.name] = [item.strip() for item in value.split(";") if item.strip()]
        elif field.type in ("int", "float"):
            try:
                typed[field.name] = int(value) if field.type == "int" else float(value)
            except ValueError:
                typed[field.name] = value
        else:
            typed[field.name] = value
    return typed


def check_inside_bounds(record: Mapping[str, Any], file: str) -> None:
    """A control point's coordinates lie inside Syria's bounds."""
    west, south, east, north = SYRIA_BOUNDS
    if not (west <= record["longitude"] <= east and south <= record["latitude"] <= north):
        raise DataError(file, record["id"], "latitude", f"({record['latitude']}, {record['longitude']}) lies outside Syria")


# The lenient loader's steps: each checks records one by one and keeps the ones that pass.


@dataclass(frozen=True)
class Reference:
    """A field whose ids must name records of another table (`what`), and that table's ids."""

    field: str
    what: str
    known_ids: frozenset[str]
    left_out_ids: frozenset[object] = frozenset()


def keep_valid(items: Iterable[tuple[str, Item]], check: Callable[[Item, str], dict[str, Any]]) -> tuple[list[Located], list[DataError]]:
    """Each (file, item) checked on its own: the records that pass, and one DataError per item that fails.

    >>> keep_valid([("data/rounds.yaml", {"id": "astana-4"})], lambda item, file: dict(item))
    ([('data/rounds.yaml', {'id': 'astana-4'})], [])
    """
    kept: list[Located] = []
    problems: list[DataError] = []
    for file, item in items:
        try:
            kept.append((file, check(item, file)))
        except DataError as error:
            problems.append(error)
    return kept, problems


def keep_first_of_each_id(records: Iterable[Located]) -> tuple[list[Located], list[DataError]]:
    """The first record with each id; every later one is reported, naming where the first is."""
    first_file: dict[object, str] = {}
    kept: list[Located] = []
    problems: list[DataError] = []
    for file, record in records:
        if record["id"] in first_file:
            first = first_file[record["id"]]
            problems.append(DataError(file, record["id"], "id", f"appears more than once; this one is left out, the first (in {first}) is kept"))
            continue
        first_file[record["id"]] = file
        kept.append((file, record))
    return kept, problems


def keep_resolved(records: Iterable[Located], references: Sequence[Reference]) -> tuple[list[Located], list[DataError]]:
    """The records whose every reference names a kept record; one DataError per other record."""

    def check(record: dict[str, Any], file: str) -> dict[str, Any]:
        for reference in references:
            check_references([record], reference.field, reference.known_ids, file, reference.what, reference.left_out_ids)
        return record

    return keep_valid(records, check)
