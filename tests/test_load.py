"""Loaders validate once and fail with one DataError naming the file, the id and the field."""

from __future__ import annotations

import copy
import json

import pytest

from dataset import FEATURES, IDLIB_SQUARE, ROUNDS, SOURCES, write_dataset
from geo import DataError, load_claims, load_features, load_rounds, load_sources

BOWTIE = {"type": "Polygon", "coordinates": [[[36.5, 35.8], [36.7, 36.0], [36.7, 35.8], [36.5, 36.0], [36.5, 35.8]]]}
IN_CYPRUS = {"type": "Polygon", "coordinates": [[[33.0, 35.0], [33.2, 35.0], [33.2, 35.2], [33.0, 35.2], [33.0, 35.0]]]}


def with_feature_change(index: int, **changes):
    features = copy.deepcopy(FEATURES)
    for key, value in changes.items():
        if key == "geometry":
            features[index]["geometry"] = value
        else:
            features[index]["properties"][key] = value
    return features


def with_round_change(index: int, **changes):
    rounds = copy.deepcopy(ROUNDS)
    rounds[index].update(changes)
    return rounds


def test_the_fixture_dataset_loads(data_dir):
    features = load_features(data_dir)
    assert len(features) == len(FEATURES)
    assert features.crs.to_string() == "EPSG:4326"
    assert set(features["kind"]) == {"deescalation_zone", "frontline", "demilitarized_zone", "security_corridor", "observation_post"}
    rounds = load_rounds(data_dir)
    assert list(rounds["id"]) == ["astana-1", "astana-4", "protocol-2020"]
    assert str(rounds["start"].dtype).startswith("datetime64")
    assert len(load_sources(data_dir)) == len(SOURCES)


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        (with_feature_change(1, kind="frontier"), "data/features/all.geojson: front-2017: field 'kind': 'frontier' is not one of"),
        (with_feature_change(1, valid_from="2017-02-30"), "data/features/all.geojson: front-2017: field 'valid_from': expected a date as YYYY-MM-DD, got '2017-02-30'"),
        (with_feature_change(1, round_id="astana-99"), "data/features/all.geojson: front-2017: field 'round_id': round 'astana-99' does not exist"),
        (with_feature_change(1, sources=["nowhere"]), "data/features/all.geojson: front-2017: field 'sources': source 'nowhere' does not exist"),
        (with_feature_change(1, sources=[]), "data/features/all.geojson: front-2017: field 'sources': is missing or empty"),
        (with_feature_change(1, name_ar="Idlib"), "data/features/all.geojson: front-2017: field 'name_ar': expected Arabic text, got 'Idlib'"),
        (with_feature_change(1, valid_to="2017-01-01"), "data/features/all.geojson: front-2017: field 'valid_to': 2017-01-01 must be after valid_from 2017-05-04"),
        (with_feature_change(1, geometry=BOWTIE), "data/features/all.geojson: front-2017: field 'geometry': is not valid (Self-intersection"),
        (with_feature_change(1, geometry=IN_CYPRUS), "data/features/all.geojson: front-2017: field 'geometry': lies outside Syria"),
        (with_feature_change(1, geometry=None), "data/features/all.geojson: front-2017: field 'geometry': is missing or empty"),
        (with_feature_change(5, geometry={"type": "Polygon", "coordinates": IDLIB_SQUARE}), "data/features/all.geojson: post-1: field 'geometry': kind observation_post needs Point, got Polygon"),
        (with_feature_change(1, geometry={"type": "Point", "coordinates": [36.6, 35.9]}), "data/features/all.geojson: front-2017: field 'geometry': kind frontline needs Polygon or MultiPolygon, got Point"),
        (with_feature_change(2, id="front-2017"), "data/features/*.geojson: front-2017: field 'id': appears more than once"),
    ],
)
def test_a_bad_feature_is_named_with_file_id_and_field(tmp_path, features, expected):
    data_dir = write_dataset(tmp_path / "data", features=features)
    with pytest.raises(DataError) as error:
        load_features(data_dir)
    assert str(error.value).startswith(expected)


