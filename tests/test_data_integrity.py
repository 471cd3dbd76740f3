"""Sanity checks over the real data, as named assertions: what a briefing would repeat must hold.
Over 300 lines: one check per fact a reader could repeat, kept in one file per the data they guard."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import geo
from geo.claims import check_claims
from geo.schema import BORDER_TOLERANCE_DEGREES, TABLES

ROOT = Path(__file__).resolve().parent.parent
ARABIC = re.compile(r"[\u0600-\u06FF]")
# The capital's name at the time: Astana until 20 March 2019, Nur-Sultan until September 2022.
NUR_SULTAN_FROM = pd.Timestamp("2019-03-20")
ASTANA_AGAIN_FROM = pd.Timestamp("2022-09-17")


@pytest.fixture(scope="module")
def rounds():
    return geo.load_rounds()


@pytest.fixture(scope="module")
def features():
    return geo.load_features()


@pytest.fixture(scope="module")
def syria():
    countries = geo.load_base_layer("countries")
    return countries.loc[countries["code"] == "SYR", "geometry"].union_all()


def test_numbered_rounds_are_1_to_22_once_each_in_date_order(rounds):
    numbered = rounds[rounds["kind"] == "astana_round"].sort_values("start")
    assert list(numbered["number"]) == list(range(1, 23))
    assert numbered["start"].is_monotonic_increasing
    assert numbered["start"].min() == pd.Timestamp("2017-01-23")
    assert numbered["end"].max() == pd.Timestamp("2024-11-12")


def test_every_round_ends_on_or_after_its_start_and_is_sourced_in_two_languages(rounds):
    assert (rounds["end"] >= rounds["start"]).all()
    assert rounds["sources"].map(len).min() >= 1
    for column in ("title_ar", "summary_ar"):
        assert rounds[column].map(lambda text: bool(ARABIC.search(text))).all(), column
    for column in ("title_en", "summary_en"):
        assert rounds[column].map(lambda text: bool(text.strip()) and not ARABIC.search(text)).all(), column


def test_every_numbered_round_lists_outcomes_in_both_languages(rounds):
    numbered = rounds[rounds["kind"] == "astana_round"]
    assert numbered["outcomes_en"].map(len).between(3, 6).all()
    assert (numbered["outcomes_en"].map(len) == numbered["outcomes_ar"].map(len)).all()


def expected_city(start: pd.Timestamp) -> str:
    if start < NUR_SULTAN_FROM or start >= ASTANA_AGAIN_FROM:
        return "Astana"
    return "Nur-Sultan"


def test_each_round_names_the_capital_as_it_was_called_at_the_time(rounds):
    numbered = rounds[(rounds["kind"] == "astana_round") & (rounds["city_en"] != "Sochi")]
    wrong = numbered[numbered["city_en"] != numbered["start"].map(expected_city)]
    assert wrong.empty, wrong[["id", "start", "city_en"]]
    # two rounds met in Sochi: 10 (July 2018) and 15 (February 2021)
    assert sorted(rounds.loc[rounds["city_en"] == "Sochi", "number"].dropna()) == [10, 15]


def test_rounds_link_exactly_the_features_that_name_them(rounds, features):
    for round_row in rounds.itertuples():
        named = set(features.loc[features["round_id"] == round_row.id, "id"])
        if round_row.id == "astana-4":  # met the day it signed the memorandum: same zones
            named = set(features.loc[features["round_id"] == "memorandum-2017-05-04", "id"])
        assert set(round_row.features) == named, round_row.id


def test_every_claim_is_either_linked_or_flagged():
    checked = check_claims(geo.load_claims(), geo.load_rounds(), geo.load_sources())
    assert set(checked["status"]) <= {"agrees", "contradicts", "unverified"}
    assert checked["round_id"].notna().all()
    flagged = checked[checked["status"] != "agrees"].set_index(["claim_id", "field"])
    # the known errors in the seed reports: a round number, a city's name, a date
    assert flagged.loc[("seed-000-7", "number"), "canonical"] == "22"
    assert flagged.loc[("seed-001-1", "city_en"), "canonical"] == "Astana"
    assert flagged.loc[("seed-004-5", "date"), "canonical"] == "2017-02-15 – 2017-02-16"


def test_every_seed_report_is_a_source_and_makes_at_least_one_claim():
    sources = geo.load_sources()
    seeds = sources[sources["kind"] == "news_report"]
    seed_files = sorted(path.name for path in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if seed_files:
        assert sorted(seeds["file"]) == seed_files
    assert set(geo.load_claims()["source"]) == set(seeds["id"])


def test_every_geometry_is_valid_and_inside_syria(features, syria):
    assert features.crs.to_string() == "EPSG:4326"
    assert features.geometry.is_valid.all()
    allowed = syria.buffer(BORDER_TOLERANCE_DEGREES)
    outside = features[~features.geometry.within(allowed)]
    assert outside.empty, list(outside["id"])


def test_every_feature_is_sourced_and_rated(features):
    assert features["sources"].map(len).min() >= 1
    assert set(features["confidence"]) <= {"high", "medium", "low"}
    assert features["name_ar"].map(lambda text: bool(ARABIC.search(text))).all()


def test_every_kind_of_feature_is_present(features):
    assert {"deescalation_zone", "frontline", "security_corridor", "observation_post"} <= set(features["kind"])


def test_the_four_2017_zones_start_on_4_may_2017(features):
    zones = features[features["kind"] == "deescalation_zone"]
    assert len(zones) == 4
    assert (zones["valid_from"] == pd.Timestamp("2017-05-04")).all()


def test_frontline_snapshots_never_overlap_in_time(features):
    frontlines = features[features["kind"] == "frontline"].sort_values("valid_from")
    ends = frontlines["valid_to"].iloc[:-1].to_numpy()
    starts = frontlines["valid_from"].iloc[1:].to_numpy()
    assert (ends <= starts).all()


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_is_documented_in_the_data_readme(table):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    missing = [field.name for field in TABLES[table] if f"`{field.name}`" not in readme]
    assert not missing, f"{table}: {missing}"


# --- Geometry against the control facts ---------------------------------------------------------

NORTH_WEST_LATITUDE = 35.0  # tracked towns north of this belong to the north-west (Hama is 35.13)


@pytest.fixture(scope="module")
def control_points():
    return geo.load_control_points()


@pytest.fixture(scope="module")
def specs():
    import yaml

    return {spec.get("id", spec.get("series")): spec for spec in yaml.safe_load((ROOT / "data" / "feature_specs.yaml").read_text(encoding="utf-8"))}


def days_to_check(snapshot, control_points) -> list:
    """The snapshot's first day and every day inside its validity on which a town changed hands."""
    start, end = snapshot.valid_from, snapshot.valid_to
    inside = control_points["date"][(control_points["date"] > start) & (pd.isna(end) | (control_points["date"] < end))]
    return [start.date(), *sorted({day.date() for day in inside})]


