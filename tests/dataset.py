"""A small dataset built in code from a handful of coordinates: every kind, every boundary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

# A 0.2-degree square near Idlib city, and a point inside it.
IDLIB_SQUARE = [[[36.5, 35.8], [36.7, 35.8], [36.7, 36.0], [36.5, 36.0], [36.5, 35.8]]]
SOUTH_SQUARE = [[[36.0, 32.8], [36.2, 32.8], [36.2, 33.0], [36.0, 33.0], [36.0, 32.8]]]
POST_POINT = [36.6, 35.9]

SOURCES = [
    {"id": "src-a", "title": "Source A", "publisher": "Test", "date": "2017-05-06", "language": "en",
     "url": "https://example.org/a", "supports": "everything in the fixture", "kind": "web"},
    {"id": "seed-x", "title": "A news report", "publisher": None, "date": None, "language": "ar",
     "url": None, "supports": "a claim", "kind": "news_report", "file": "x.txt"},
]

ROUNDS = [
    {"id": "astana-1", "number": 1, "kind": "astana_round", "start": "2017-01-23", "end": "2017-01-24",
     "city_en": "Astana", "city_ar": "أستانا", "title_en": "Astana 1", "title_ar": "أستانا 1",
     "summary_en": "First round.", "summary_ar": "الجولة الأولى.", "delegations": ["government", "opposition"],
     "observers_en": ["United Nations"], "observers_ar": ["الأمم المتحدة"], "outcomes_en": ["A ceasefire monitor."],
     "outcomes_ar": ["آلية لمراقبة وقف إطلاق النار."], "features": [], "sources": ["src-a"], "confidence": "high", "notes": ""},
    {"id": "astana-4", "number": 4, "kind": "astana_round", "start": "2017-05-03", "end": "2017-05-04",
     "city_en": "Astana", "city_ar": "أستانا", "title_en": "Astana 4", "title_ar": "أستانا 4",
     "summary_en": "The zones.", "summary_ar": "المناطق.", "delegations": ["government"], "observers_en": [],
     "observers_ar": [], "outcomes_en": [], "outcomes_ar": [], "features": ["zone-a"], "sources": ["src-a"],
     "confidence": "high", "notes": None},
    {"id": "protocol-2020", "number": None, "kind": "agreement", "start": "2020-03-05", "end": "2020-03-05",
     "city_en": "Moscow", "city_ar": "موسكو", "title_en": "Moscow protocol", "title_ar": "بروتوكول موسكو",
     "summary_en": "A ceasefire.", "summary_ar": "وقف لإطلاق النار.", "delegations": [], "observers_en": [],
     "observers_ar": [], "outcomes_en": [], "outcomes_ar": [], "features": [], "sources": ["src-a"],
     "confidence": "medium", "notes": None},
]


def feature(feature_id: str, kind: str, valid_from: str, valid_to: str | None, geometry: dict[str, Any],
            round_id: str = "astana-4", name_en: str | None = None) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {
            "id": feature_id, "kind": kind, "name_en": name_en or f"Name of {feature_id}",
            "name_ar": f"اسم {feature_id}", "valid_from": valid_from, "valid_to": valid_to, "round_id": round_id,
            "sources": ["src-a"], "confidence": "medium", "note": "fixture",
        },
        "geometry": geometry,
    }


def polygon(coordinates: list) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": coordinates}


FEATURES = [
    feature("zone-a", "deescalation_zone", "2017-05-04", "2018-07-31", polygon(SOUTH_SQUARE), name_en="Zone A"),
    feature("front-2017", "frontline", "2017-05-04", "2020-03-06", polygon(IDLIB_SQUARE), name_en="Front 2017"),
    feature("front-2020", "frontline", "2020-03-06", None, polygon(IDLIB_SQUARE), round_id="protocol-2020", name_en="Front 2020"),
    feature("dmz", "demilitarized_zone", "2018-09-17", "2019-05-01", polygon(IDLIB_SQUARE), name_en="DMZ"),
    feature("corridor", "security_corridor", "2020-03-06", None, polygon(IDLIB_SQUARE), round_id="protocol-2020", name_en="Corridor"),
    feature("post-1", "observation_post", "2017-10-13", "2020-10-20", {"type": "Point", "coordinates": POST_POINT}, name_en="Post 1"),
]

CLAIMS = [
    {"id": "seed-x-1", "source": "seed-x", "round_id": "astana-4", "identified_by": "the report dates it to May 2017",
     "claimed": {"number": 4, "date": "2017-05-04"}, "claim_en": "Round 4 signed the memorandum on 4 May 2017.",
     "claim_ar": "وقعت الجولة الرابعة المذكرة في 4 أيار 2017."},
    {"id": "seed-x-2", "source": "seed-x", "round_id": "protocol-2020", "identified_by": "the report names the March 2020 deal",
     "claimed": {"city_en": "Ankara"}, "claim_en": "The March 2020 deal was made in Ankara.",
     "claim_ar": "أبرم اتفاق آذار 2020 في أنقرة."},
]


# Who held which town: Idlib (inside IDLIB_SQUARE) throughout, and a town south of it that changes hands.
CONTROL_HEADER = "place_id,name_en,name_ar,aliases,ocha_code,latitude,longitude,location_source,date,controller,sources,confidence,note\n"
CONTROL_CSV = CONTROL_HEADER + """169389,Idlib,إدلب,Idleb,C4230,35.93062,36.63393,geonames,2017-05-04,opposition,src-a,high,fixture
168325,Khan Shaykhun,خان شيخون,,,35.44208,36.65095,geonames,2017-05-04,opposition,src-a,high,fixture
168325,Khan Shaykhun,خان شيخون,,,35.44208,36.65095,geonames,2019-08-21,government,src-a,medium,fixture
170017,Hama,حماة,,,35.13179,36.75783,geonames,2017-05-04,government,src-a,high,fixture
"""


def write_dataset(directory: Path, sources=SOURCES, rounds=ROUNDS, features=FEATURES, claims=CLAIMS, control_csv=CONTROL_CSV) -> Path:
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    (directory / "features").mkdir(exist_ok=True)
    (directory / "sources" / "test.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    (directory / "rounds.yaml").write_text(yaml.safe_dump(rounds, allow_unicode=True), encoding="utf-8")
    (directory / "claims.yaml").write_text(yaml.safe_dump(claims, allow_unicode=True), encoding="utf-8")
    (directory / "control_points.csv").write_text(control_csv, encoding="utf-8")
    collection = {"type": "FeatureCollection", "features": features}
    (directory / "features" / "all.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return directory
