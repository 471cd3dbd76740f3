"""The lenient loader keeps every valid record and names each one it leaves out (file, id, field);
the dashboard shows what is valid under one banner that lists what was left out."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from streamlit.testing.v1 import AppTest

from pages import open_dashboard, pick_date, shown_feature_names

import geo
from dataset import CLAIMS, CONTROL_CSV, FEATURES, ROUNDS, SOURCES, write_dataset
from geo import DataError
from geo.lenient import LenientDataset, load_dataset_leniently

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
FEATURES_FILE = "data/features/all.geojson"
ALL_FEATURE_IDS = {"zone-a", "front-2017", "front-2020", "dmz", "corridor", "post-1"}
BOWTIE = {"type": "Polygon", "coordinates": [[[36.5, 35.8], [36.7, 36.0], [36.7, 35.8], [36.5, 36.0], [36.5, 35.8]]]}
MALFORMED_GEOJSON = '{"type": "FeatureCollection", "features": ['


def changed(records: list[dict], index: int, **changes) -> list[dict]:
    """A copy of the fixture records with one record broken; a GeoJSON feature's properties are changed."""
    records = copy.deepcopy(records)
    for key, value in changes.items():
        target = records[index] if key == "geometry" or "properties" not in records[index] else records[index]["properties"]
        target[key] = value
    return records


def with_malformed_feature_file(directory: Path) -> Path:
    data_dir = write_dataset(directory)
    (data_dir / "features" / "more.geojson").write_text(MALFORMED_GEOJSON, encoding="utf-8")
    return data_dir


def dataset_with(**broken) -> Callable[[Path], Path]:
    return lambda directory: write_dataset(directory, **broken)


# One broken dataset per failure mode: the exact message, and the features still returned.
CASES = [
    pytest.param(
        with_malformed_feature_file,
        ["data/features/more.geojson: (no id): is not valid JSON (Expecting value at line 1, column 44)"],
        ALL_FEATURE_IDS,
        id="malformed GeoJSON file",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 1, geometry=BOWTIE)),
        [f"{FEATURES_FILE}: front-2017: field 'geometry': is not valid (Self-intersection[36.6 35.9])"],
        ALL_FEATURE_IDS - {"front-2017"},
        id="invalid geometry",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 1, kind="frontier")),
        [
            f"{FEATURES_FILE}: front-2017: field 'kind': 'frontier' is not one of deescalation_zone, frontline, "
            "demilitarized_zone, security_corridor, observation_post"
        ],
        ALL_FEATURE_IDS - {"front-2017"},
        id="unknown kind",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 1, valid_from="2017-02-30")),
        [f"{FEATURES_FILE}: front-2017: field 'valid_from': expected a date as YYYY-MM-DD, got '2017-02-30'"],
        ALL_FEATURE_IDS - {"front-2017"},
        id="unparseable date",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 1, round_id="astana-99")),
        [f"{FEATURES_FILE}: front-2017: field 'round_id': round 'astana-99' does not exist"],
        ALL_FEATURE_IDS - {"front-2017"},
        id="unknown round id",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 2, id="front-2017")),
        [f"{FEATURES_FILE}: front-2017: field 'id': appears more than once; this one is left out, the first (in {FEATURES_FILE}) is kept"],
        ALL_FEATURE_IDS - {"front-2020"},  # the second record took front-2017's id
        id="duplicate id",
    ),
    pytest.param(
        dataset_with(features=changed(FEATURES, 1, sources=["nowhere"])),
        [f"{FEATURES_FILE}: front-2017: field 'sources': source 'nowhere' does not exist"],
        ALL_FEATURE_IDS - {"front-2017"},
        id="missing source",
    ),
]


@pytest.mark.parametrize(("build", "expected_messages", "kept_feature_ids"), CASES)
def test_a_bad_record_is_left_out_and_named_the_rest_is_kept(tmp_path, build, expected_messages, kept_feature_ids):
    loaded, problems = load_dataset_leniently(build(tmp_path / "data"))
    assert [str(problem) for problem in problems] == expected_messages
    assert set(loaded.features["id"]) == kept_feature_ids
    assert list(loaded.rounds["id"]) == ["astana-1", "astana-4", "protocol-2020"]
    assert list(loaded.claims["id"]) == ["seed-x-1", "seed-x-2"]
    assert len(loaded.sources) == len(SOURCES) and len(loaded.control_points) == 4