def test_every_frontline_agrees_with_every_control_fact_on_its_dates(features, control_points):
    from geo.control import control_on

    frontlines = features[features["kind"] == "frontline"]
    assert len(frontlines) >= 12
    problems = []
    for snapshot in frontlines.itertuples():
        for day in days_to_check(snapshot, control_points):
            towns = control_on(control_points, day)
            opposition_north_west = towns[(towns["controller"] == "opposition") & (towns["latitude"] >= NORTH_WEST_LATITUDE)]
            others = towns[towns["controller"] != "opposition"]
            problems += [f"{snapshot.id} on {day}: {name} (opposition) is outside" for name, point in zip(opposition_north_west["name_en"], opposition_north_west.geometry) if not snapshot.geometry.contains(point)]
            problems += [f"{snapshot.id} on {day}: {name} ({side}) is inside" for name, side, point in zip(others["name_en"], others["controller"], others.geometry) if snapshot.geometry.contains(point)]
    assert not problems, problems[:10]


@pytest.mark.parametrize(
    "date",
    ["2017-05-04", "2017-09-15", "2018-02-01", "2018-09-17", "2019-06-01", "2019-09-01", "2020-02-01", "2020-03-01", "2020-03-06", "2022-01-01", "2024-11-29", "2024-12-05", "2024-12-08"],
)
def test_a_frontline_snapshot_is_in_force_on_every_listed_date(date):
    assert (geo.state_at(date)["kind"] == "frontline").sum() == 1


def test_every_zone_band_and_corridor_contains_its_key_towns(features, specs, control_points):
    towns = geo.load_base_layer("towns").set_index("town_id")
    for feature in features[features["id"].isin(list(specs))].itertuples():
        checks = specs[feature.id].get("checks") or {}
        for town_id in checks.get("inside", []):
            assert feature.geometry.contains(towns.at[town_id, "geometry"]), f"{feature.id}: {towns.at[town_id, 'name_en']} should be inside"
        for town_id in checks.get("outside", []):
            assert not feature.geometry.contains(towns.at[town_id, "geometry"]), f"{feature.id}: {towns.at[town_id, 'name_en']} should be outside"


