"""Finding a place however its name is spelled, and who held it on a date."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import load_base_layer, load_control_points
from geo.control import towns_for_map
from geo.towns import RESULT_COLUMNS, arabic_key, controller_on, find_places, latin_key

MAARAT_AL_NUMAN, SARAQIB, JISR_AL_SHUGHUR = "167611", "164816", "169023"


@pytest.fixture(scope="module")
def control_points():
    return load_control_points()


@pytest.fixture(scope="module", params=["map", "geonames"])
def towns(request, control_points):
    """The towns as the map shows them (the control table's spellings) and as GeoNames spells them
    (`Ma‘arrat an Nu‘mān`): a variant must find the town in both."""
    geonames = load_base_layer("towns")
    return towns_for_map(geonames, control_points, 100_000) if request.param == "map" else geonames.assign(place_id=geonames["town_id"].astype(str))


# A handful of towns in code, for what does not need the real data.
SMALL_TOWNS = pd.DataFrame(
    {
        "place_id": ["1", "2", "3"],
        "name_en": ["Saraqib", "Hama", "Kafr Nabl"],
        "name_ar": ["سراقب", "حماة", "كفرنبل"],
        "population": [34_000, 700_000, 0],
    }
)


@pytest.mark.parametrize(
    ("query", "town_id"),
    [
        ("Maarat al-Numan", MAARAT_AL_NUMAN),
        ("Ma'arrat an-Nu'man", MAARAT_AL_NUMAN),
        ("Ma‘arrat an-Nu‘mān", MAARAT_AL_NUMAN),
        ("Maarrat al Numan", MAARAT_AL_NUMAN),
        ("maarat AL-NUMAN", MAARAT_AL_NUMAN),
        ("معرة النعمان", MAARAT_AL_NUMAN),
        ("معره النعمان", MAARAT_AL_NUMAN),
        ("مَعَرَّةُ النُّعْمَان", MAARAT_AL_NUMAN),
        ("Saraqib", SARAQIB),
        ("Saraqeb", SARAQIB),
        ("Sarakeb", SARAQIB),
        ("سراقب", SARAQIB),
        ("Jisr al-Shughur", JISR_AL_SHUGHUR),
        ("Jisr ash-Shughur", JISR_AL_SHUGHUR),
        ("Jisr ash Shughūr", JISR_AL_SHUGHUR),
        ("جسر الشغور", JISR_AL_SHUGHUR),
    ],
)
def test_a_transliteration_variant_finds_the_town_first(query, town_id, towns):
    found = find_places(query, towns)
    assert list(found.columns) == RESULT_COLUMNS
    assert found["place_id"].iloc[0] == town_id, found


@pytest.mark.parametrize("query", ["Zzyzx", "Paris", "قرطبة", "", "  - ' ", "Kobani", "كوباني", "Samarra"])
def test_an_unknown_name_gives_an_empty_frame_with_the_same_columns(query, towns):
    # Kobani is not Kabani (Latakia): sharing three consonants is not being the same place.
    found = find_places(query, towns)
    assert found.empty
    assert list(found.columns) == RESULT_COLUMNS


@pytest.mark.parametrize(
    ("query", "expected_ids", "expected_top_score"),
    [
        ("Saraqib", ["1"], 1.0),  # the same name once spellings are unified
        ("Saraqeb", ["1"], 0.95),  # the same consonants
        ("Kafranbel", ["3"], 0.95),
        ("كفر نبل", ["3"], 1.0),  # a space typed in an Arabic name that is written as one word
        ("حماه", ["2"], 1.0),  # ة typed as ه
    ],
)
def test_ranking_on_a_small_table(query, expected_ids, expected_top_score):
    found = find_places(query, SMALL_TOWNS)
    assert list(found["place_id"]) == expected_ids
    assert found["score"].iloc[0] == expected_top_score


def test_limit_caps_the_rows_and_the_best_comes_first(towns):
    found = find_places("Maarat", towns, limit=2)
    assert len(found) <= 2
    assert found["score"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ((None, SMALL_TOWNS, 5), TypeError, "query must be a str, got NoneType"),
        (("Hama", SMALL_TOWNS.drop(columns="name_ar"), 5), ValueError, "places has no column name_ar"),
        (("Hama", SMALL_TOWNS, 0), ValueError, "limit must be a positive int, got 0"),
    ],
)
def test_find_places_checks_its_inputs(arguments, error, message):
    with pytest.raises(error, match=message):
        find_places(*arguments[:2], limit=arguments[2])


@pytest.mark.parametrize(
    ("variants", "key_of"),
    [
        (["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maarrat al Numan", "Ma‘arrat an Nu‘mān"], latin_key),
        (["Khan Shaykhun", "Khan Sheikhoun", "Khān Shaykhūn"], latin_key),
        (["Tell Rifaat", "Tall Rif‘at", "Tal Rifaat"], latin_key),
        (["معرة النعمان", "معره النعمان", "مَعَرَّةُ النُّعْمَان", "معـرة النعمان"], arabic_key),
        (["أعزاز", "اعزاز", "إعزاز"], arabic_key),
    ],
)
def test_variants_share_one_key(variants, key_of):
    assert len({key_of(variant) for variant in variants}) == 1


@pytest.mark.parametrize(
    ("date", "expected_controller"),
    [
        (dt.date(2020, 2, 10), "government"),  # entered 5-6 Feb 2020
        (dt.date(2020, 2, 28), "opposition"),  # retaken 27 Feb 2020
        (dt.date(2020, 3, 3), "government"),  # full control declared 2 Mar 2020
        ("2020-03-03", "government"),
        (pd.Timestamp("2017-05-04"), "opposition"),  # the baseline itself
    ],
)
def test_controller_of_saraqib(date, expected_controller, control_points):
    control = controller_on(control_points, SARAQIB, date)
    assert control is not None
    controller, sources, confidence = control
    assert controller == expected_controller
    assert sources and all(isinstance(source, str) for source in sources)
    assert confidence in {"high", "medium", "low"}


@pytest.mark.parametrize(
    ("town_id", "date"),
    [
        (SARAQIB, dt.date(2017, 5, 3)),  # the day before the baseline
        ("999999999", dt.date(2020, 3, 3)),  # not tracked
    ],
)
def test_no_controller_before_the_baseline_or_for_an_untracked_town(town_id, date, control_points):
    assert controller_on(control_points, town_id, date) is None


# The villages tracked since the village-scale research: found by their sources' spellings, in
# English and in Arabic with or without hamza and article. (place name, query)
VILLAGE_SPELLINGS = [
    ("Sarmada", "Sarmada"),
    ("Sarmada", "سرمدا"),
    ("Kafr Oweid", "Kafr Oweid"),
    ("Kafr Oweid", "كفر عويد"),
    ("Kafr Nabudah", "Kafr Nbouda"),
    ("Kafr Nabudah", "كفرنبودة"),
    ("Kafr Nabudah", "كفرنبوده"),
    ("Latamneh", "اللطامنة"),
    ("Latamneh", "لطامنة"),
    ("Kafr Nabl", "Kafranbel"),
    ("Al-Atarib", "Atareb"),
    ("Al-Atarib", "الاتارب"),
    ("Idlib", "Idleb"),
    ("Khan Shaykhun", "Khan Sheikhoun"),
    ("Hbeit", "Hbeit"),
    ("Morek", "Murak"),
]


@pytest.mark.parametrize(("name", "query"), VILLAGE_SPELLINGS)
def test_a_tracked_village_is_found_by_its_spellings(name, query, control_points):
    places = towns_for_map(load_base_layer("towns"), control_points, 100_000)
    found = find_places(query, places)
    assert not found.empty and found["name_en"].iloc[0] == name, found


def test_a_place_the_data_does_not_know_finds_nothing_rather_than_another_place():
    # Regression: "Sarmada" was answered with Şamād, a different GeoNames place, before Sarmada was tracked.
    geonames = load_base_layer("towns")
    found = find_places("Sarmada", geonames.assign(place_id=geonames["town_id"].astype(str)))
    assert "Şamād" not in set(found["name_en"]) and found.empty