def test_the_duplicate_keeps_the_first_record(tmp_path):
    loaded, _ = load_dataset_leniently(write_dataset(tmp_path / "data", features=changed(FEATURES, 2, id="front-2017")))
    assert loaded.features.set_index("id").at["front-2017", "name_en"] == "Front 2017"


def test_each_problem_carries_file_id_and_field(tmp_path):
    _, problems = load_dataset_leniently(write_dataset(tmp_path / "data", features=changed(FEATURES, 1, kind="frontier")))
    assert [(problem.file, problem.record_id, problem.field) for problem in problems] == [(FEATURES_FILE, "front-2017", "kind")]


def test_a_clean_dataset_loads_as_the_strict_loaders_load_it(data_dir):
    loaded, problems = load_dataset_leniently(data_dir)
    assert problems == []
    assert_geodataframe_equal(loaded.features, geo.load_features(data_dir))
    assert_geodataframe_equal(loaded.control_points, geo.load_control_points(data_dir))
    for name in ("sources", "rounds", "claims"):
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(geo, f"load_{name}")(data_dir))


def test_the_real_data_has_nothing_left_out():
    loaded, problems = load_dataset_leniently()
    assert [str(problem) for problem in problems] == []
    assert len(loaded.features) == len(geo.load_features()) and len(loaded.rounds) == len(geo.load_rounds())


def test_records_citing_a_left_out_round_are_left_out_naming_it(tmp_path):
    loaded, problems = load_dataset_leniently(write_dataset(tmp_path / "data", rounds=changed(ROUNDS, 1, kind="summit")))
    because = "field 'round_id': round 'astana-4' was left out because of its own problem"
    assert [str(problem) for problem in problems] == [
        "data/rounds.yaml: astana-4: field 'kind': 'summit' is not one of astana_round, agreement, event",
        f"{FEATURES_FILE}: zone-a: {because}",
        f"{FEATURES_FILE}: front-2017: {because}",
        f"{FEATURES_FILE}: dmz: {because}",
        f"{FEATURES_FILE}: post-1: {because}",
        f"data/claims.yaml: seed-x-1: {because}",
    ]
    assert set(loaded.features["id"]) == {"front-2020", "corridor"}
    assert list(loaded.claims["id"]) == ["seed-x-2"]


def test_a_round_citing_a_missing_source_is_left_out(tmp_path):
    loaded, problems = load_dataset_leniently(write_dataset(tmp_path / "data", rounds=changed(ROUNDS, 0, sources=["missing-source"])))
    assert str(problems[0]) == "data/rounds.yaml: astana-1: field 'sources': source 'missing-source' does not exist"
    assert list(loaded.rounds["id"]) == ["astana-4", "protocol-2020"]


def test_a_round_citing_a_feature_that_did_not_load_keeps_its_place_without_it(tmp_path):
    loaded, problems = load_dataset_leniently(write_dataset(tmp_path / "data", rounds=changed(ROUNDS, 1, features=["zone-a", "zone-zz"])))
    assert [str(problem) for problem in problems] == [
        "data/rounds.yaml: astana-4: field 'features': feature 'zone-zz' was not loaded; left out of this round's list"
    ]
    assert loaded.rounds.set_index("id").at["astana-4", "features"] == ["zone-a"]


def test_a_round_loses_a_left_out_feature_without_a_second_message(tmp_path):
    loaded, problems = load_dataset_leniently(write_dataset(tmp_path / "data", features=changed(FEATURES, 0, geometry=BOWTIE)))
    assert [problem.record_id for problem in problems] == ["zone-a"]
    assert loaded.rounds.set_index("id").at["astana-4", "features"] == []