def opposition_area_on(date: str) -> float:
    from geo.control import area_km2

    state = geo.state_at(date)
    return float(area_km2(state[state["kind"] == "frontline"]).sum())


def test_the_idlib_area_shrinks_2018_2020_is_flat_to_2024_and_grows_in_december_2024():
    shrinking = [opposition_area_on(day) for day in ("2017-05-04", "2018-02-01", "2019-06-01", "2019-09-01", "2020-02-01", "2020-03-06")]
    assert shrinking == sorted(shrinking, reverse=True) and shrinking[0] > 2 * shrinking[-1], shrinking
    frozen = {round(opposition_area_on(day)) for day in ("2020-03-06", "2021-06-01", "2023-01-01", "2024-11-26")}
    assert len(frozen) == 1, frozen
    growing = [opposition_area_on(day) for day in ("2024-11-27", "2024-11-29", "2024-12-01", "2024-12-05", "2024-12-08")]
    assert growing == sorted(growing) and growing[-1] > 3 * growing[0], growing


def test_the_area_figures_in_the_data_readme_match_the_data():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for day in ("2017-05-04", "2020-03-06", "2024-12-08"):
        assert f"| {day} | {opposition_area_on(day):,.0f} |" in readme, day


def frontline_on(date: str):
    state = geo.state_at(date)
    return state[state["kind"] == "frontline"].iloc[0]


def test_the_area_and_precision_table_in_the_data_readme_matches_the_data(features):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for row in features[features["kind"] == "frontline"].itertuples():
        precision = f"{row.precision_km:.1f}" if pd.notna(row.precision_km) else "none left"
        assert f"| {row.valid_from.date().isoformat()} |" in readme and f"| {precision} | {row.round_id} |" in readme, row.id


def test_every_frontline_states_its_precision_until_no_opponent_is_left(features):
    frontlines = features[features["kind"] == "frontline"].sort_values("valid_from")
    stated = frontlines["precision_km"].notna()
    # Only the last snapshot (8 December 2024: the government gone) has no opponent along its edge.
    assert stated.iloc[:-1].all() and not stated.iloc[-1], frontlines.loc[~stated, "id"].tolist()
    assert (frontlines["precision_km"].dropna() > 0).all()


@pytest.mark.parametrize(
    ("place", "date", "controller"),
    [
        # Jabal al-Zawiya, south of the M4: held by the opposition through the frozen years, shelled
        # as a front-line village (the 71-town line cut it off).
        ("Kafr Oweid", "2021-06-15", "opposition"),
        ("al-Bara", "2021-06-15", "opposition"),
        ("Kafr Nabl", "2021-06-15", "government"),
        ("Sarmada", "2021-06-15", "opposition"),
        ("Kafr Nabudah", "2019-05-09", "government"),
    ],
)
def test_a_village_between_the_old_towns_is_on_its_side_of_the_line(place, date, controller, control_points):
    line = frontline_on(date).geometry
    point = control_points[control_points["name_en"] == place].geometry.iloc[0]
    assert line.contains(point) == (controller == "opposition")


def test_the_north_west_is_tracked_village_by_village(control_points):
    places = control_points.drop_duplicates("place_id")
    north_west = places[places["latitude"] >= NORTH_WEST_LATITUDE]
    assert len(north_west) >= 300
    first_rows = control_points.sort_values("date").groupby("place_id")["date"].min()
    assert (first_rows == pd.Timestamp("2017-05-04")).all(), first_rows[first_rows != pd.Timestamp("2017-05-04")].index.tolist()
    # Every coordinate says where it comes from: GeoNames, OpenStreetMap or a cited page.
    sources = set(geo.load_sources()["id"])
    assert places["location_source"].map(lambda origin: origin in ("geonames", "osm-gazetteer") or origin in sources).all()


def test_a_place_in_the_north_west_changes_hands_in_each_of_its_rows(control_points):
    # (Daraa repeats "government" on purpose: divided until 12 July 2018, whole from then.)
    ordered = control_points[control_points["latitude"] >= NORTH_WEST_LATITUDE].sort_values(["place_id", "date"])
    repeated = ordered[ordered.groupby("place_id")["controller"].shift() == ordered["controller"]]
    assert repeated.empty, repeated[["name_en", "date"]].values.tolist()[:5]


