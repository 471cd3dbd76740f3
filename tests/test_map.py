"""The map rendered to HTML: the right features, in the right colours, nothing else, no CDN."""

from __future__ import annotations

import copy
import html as html_module
import json
import math
import re
from xml.etree import ElementTree

import pytest

from components import legend
from components.basemap import RTL_TOOLTIP_CSS, base_map
from components.hatching import svg_defs, swatch_background, swatch_css
from components.layers import make_layer, publishable_base, publishable_features
from components.legend import legend_entries
from components.locale import Locale
from components.map import feature_style, features_layer, highlight_layer
from components.symbology import HATCHES, HIGHLIGHT_STYLE, KIND_STYLES, leaflet_style, pattern_id
from dataset import FEATURES, write_dataset
from geo import load_features, load_rounds, state_at
from geo.dataset import base_layers as dataset_base_layers
from geo.load import load_control_points

EN, AR = Locale("en"), Locale("ar")


def published_base(language: str) -> dict:
    """The base layers as the dashboard publishes them (URLs are placeholders here)."""
    base = dataset_base_layers(load_control_points())
    return {name: make_layer(frame, f"/app/static/layers/{name}.geojson") for name, frame in publishable_base(base, Locale(language)).items()}


@pytest.fixture(scope="module")
def base_layers():
    return published_base("en")


def drawn_ids(html: str) -> list[str]:
    """The feature ids the map's filter lets through."""
    start = html.index("return [", html.index("function(feature)")) + len("return ")
    return json.loads(html[start : html.index("]", start) + 1])


def map_html(base_layers, data_dir, date: str) -> str:
    features = load_features(data_dir)
    state = state_at(date, features, load_rounds(data_dir))
    published = make_layer(publishable_features(features, EN), "/app/static/layers/features.geojson")
    fmap = base_map(base_layers, EN)
    features_layer(state["id"], published, EN).add_to(fmap)
    return fmap.get_root().render()


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("2017-06-01", {"zone-a", "front-2017"}),
        ("2018-10-01", {"front-2017", "dmz", "post-1"}),
        ("2020-03-06", {"front-2020", "corridor", "post-1"}),
        ("2020-10-20", {"front-2020", "corridor"}),
        ("2017-01-30", set()),
    ],
)
def test_the_map_draws_exactly_the_features_in_force(base_layers, data_dir, date, shown):
    assert set(drawn_ids(map_html(base_layers, data_dir, date))) == shown


def test_every_kind_is_styled_in_its_colour_or_its_hatching(base_layers, data_dir):
    html = map_html(base_layers, data_dir, "2020-03-06")
    for kind in KIND_STYLES:
        assert f'"fillColor": "{leaflet_style(kind)["fillColor"]}"' in html


def test_the_map_fetches_its_layers_instead_of_carrying_them(base_layers, data_dir):
    html = map_html(base_layers, data_dir, "2020-03-06")
    assert "/app/static/layers/features.geojson" in html
    assert "/app/static/layers/syria.geojson" in html
    assert '"name": "Front 2020"' not in html  # the geometry and names stay in the published file
    assert len(html) < 40_000


def test_the_map_loads_leaflet_and_jquery_from_this_server_not_a_cdn(base_layers, data_dir):
    html = map_html(base_layers, data_dir, "2020-03-06")
    assert "/app/static/vendor/leaflet/leaflet.js" in html
    assert "/app/static/vendor/jquery/jquery.min.js" in html
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "netdna.bootstrapcdn.com"):
        assert cdn not in html


def test_the_map_fits_syria(base_layers, data_dir):
    html = map_html(base_layers, data_dir, "2020-03-06")
    assert "fitBounds" in html
    assert "[[32.26, 35.67], [37.37, 42.43]]" in html


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>'])
def test_a_hostile_name_is_published_as_text(tmp_path, payload):
    features = copy.deepcopy(FEATURES)
    features[2]["properties"]["name_en"] = payload
    published = publishable_features(load_features(write_dataset(tmp_path / "data", features=features)), EN)
    text = published.to_json()
    assert payload not in text
    assert html_module.escape(payload) in set(published["name"])


