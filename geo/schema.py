"""The data contract as a table: every field of every data file, its type, what it allows.

Loaders validate against these tables, tests check that every field is documented in
data/README.md, and nothing else in the code base spells out a field list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CRS = "EPSG:4326"
# An equal-area projection centred on Syria, for areas in km² and buffers in metres.
EQUAL_AREA_CRS = "+proj=aea +lat_0=35 +lon_0=38.5 +lat_1=33 +lat_2=37 +datum=WGS84 +units=m"
# Natural Earth's outline of Syria is 35.72..42.38 E, 32.31..37.32 N; a margin of
# 0.05 degrees (about 5 km) absorbs the generalisation of a 1:10m border.
SYRIA_BOUNDS = (35.67, 32.26, 42.43, 37.37)
BORDER_TOLERANCE_DEGREES = 0.05

# The slider runs from the first Astana round to the day the government fell.
PERIOD_START = dt.date(2017, 1, 23)
PERIOD_END = dt.date(2024, 12, 8)
# The page opens on the day the memorandum created the four zones.
DEFAULT_VIEW_DATE = dt.date(2017, 5, 4)

ROUND_KINDS = ("astana_round", "agreement", "event")
FEATURE_KINDS = (
    "deescalation_zone",
    "frontline",
    "demilitarized_zone",
    "security_corridor",
    "observation_post",
)
CONFIDENCE_LEVELS = ("high", "medium", "low")
CONTROLLERS = ("opposition", "government", "sdf", "turkish_backed")
DELEGATIONS = ("government", "opposition")
CLAIM_VERDICTS = ("agrees", "contradicts", "unverified")


@dataclass(frozen=True)
class Field:
    """One column of a data file: its name, type, whether it may be empty, what it allows."""

    name: str
    type: str  # str | int | float | date | list | mapping | text_ar | geometry
    required: bool
    help: str
    allowed: tuple[str, ...] = ()


ROUND_FIELDS: tuple[Field, ...] = (
    Field("id", "str", True, "Stable id: `astana-N` for numbered rounds, a slug for milestones."),
    Field("number", "int", False, "Round number 1..22; empty for milestones outside the numbered rounds."),
    Field("kind", "str", True, "What the row is.", ROUND_KINDS),
    Field("start", "date", True, "First day (ISO date)."),
    Field("end", "date", True, "Last day (ISO date), on or after `start`."),
    Field("city_en", "str", False, "City as named at the time (Astana, Nur-Sultan, Sochi...)."),
    Field("city_ar", "text_ar", False, "The city's name in Arabic."),
    Field("title_en", "str", True, "Short title in English."),
    Field("title_ar", "text_ar", True, "Short title in Arabic."),
    Field("summary_en", "str", True, "One or two sentences in English."),
    Field("summary_ar", "text_ar", True, "One or two sentences in Arabic."),
    Field("delegations", "list", False, "Syrian delegations at the table.", DELEGATIONS),
    Field("observers_en", "list", False, "Observers present, in English."),
    Field("observers_ar", "list", False, "Observers present, in Arabic."),
    Field("outcomes_en", "list", False, "Main outcomes as short points, in English."),
    Field("outcomes_ar", "list", False, "Main outcomes as short points, in Arabic."),
    Field("features", "list", False, "Ids of the map features this row created, changed or confirmed."),
    Field("sources", "list", True, "Ids of the sources (data/sources/*.yaml) that support the row."),
    Field("confidence", "str", True, "How sure the dates and facts are.", CONFIDENCE_LEVELS),
    Field("notes", "str", False, "What could not be verified; disagreements between sources."),
)

FEATURE_FIELDS: tuple[Field, ...] = (
    Field("id", "str", True, "Stable id, e.g. `zone-idlib`, `frontline-2020-03-06`."),
    Field("kind", "str", True, "What the feature is.", FEATURE_KINDS),
    Field("name_en", "str", True, "Name in English."),
    Field("name_ar", "text_ar", True, "Name in Arabic."),
    Field("valid_from", "date", True, "First day the feature is in force."),
    Field("valid_to", "date", False, "First day it is no longer in force; empty = still valid at the end of the period."),
    Field("round_id", "str", True, "The round or milestone that created or last changed it."),
    Field("sources", "list", True, "Ids of the sources that support its extent and dates."),
    Field("confidence", "str", True, "How closely the geometry follows the real line.", CONFIDENCE_LEVELS),
    Field("note", "str", False, "How the geometry was made and what is uncertain."),
    Field("precision_km", "float", False, "Frontlines: the largest distance, in km, between neighbouring tracked places of opposite sides along the line (computed by the build)."),
    Field("geometry", "geometry", True, "Polygon, MultiPolygon or Point in EPSG:4326, inside Syria."),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("id", "str", True, "Stable kebab-case id that rounds, features and claims cite."),
    Field("title", "str", True, "Title of the page, document or report."),
    Field("publisher", "str", False, "Who published it."),
    Field("date", "date", False, "Publication date, when known."),
    Field("language", "str", True, "Language code (en, ar, ru...)."),
    Field("url", "str", False, "Address, where one exists."),
    Field("supports", "str", True, "Which facts it supports."),
    Field("kind", "str", True, "Web page, news report (the seed reports) or dataset.", ("web", "news_report", "dataset", "document")),
    Field("file", "str", False, "For the seed news reports: the file name under shared/seeds/."),
)

CLAIM_FIELDS: tuple[Field, ...] = (
    Field("id", "str", True, "Stable id, e.g. `seed-000-1`."),
    Field("source", "str", True, "The source id of the report that makes the claim."),
    Field("round_id", "str", True, "The canonical round the report is talking about."),
    Field("identified_by", "str", True, "How the round was identified from the report's context."),
    Field("claimed", "mapping", True, "What the report states: any of number, date, month (YYYY-MM), city_en, outcome."),
    Field("claim_en", "str", True, "The claim paraphrased in English."),
    Field("claim_ar", "text_ar", True, "The claim paraphrased in Arabic."),
    Field("outcome_verdict", "str", False, "For a claimed outcome, the editor's verdict (code cannot compare outcomes).", CLAIM_VERDICTS),
    Field("verdict_note_en", "str", False, "Why the outcome verdict was given, in English."),
    Field("verdict_note_ar", "text_ar", False, "Why the outcome verdict was given, in Arabic."),
    Field("verdict_sources", "list", False, "Sources behind the outcome verdict."),
)

CONTROL_FIELDS: tuple[Field, ...] = (
    Field("place_id", "str", True, "The place: a GeoNames id (digits, a town in data/base/towns.geojson), an OCHA community code (`C4106`) or `x-<name>` for a place with neither."),
    Field("name_en", "str", True, "The place's usual English name."),
    Field("name_ar", "text_ar", True, "The place's usual Arabic name."),
    Field("aliases", "str", False, "Other spellings seen in the sources, English and Arabic, separated by `|`."),
    Field("ocha_code", "str", False, "The OCHA community code (adm4 p-code), the key humanitarian datasets use, where there is one."),
    Field("latitude", "float", True, "Latitude (WGS84), from `location_source`."),
    Field("longitude", "float", True, "Longitude (WGS84), from `location_source`."),
    Field("location_source", "str", True, "Where the coordinates come from: `geonames`, `osm-gazetteer` (OpenStreetMap contributors, ODbL) or a source id."),
    Field("date", "date", True, "From this day the place was held by `controller` (a change of hands, or the baseline of 4 May 2017)."),
    Field("controller", "str", True, "Who held it.", CONTROLLERS),
    Field("sources", "list", True, "Source ids, separated by `;` in the CSV."),
    Field("confidence", "str", True, "How sure the date and the controller are.", CONFIDENCE_LEVELS),
    Field("note", "str", False, "Evidence and doubts, in a sentence or two."),
)

HIGHWAY_FIELDS: tuple[Field, ...] = (
    Field("road", "str", True, "The highway.", ("M4", "M5")),
    Field("order", "int", True, "Its place along the road (1 at the road's first end: Hama for the M5, Saraqib for the M4)."),
    Field("place_id", "str", False, "The place's OCHA community code or GeoNames id, where it has one."),
    Field("name_en", "str", True, "The place's usual English name."),
    Field("name_ar", "text_ar", True, "The place's usual Arabic name."),
    Field("latitude", "float", True, "Latitude (WGS84) of the place (its community point: not the carriageway), from `location_source`."),
    Field("longitude", "float", True, "Longitude (WGS84), from `location_source`."),
    Field("location_source", "str", True, "Where the coordinates come from: `geonames`, `osm-gazetteer` (OpenStreetMap contributors, ODbL) or a source id."),
    Field("on_road", "str", True, "What the sources say of the place and the road.", ("through", "beside", "junction")),
    Field("sources", "list", True, "Source ids saying the road passes there, separated by `;` in the CSV."),
    Field("note", "str", False, "What the sources say, and what they leave open (how far from the road)."),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "rounds": ROUND_FIELDS,
    "features": FEATURE_FIELDS,
    "sources": SOURCE_FIELDS,
    "claims": CLAIM_FIELDS,
    "control_points": CONTROL_FIELDS,
    "highways": HIGHWAY_FIELDS,
}


def column_names(fields: tuple[Field, ...]) -> list[str]:
    """The columns of a table, in the order of the schema."""
    return [field.name for field in fields]