def test_malformed_geojson_names_the_file_and_the_position(data_dir):
    (data_dir / "features" / "all.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"^data/features/all.geojson: \(no id\): is not valid JSON \(Expecting value at line 1"):
        load_features(data_dir)


def test_a_json_file_that_is_not_a_feature_collection_is_refused(data_dir):
    (data_dir / "features" / "all.geojson").write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(DataError, match="is not a GeoJSON FeatureCollection"):
        load_features(data_dir)


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [
        (with_round_change(1, end="2017-05-01"), "data/rounds.yaml: astana-4: field 'end': 2017-05-01 must be on or after start 2017-05-03"),
        (with_round_change(1, start="4 May 2017"), "data/rounds.yaml: astana-4: field 'start': expected a date as YYYY-MM-DD, got '4 May 2017'"),
        (with_round_change(1, kind="summit"), "data/rounds.yaml: astana-4: field 'kind': 'summit' is not one of astana_round, agreement, event"),
        (with_round_change(1, number="four"), "data/rounds.yaml: astana-4: field 'number': expected a whole number, got 'four'"),
        (with_round_change(1, sources=["missing-source"]), "data/rounds.yaml: astana-4: field 'sources': source 'missing-source' does not exist"),
        (with_round_change(1, summary_ar="English only"), "data/rounds.yaml: astana-4: field 'summary_ar': expected Arabic text"),
        (with_round_change(1, id="astana-1"), "data/rounds.yaml: astana-1: field 'id': appears more than once"),
        (with_round_change(1, title_en=None), "data/rounds.yaml: astana-4: field 'title_en': is missing or empty"),
    ],
)
def test_a_bad_round_is_named_with_file_id_and_field(tmp_path, rounds, expected):
    data_dir = write_dataset(tmp_path / "data", rounds=rounds)
    with pytest.raises(DataError) as error:
        load_rounds(data_dir)
    assert str(error.value).startswith(expected)


def test_a_round_citing_a_missing_feature_is_refused(tmp_path):
    data_dir = write_dataset(tmp_path / "data", rounds=with_round_change(1, features=["zone-zz"]))
    with pytest.raises(DataError, match="^data/rounds.yaml: astana-4: field 'features': feature 'zone-zz' does not exist"):
        load_features(data_dir)


def test_broken_yaml_names_the_line(data_dir):
    (data_dir / "rounds.yaml").write_text("- id: astana-1\n  number: [1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^data/rounds.yaml: \(no id\): is not valid YAML at line \d+"):
        load_rounds(data_dir)


def test_a_yaml_tag_cannot_run_code(data_dir):
    (data_dir / "rounds.yaml").write_text("- !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(DataError, match="is not valid YAML"):
        load_rounds(data_dir)


def test_a_missing_file_is_named(data_dir):
    (data_dir / "rounds.yaml").unlink()
    with pytest.raises(DataError, match="^data/rounds.yaml: \\(no id\\): is missing"):
        load_rounds(data_dir)


def test_a_file_that_is_not_utf8_is_named(data_dir):
    (data_dir / "rounds.yaml").write_bytes(b"- id: \xff\xfe\n")
    with pytest.raises(DataError, match="^data/rounds.yaml: \\(no id\\): is not UTF-8 text"):
        load_rounds(data_dir)


def test_a_duplicate_source_id_across_files_is_refused(data_dir):
    (data_dir / "sources" / "more.yaml").write_text((data_dir / "sources" / "test.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="src-a: field 'id': appears more than once"):
        load_sources(data_dir)


def test_claims_load_and_must_cite_known_rounds(tmp_path, data_dir):
    assert list(load_claims(data_dir)["id"]) == ["seed-x-1", "seed-x-2"]
    from dataset import CLAIMS

    bad = copy.deepcopy(CLAIMS)
    bad[0]["round_id"] = "astana-77"
    broken = write_dataset(tmp_path / "other", claims=bad)
    with pytest.raises(DataError, match="^data/claims.yaml: seed-x-1: field 'round_id': round 'astana-77' does not exist"):
        load_claims(broken)