def test_the_published_features_are_drawn_zones_first_posts_last(data_dir):
    kinds = list(publishable_features(load_features(data_dir), EN)["kind"])
    assert kinds[0] == "deescalation_zone" and kinds[-1] == "observation_post"


def test_the_base_map_publishes_governorates_highways_and_named_towns(base_layers):
    assert set(base_layers["roads"].frame["code"]) == {"M4", "M5"}
    assert "Maarat al-Numan" in set(base_layers["towns"].frame["name_en"])  # the control table's spelling
    assert len(base_layers["governorates"].frame) >= 10
    towns = base_layers["towns"].frame
    assert "Aleppo" in set(towns.loc[towns["labelled"], "name_en"])  # cities are labelled
    html = base_map(base_layers, EN).get_root().render()
    assert 'feature.properties["name_en"]' in html and "permanent: true" in html


def test_the_base_map_speaks_arabic():
    layers = {name: make_layer(frame, f"/{name}") for name, frame in publishable_base(dataset_base_layers(load_control_points()), AR).items()}
    assert "حلب" in set(layers["towns"].frame.loc[layers["towns"].frame["labelled"], "name_ar"])
    assert 'feature.properties["name_ar"]' in base_map(layers, AR).get_root().render()


def test_the_legend_lists_only_the_kinds_on_the_map_in_drawing_order():
    entries = legend_entries(["security_corridor", "frontline", "frontline"], EN)
    assert [kind for kind, _, _ in entries] == ["frontline", "security_corridor"]
    assert entries[0][2] == KIND_STYLES["frontline"]["fillColor"]
    with_base = legend_entries(["frontline"], EN, with_base=True)
    assert [kind for kind, _, _ in with_base] == ["frontline", "governorate", "highway", "town"]
    arabic = legend_entries(["frontline"], AR)
    assert "المعارضة" in arabic[0][1]


def test_a_highlighted_feature_is_outlined_even_when_not_in_force(base_layers, data_dir):
    features = load_features(data_dir)
    fmap = base_map(base_layers, EN)
    highlight_layer(features[features["id"] == "zone-a"], EN).add_to(fmap)
    html = fmap.get_root().render()
    assert '"name": "Zone A"' in html  # ended in 2018, drawn because it was picked
    assert f'"dashArray": "{HIGHLIGHT_STYLE["dashArray"]}"' in html


# ---- the hatching of the narrow bands -------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
# The stripes as seen, degrees anticlockwise from horizontal: the two bands must differ.
STRIPE_ANGLES = {"demilitarized_zone": 45, "security_corridor": 135}


def svg_stripe_angle(pattern: ElementTree.Element) -> float:
    """The angle of an upright stripe turned by the pattern's rotate(), SVG turning clockwise on screen."""
    turn = math.radians(float(re.fullmatch(r"rotate\((-?[\d.]+)\)", pattern.get("patternTransform")).group(1)))
    screen_x, screen_y = math.sin(turn), -math.cos(turn)  # the upright (0, -1), turned; y points down
    return math.degrees(math.atan2(-screen_y, screen_x)) % 180


def css_stripe_angle(background: str) -> float:
    """The stripes of a CSS gradient lie across its direction, which is measured clockwise from up."""
    direction = float(re.match(r"repeating-linear-gradient\((-?[\d.]+)deg", background).group(1))
    return (180 - direction) % 180


def patterns_by_id() -> dict[str, ElementTree.Element]:
    defs = ElementTree.fromstring(svg_defs())
    assert defs.tag == f"{SVG}defs"
    return {pattern.get("id"): pattern for pattern in defs.iter(f"{SVG}pattern")}


