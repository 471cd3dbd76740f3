"""Data downloads: what an analyst gets back opens in GIS and spreadsheet tools, with its sources."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd

from components.downloads import geopackage_bytes, rounds_csv, features_for_export
from geo import load_features, load_rounds, state_at


def exported(data_dir, date="2020-03-06"):
    return features_for_export(state_at(date, load_features(data_dir), load_rounds(data_dir)))


def test_the_geojson_download_holds_the_features_at_the_date_with_their_sources(data_dir):
    collection = json.loads(exported(data_dir).to_json(ensure_ascii=False))
    by_id = {feature["properties"]["id"]: feature["properties"] for feature in collection["features"]}
    assert set(by_id) == {"front-2020", "corridor", "post-1"}
    assert by_id["front-2020"]["sources"] == "src-a"
    assert by_id["front-2020"]["valid_from"] == "2020-03-06" and by_id["front-2020"]["valid_to"] is None
    assert by_id["front-2020"]["name_ar"] == "اسم front-2020"


def test_the_geopackage_download_opens_in_gis_software(tmp_path, data_dir):
    path = tmp_path / "state.gpkg"
    path.write_bytes(geopackage_bytes(exported(data_dir), "features_2020_03_06"))
    frame = gpd.read_file(path, layer="features_2020_03_06")
    assert sorted(frame["id"]) == ["corridor", "front-2020", "post-1"]
    assert frame.crs.to_epsg() == 4326


def test_the_rounds_csv_has_every_round_with_arabic_intact(data_dir):
    text = rounds_csv(load_rounds(data_dir)).decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text))
    assert list(frame["id"]) == ["astana-1", "astana-4", "protocol-2020"]
    assert frame.loc[0, "title_ar"] == "أستانا 1"
    assert frame.loc[0, "start"] == "2017-01-23"
    assert frame.loc[0, "delegations"] == "government;opposition"
