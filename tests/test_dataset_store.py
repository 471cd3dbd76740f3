"""The built dataset is kept on disk between servers and rebuilt when what it came from changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import geo.dataset_store as dataset_store
from geo.dataset import build_dataset
from geo.dataset_store import stored_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(ROOT / "data", directory, ignore=shutil.ignore_patterns("README.md"))
    return directory


def stored_files(store: Path) -> list[Path]:
    return sorted(store.glob("dataset-*.pickle"))


def refuse_to_build(*_args, **_kwargs):
    raise AssertionError("built again, though this version of the data was stored")


def test_the_second_server_reads_the_dataset_the_first_built(data_copy, tmp_path, monkeypatch):
    store = tmp_path / "store"
    first = stored_dataset(data_copy, store)
    assert len(stored_files(store)) == 1
    monkeypatch.setattr(dataset_store, "build_dataset", refuse_to_build)
    second = stored_dataset(data_copy, store)
    built = build_dataset(data_copy)
    for read in (first, second):
        pd.testing.assert_frame_equal(read.features, built.features)
        pd.testing.assert_frame_equal(read.areas, built.areas)
        pd.testing.assert_frame_equal(read.checked_claims, built.checked_claims)
        assert read.problems == built.problems
    assert second.features.crs == built.features.crs


def test_an_edited_data_file_is_built_anew_and_replaces_the_old_version(data_copy, tmp_path):
    store = tmp_path / "store"
    stored_dataset(data_copy, store)
    rounds = data_copy / "rounds.yaml"
    rounds.write_text(rounds.read_text(encoding="utf-8").replace('title_en: "Astana 1"', 'title_en: "Nur-Sultan 1"', 1), encoding="utf-8")
    edited = stored_dataset(data_copy, store)
    assert edited.rounds["title_en"].str.contains("Nur-Sultan").any()
    assert len(stored_files(store)) == 1  # the older version went


def test_a_broken_data_file_is_reported_as_when_building(data_copy, tmp_path):
    (data_copy / "claims.yaml").write_text("claims: [unclosed", encoding="utf-8")
    dataset = stored_dataset(data_copy, tmp_path / "store")
    assert any("claims.yaml" in problem for problem in dataset.problems)
    assert dataset.features.shape[0] > 100


def test_a_damaged_store_file_is_rebuilt_not_raised(data_copy, tmp_path):
    store = tmp_path / "store"
    stored_dataset(data_copy, store)
    [path] = stored_files(store)
    path.write_bytes(b"\x80\x04 not a pickle")
    dataset = stored_dataset(data_copy, store)
    assert dataset.features.shape[0] > 100
    assert path.read_bytes()[:1] == b"\x80" and path.stat().st_size > 10_000  # written again, whole


def test_a_store_that_cannot_be_written_only_costs_a_rebuild(data_copy, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the store should be")
    dataset = stored_dataset(data_copy, blocked / "store")
    assert dataset.features.shape[0] > 100
    assert blocked.read_text() == "a file where the store should be"


def test_a_new_server_reads_the_published_layers_back_and_rewrites_a_missing_file(data_copy, tmp_path, monkeypatch):
    import functools

    import components.cache as cache
    from components.assets import publish_text
    from geo.load import data_fingerprint

    layers_dir = tmp_path / "layers"
    monkeypatch.setenv(dataset_store.STORE_ENV, str(tmp_path / "store"))
    monkeypatch.setattr(cache, "publish_text", functools.partial(publish_text, directory=layers_dir))
    fingerprint = data_fingerprint(data_copy)
    cache.published_layers.clear()
    base, features = cache.published_layers(fingerprint, "ar")
    assert set(base) >= {"neighbours", "syria", "towns"} and len(features.frame) == len(build_dataset(data_copy).features)
    files = sorted(layers_dir.iterdir())
    assert len(files) == len(base) + 1 and all("-ar-" in path.name for path in files)

    # A new server (an empty Streamlit cache): read back, not published again; a file deleted
    # meanwhile (a cleaned static folder) is written again, under the same name.
    cache.published_layers.clear()
    monkeypatch.setattr(cache, "publish", refuse_to_build)
    files[0].unlink()
    again_base, again_features = cache.published_layers(fingerprint, "ar")
    assert {name: layer.url for name, layer in again_base.items()} == {name: layer.url for name, layer in base.items()}
    assert again_features.url == features.url
    assert sorted(layers_dir.iterdir()) == files

    # Another language is another version: published anew.
    cache.published_layers.clear()
    monkeypatch.setattr(cache, "publish", lambda *_: (_ for _ in ()).throw(AssertionError("published")))
    with pytest.raises(AssertionError, match="published"):
        cache.published_layers(fingerprint, "en")
    cache.published_layers.clear()