@pytest.mark.parametrize(
    ("kind", "fill", "opacity"),
    [
        ("demilitarized_zone", "url(#hatch-demilitarized_zone)", 1.0),
        ("security_corridor", "url(#hatch-security_corridor)", 1.0),
        ("frontline", KIND_STYLES["frontline"]["fillColor"], KIND_STYLES["frontline"]["fillOpacity"]),
        ("deescalation_zone", KIND_STYLES["deescalation_zone"]["fillColor"], KIND_STYLES["deescalation_zone"]["fillOpacity"]),
    ],
)
def test_a_band_is_filled_with_its_pattern_and_other_kinds_with_their_colour(kind, fill, opacity):
    style = feature_style({"properties": {"kind": kind}})
    assert (style["fillColor"], style["fillOpacity"]) == (fill, opacity)
    assert style["color"] == KIND_STYLES[kind]["color"]  # the outline keeps the band's colour


def test_the_defs_hold_a_pattern_per_band_in_its_colour_and_direction():
    patterns = patterns_by_id()
    assert set(patterns) == {pattern_id(kind) for kind in STRIPE_ANGLES}
    for kind, angle in STRIPE_ANGLES.items():
        pattern = patterns[pattern_id(kind)]
        ground, stripe = pattern.findall(f"{SVG}rect")
        assert (ground.get("fill"), float(ground.get("fill-opacity"))) == (KIND_STYLES[kind]["fillColor"], HATCHES[kind].ground_opacity)
        assert float(ground.get("fill-opacity")) <= 0.3  # light: the frontline beneath must stay readable
        assert stripe.get("fill") == HATCHES[kind].stripe
        assert svg_stripe_angle(pattern) == pytest.approx(angle)


@pytest.mark.parametrize("kind", sorted(STRIPE_ANGLES))
def test_a_legend_swatch_carries_the_maps_hatching(kind, monkeypatch):
    background = swatch_background(kind, str(KIND_STYLES[kind]["fillColor"]))
    assert css_stripe_angle(background) == pytest.approx(STRIPE_ANGLES[kind])
    assert HATCHES[kind].stripe in background and f"{HATCHES[kind].spacing:g}px" in background
    pattern = patterns_by_id()[pattern_id(kind)]
    assert pattern.get("width") == f"{HATCHES[kind].spacing:g}"  # the same spacing as on the map

    shown: list[str] = []
    monkeypatch.setattr(legend.st, "markdown", lambda body, **_: shown.append(body))
    legend.render_legend(legend_entries([kind, "frontline"], EN), EN)
    assert f"background:{html_module.escape(background)};" in shown[0]
    # The frontline's swatch: its fill at the map's opacity, its outline's colour.
    assert "background:rgba(213, 94, 0, 0.45);border:2px solid #8A3C00;" in shown[0]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("deescalation_zone", "background:rgba(0, 114, 178, 0.08);border:2px dashed #0072B2;border-radius:0"),
        ("observation_post", "background:rgba(240, 228, 66, 1);border:2px solid #000000;border-radius:50%"),
        ("governorate", "height:0;border-top:2px dashed #8C8C8C;border-radius:0"),
        ("town", "background:#FFFFFF;border:1.5px solid #222222;border-radius:50%"),
    ],
)
def test_a_legend_swatch_is_drawn_as_the_map_draws_its_kind(kind, expected):
    colour = dict((entry[0], entry[2]) for entry in legend_entries([kind], EN, with_base=True))[kind]
    assert swatch_css(kind, colour) == expected


def test_the_base_map_puts_the_patterns_into_the_svg_the_features_are_drawn_in(base_layers):
    html = base_map(base_layers, EN).get_root().render()
    call = re.search(r'addHatching\((map_\w+), ("(?:[^"\\]|\\.)*"), "overlayPane"\);', html)
    assert call is not None
    assert json.loads(call.group(2)) == svg_defs()
    assert 'map.on("layeradd"' in html  # Leaflet makes the pane's <svg> only with the first path


def test_tooltips_read_right_to_left_on_the_arabic_map_only(base_layers):
    assert RTL_TOOLTIP_CSS in base_map(published_base("ar"), AR).get_root().render()
    assert RTL_TOOLTIP_CSS not in base_map(base_layers, EN).get_root().render()


