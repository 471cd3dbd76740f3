"""The map rendered to HTML: the right features, in the right colours, and nothing else."""

from __future__ import annotations

import copy
import json
import html as html_module

import pytest

from components.basemap import base_map
from components.map import HIGHLIGHT_STYLE, KIND_STYLES, features_layer, highlight_layer, legend_entries
from geo.control import towns_for_map
from dataset import FEATURES, write_dataset
from geo import load_base_layer, load_control_points, load_features, load_rounds, state_at


@pytest.fixture(scope="module")
def countries():
    """The base layers as the dashboard passes them (named for the outline they start with)."""
    base = {name: load_base_layer(name) for name in ("countries", "governorates", "roads")}
    base["towns"] = towns_for_map(load_base_layer("towns"), load_control_points(), 100_000)
    return base


def in_script(text: str) -> str:
    """How folium writes a text inside its script: JSON with <, > and non-ASCII escaped."""
    return json.dumps(text)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")


def map_html(countries, data_dir, date: str) -> str:
    state = state_at(date, load_features(data_dir), load_rounds(data_dir))
    fmap = base_map(countries)
    features_layer(state).add_to(fmap)
    return fmap.get_root().render()


@pytest.mark.parametrize(
    ("date", "shown", "hidden"),
    [
        ("2017-06-01", {"Zone A": "deescalation_zone", "Front 2017": "frontline"}, {"Front 2020", "Corridor", "DMZ"}),
        ("2018-10-01", {"DMZ": "demilitarized_zone", "Post 1": "observation_post", "Front 2017": "frontline"}, {"Front 2020"}),
        ("2020-03-06", {"Front 2020": "frontline", "Corridor": "security_corridor", "Post 1": "observation_post"}, {"Front 2017", "Zone A", "DMZ"}),
        ("2020-10-20", {"Front 2020": "frontline"}, {"Post 1", "Front 2017"}),
    ],
)
def test_the_map_shows_the_features_in_force_in_their_colours(countries, data_dir, date, shown, hidden):
    html = map_html(countries, data_dir, date)
    for name, kind in shown.items():
        assert f'"name": "{name}"' in html
        assert f'"fillColor": "{KIND_STYLES[kind]["fillColor"]}"' in html
    for name in hidden:
        assert f'"name": "{name}"' not in html


def test_the_map_loads_leaflet_from_this_server_not_a_cdn(countries, data_dir):
    html = map_html(countries, data_dir, "2020-03-06")
    assert "/app/static/vendor/leaflet/leaflet.js" in html
    assert "cdn.jsdelivr.net" not in html
    assert "code.jquery.com" not in html


def test_the_map_fits_syria(countries, data_dir):
    html = map_html(countries, data_dir, "2020-03-06")
    assert "fitBounds" in html
    assert "[[32.26, 35.67], [37.37, 42.43]]" in html


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>'])
def test_a_hostile_name_is_shown_as_text(tmp_path, countries, payload):
    features = copy.deepcopy(FEATURES)
    features[2]["properties"]["name_en"] = payload
    data_dir = write_dataset(tmp_path / "data", features=features)
    html = map_html(countries, data_dir, "2020-03-06")
    assert payload not in html
    # folium writes the escaped `&lt;` with its ampersand as \u0026 inside the script.
    escaped_in_script = html_module.escape(payload).replace("&", "\\u0026")
    assert escaped_in_script in html


def test_the_legend_lists_only_the_kinds_on_the_map_in_drawing_order():
    entries = legend_entries(["security_corridor", "frontline", "frontline"])
    assert [kind for kind, _, _ in entries] == ["frontline", "security_corridor"]
    assert entries[0][2] == KIND_STYLES["frontline"]["fillColor"]
    with_base = legend_entries(["frontline"], with_base=True)
    assert [kind for kind, _, _ in with_base] == ["frontline", "governorate", "highway", "town"]
    arabic = legend_entries(["frontline"], "ar")
    assert "المعارضة" in arabic[0][1]


def test_a_highlighted_feature_is_outlined_even_when_not_in_force(countries, data_dir):
    features = load_features(data_dir)
    state = state_at("2020-03-06", features, load_rounds(data_dir))
    fmap = base_map(countries)
    layer = features_layer(state)
    highlight_layer(features[features["id"] == "zone-a"]).add_to(layer)
    layer.add_to(fmap)
    html = fmap.get_root().render()
    assert '"name": "Zone A"' in html  # ended in 2018, drawn because it was picked
    assert f'"dashArray": "{HIGHLIGHT_STYLE["dashArray"]}"' in html


def test_the_base_map_draws_governorates_highways_and_named_towns(countries, data_dir):
    html = map_html(countries, data_dir, "2020-03-06")
    assert '"code": "M4"' in html and '"code": "M5"' in html
    assert '"name_en": "Maarat al-Numan"' in html  # a tracked town, with the control table's spelling
    assert in_script("town-label") in html and in_script(">Aleppo</div>") in html  # cities are labelled
    assert html.count('"type": "LineString"') + html.count('"type": "MultiLineString"') >= 10  # governorate lines


def test_the_base_map_speaks_arabic(countries):
    html = base_map(countries, "ar").get_root().render()
    assert in_script(">حلب</div>") in html