def test_the_feature_build_is_deterministic_and_matches_the_committed_files(tmp_path):
    import subprocess
    import sys

    # One rebuild, byte for byte the committed files (built in another run, on another machine
    # perhaps): the same inputs give the same bytes.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_features.py"), "--out", str(tmp_path / "built")], check=True, capture_output=True)
    committed_files = sorted((ROOT / "data" / "features").glob("*.geojson"))
    assert {path.name for path in committed_files} == {path.name for path in (tmp_path / "built").glob("*.geojson")}
    for committed in committed_files:
        assert (tmp_path / "built" / committed.name).read_bytes() == committed.read_bytes(), f"{committed.name} is stale: run `make build-data`"


def test_the_highways_are_drawn_through_their_sourced_places_in_order(syria):
    import geopandas as gpd

    from geo.load import load_highways, resolve_data_dir
    from geo.schema import EQUAL_AREA_CRS

    places = load_highways()
    sources = set(geo.load_sources()["id"])
    assert all(set(cited) <= sources for cited in places["sources"])
    roads = gpd.read_file(resolve_data_dir(None) / "base" / "roads.geojson").set_index("code")
    metres = places.to_crs(EQUAL_AREA_CRS)
    for road, stops in places.groupby("road"):
        assert list(stops["order"]) == list(range(1, len(stops) + 1)), road
        # The map's road is the line through them, as listed.
        assert [tuple(round(value, 5) for value in point) for point in roads.loc[road, "geometry"].coords] == list(zip(stops["longitude"], stops["latitude"]))
        # No stretch longer than 30 km drawn straight, no point off Syria.
        along = metres.loc[stops.index].geometry.to_list()
        assert max(a.distance(b) for a, b in zip(along, along[1:])) < 30_000, road
        assert stops.within(syria.buffer(0.02)).all(), road
    assert places.query("road == 'M4'")["name_en"].tolist()[::11] == ["Saraqib", "Latakia"]
    assert places.query("road == 'M5'")["name_en"].tolist()[::10] == ["Hama", "Aleppo"]


def test_the_m4_corridor_runs_along_the_road_to_ain_al_hawr(features):
    from geo.load import load_highways

    corridor = features.set_index("id").loc["m4-corridor-2020", "geometry"]
    stops = load_highways().query("road == 'M4'").set_index("name_en")
    on_it = stops.loc["Saraqib":"Ain al-Hawr"]
    assert len(on_it) == 10 and on_it.within(corridor).all()
    # It ends where the protocol ends it: Latakia's stretch is not in it.
    assert not stops.loc[["al-Bahluliyah", "Latakia"]].within(corridor).any()


# GeoNames places on each river's banks (data/base/towns.geojson's town_id), and their Arabic names.
RIVER_BANKS = {
    "Orontes": {169577: "حمص", 170017: "حماة", 169023: "جسر الشغور"},
    "Euphrates": {169179: "جرابلس", 172955: "الرقة", 170794: "دير الزور", 174448: "أبو كمال"},
}


@pytest.mark.parametrize("river", sorted(RIVER_BANKS))
def test_each_river_on_the_base_map_runs_by_the_towns_on_its_banks_and_is_named(river, syria):
    from geo.schema import EQUAL_AREA_CRS

    rivers = geo.load_base_layer("rivers").set_index("name_en")
    towns = geo.load_base_layer("towns").set_index("town_id")
    line = rivers.loc[[river]]
    assert line.geometry.is_valid.all() and str(rivers.crs) == "EPSG:4326"
    # Within 5 km of each town's centre (the Orontes runs along the west side of Homs), and most
    # of its drawn length in Syria or beside it, not in some other basin.
    banks = towns.loc[list(RIVER_BANKS[river])]
    assert list(banks["name_ar"]) == list(RIVER_BANKS[river].values())
    distances_km = banks.to_crs(EQUAL_AREA_CRS).distance(line.to_crs(EQUAL_AREA_CRS).geometry.iloc[0]) / 1000
    assert (distances_km < 5).all(), distances_km.to_dict()
    assert line.geometry.iloc[0].intersection(syria.buffer(0.5)).length > 0.9 * line.geometry.iloc[0].length
    labels = geo.load_base_layer("labels")
    label = labels[(labels["kind"] == "river") & (labels["name_en"] == river)]
    assert len(label) == 1 and label["name_ar"].iloc[0] == line["name_ar"].iloc[0]
    assert label.geometry.iloc[0].distance(line.geometry.iloc[0]) < 1e-4  # the name sits on the line (to ~10 m)