def test_a_frontlines_tooltip_says_how_precise_its_line_is():
    from geo import load_features as load_real_features

    shown = publishable_features(load_real_features(), EN)
    frontline = shown[shown["id"] == "frontline-2020-03-06"].iloc[0]
    stated = load_real_features().set_index("id").at["frontline-2020-03-06", "precision_km"]
    assert frontline["precision"] == f"tracked places at most {stated:.1f} km apart across it"
    assert set(shown.loc[shown["kind"] == "observation_post", "precision"]) == {"not a line"}
    arabic = publishable_features(load_real_features(), Locale("ar", "arabic"))
    assert "كم" in arabic.loc[arabic["id"] == "frontline-2020-03-06", "precision"].iloc[0]


@pytest.mark.parametrize(("locale", "names"), [
    (EN, {"Turkey", "Lebanon", "Iraq", "Jordan", "Israel", "Mediterranean Sea", "Lake Assad", "Orontes", "Euphrates"}),
    (AR, {"تركيا", "لبنان", "العراق", "الأردن", "إسرائيل", "البحر الأبيض المتوسط", "بحيرة الأسد", "نهر العاصي", "نهر الفرات"}),
])
def test_the_base_map_names_the_neighbours_the_sea_the_rivers_and_lake_assad_in_the_readers_language(locale, names):
    layers = {name: make_layer(frame, f"/{name}") for name, frame in publishable_base(dataset_base_layers(load_control_points()), locale).items()}
    assert names <= set(layers["labels"].frame[locale.field("name")])
    html = base_map(layers, locale).get_root().render()
    assert "orientation-label" in html and "permanent: true, direction: 'center'" in html
    assert '"/lakes"' in html and '"/rivers"' in html  # the water is drawn, not only named


def test_the_map_carries_the_script_that_follows_the_time_control(base_layers, data_dir):
    from components.live_date import LiveDate

    published = make_layer(publishable_features(load_features(data_dir), EN), "/app/static/layers/features.geojson")
    fmap = base_map(base_layers, EN)
    LiveDate(published, ["frontline", "observation_post"]).add_to(fmap)
    html = fmap.get_root().render()
    assert "followDate(" in html and '"controlSelector": ".st-key-date_control input.dc-input"' in html
    assert '"kinds": ["frontline", "observation_post"]' in html and '"url": "/app/static/layers/features.geojson"' in html
    # The browser draws any day from each feature's first and last days.
    assert {"valid_from", "valid_to"} <= set(published.frame.columns)


def test_the_page_map_brings_the_maps_label_styles_but_not_rules_that_would_take_over_the_page(base_layers):
    # folium writes its header for a document of its own (html, body and #map at full size); the
    # map is drawn inside Streamlit's page (components.page_map), where those rules would apply to the whole page.
    from components.page_map import map_css

    css = map_css(base_map(published_base("ar"), AR))
    assert ".leaflet-tooltip.town-label" in css and RTL_TOOLTIP_CSS in css
    assert not re.search(r"html,\s*body\s*\{|#map(_div)?\s*\{", css)


def test_the_page_map_gets_the_same_script_and_key_for_the_same_map_and_a_new_key_for_another_frame(base_layers, data_dir):
    # A rerun that hands the map the same map keeps the reader's view; a new frame draws it anew.
    from components.page_map import page_map_data

    def data(bounds):
        published = make_layer(publishable_features(load_features(data_dir), EN), "/features")
        return page_map_data(base_map(base_layers, EN, bounds=bounds), features_layer([], published, EN), 640, None, None, "failed")

    first, again, other = data((35.5, 32.0, 42.5, 37.5)), data((35.5, 32.0, 42.5, 37.5)), data((36.0, 35.0, 37.5, 36.5))
    assert first == again
    assert first["mapKey"] != other["mapKey"] and first["groupKey"] == other["groupKey"]
    assert first["jsLinks"] == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/jquery/jquery.min.js"]
    assert "window.feature_group" not in first["feature_group"] and "feature_group_feature_group_0" in first["feature_group"]