def test_a_duplicate_source_in_a_second_file_is_left_out(data_dir):
    (data_dir / "sources" / "more.yaml").write_text((data_dir / "sources" / "test.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    loaded, problems = load_dataset_leniently(data_dir)
    assert [str(problem) for problem in problems] == [
        "data/sources/test.yaml: src-a: field 'id': appears more than once; this one is left out, the first (in data/sources/more.yaml) is kept",
        "data/sources/test.yaml: seed-x: field 'id': appears more than once; this one is left out, the first (in data/sources/more.yaml) is kept",
    ]
    assert sorted(loaded.sources["id"]) == ["seed-x", "src-a"]


def test_a_bad_claim_and_a_bad_control_point_are_left_out(tmp_path):
    control_csv = CONTROL_CSV.replace("2019-08-21,government", "2019-08-21,nobody")
    data_dir = write_dataset(tmp_path / "data", claims=changed(CLAIMS, 0, round_id="astana-77"), control_csv=control_csv)
    loaded, problems = load_dataset_leniently(data_dir)
    assert [str(problem) for problem in problems] == [
        "data/claims.yaml: seed-x-1: field 'round_id': round 'astana-77' does not exist",
        "data/control_points.csv: Khan Shaykhun 2019-08-21 (line 4): field 'controller': 'nobody' is not one of "
        "opposition, government, sdf, turkish_backed",
    ]
    assert list(loaded.claims["id"]) == ["seed-x-2"]
    assert len(loaded.control_points) == 3


def test_when_nothing_is_valid_the_frames_are_empty_with_the_same_columns(data_dir):
    (data_dir / "features" / "all.geojson").write_text(MALFORMED_GEOJSON, encoding="utf-8")
    (data_dir / "control_points.csv").unlink()
    loaded, problems = load_dataset_leniently(data_dir)
    assert [str(problem) for problem in problems] == [
        "data/rounds.yaml: astana-4: field 'features': feature 'zone-a' was not loaded; left out of this round's list",
        "data/features/all.geojson: (no id): is not valid JSON (Expecting value at line 1, column 44)",
        "data/control_points.csv: (no id): is missing",
    ]
    for name, strict in (("features", geo.load_features()), ("control_points", geo.load_control_points())):
        empty = getattr(loaded, name)
        assert empty.empty and empty.crs == strict.crs
        assert empty.dtypes.to_dict() == strict.dtypes.to_dict(), name


def test_no_usable_round_is_fatal(data_dir):
    (data_dir / "rounds.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^data/rounds.yaml: \(no id\): is not valid YAML"):
        load_dataset_leniently(data_dir)


def test_the_result_is_typed(data_dir):
    loaded, problems = load_dataset_leniently(data_dir)
    assert isinstance(loaded, LenientDataset) and isinstance(problems, list)


# The dashboard: one banner, the messages in an expander, and the page working with what is valid.


@pytest.fixture
def broken_app_factory(tmp_path, monkeypatch):
    """An app on a copy of the fixture data built by `build`, with the real base layers."""

    def open_with(build: Callable[[Path], Path]) -> AppTest:
        data_dir = build(tmp_path / "data")
        shutil.copytree(ROOT / "data" / "base", data_dir / "base")
        monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))
        return open_dashboard()

    return open_with


def test_the_dashboard_shows_what_is_valid_and_says_what_it_left_out(broken_app_factory):
    app = broken_app_factory(dataset_with(features=changed(FEATURES, 1, geometry=BOWTIE), claims=changed(CLAIMS, 0, round_id="astana-77")))
    assert [error.value for error in app.error] == ["Some data could not be used: 2 records left out"]
    assert app.expander[0].code[0].value.splitlines() == [
        f"{FEATURES_FILE}: front-2017: field 'geometry': is not valid (Self-intersection[36.6 35.9])",
        "data/claims.yaml: seed-x-1: field 'round_id': round 'astana-77' does not exist",
    ]
    assert shown_feature_names(app) == {"Zone A"}  # 4 May 2017: Front 2017 was left out
    pick_date(app, dt.date(2020, 3, 6))
    assert not app.exception
    assert shown_feature_names(app) == {"Front 2020", "Corridor", "Post 1"}
    assert app.subheader[0].value == "Moscow protocol"


# Regression: with every feature left out, the map once failed on folium's tooltip check.
def test_the_dashboard_works_when_a_whole_feature_file_is_unreadable(broken_app_factory):
    def only_malformed_features(directory: Path) -> Path:
        data_dir = write_dataset(directory)
        (data_dir / "features" / "all.geojson").write_text(MALFORMED_GEOJSON, encoding="utf-8")
        return data_dir

    app = broken_app_factory(only_malformed_features)
    assert [error.value for error in app.error] == ["Some data could not be used: 2 records left out"]
    assert "data/features/all.geojson: (no id): is not valid JSON" in app.expander[0].code[0].value
    pick_date(app, dt.date(2020, 3, 6))
    assert not app.exception
    assert shown_feature_names(app) == set()
    assert app.subheader[0].value == "Moscow protocol"


def test_a_missing_base_layer_stays_fatal(tmp_path, monkeypatch):
    data_dir = write_dataset(tmp_path / "data")
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    reason = "data/base/countries.geojson: (no id): is missing; rebuild it with scripts/build_base.py"
    # No language is chosen before the data loads: the message is in both.
    assert [error.value for error in app.error] == [f"The data could not be loaded: {reason}\n\nتعذّر تحميل البيانات: {reason}"]
    assert not app.title and not [node for node in app.main if node.type == "bidi_component"]
