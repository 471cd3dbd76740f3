"""Issue 7 through AppTest: the page in Arabic, digits, what changed, play's steps, two dates."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from components.catalogue import CATALOGUE
from components.locale import Locale
from components.play import LAST_STEP_KEY, PLAYING_KEY
from components.slider import DATE_KEY
from components.map_view import FOCUS_ZOOM
from geo import load_base_layer, load_rounds
from geo.playback import next_play_date, play_steps
from geo.schema import PERIOD_END, PERIOD_START
from pages import as_read, control_date, open_dashboard

ROOT = Path(__file__).resolve().parent.parent
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def widget_labels(app) -> list[str]:
    """Every label a widget of the page shows (the sidebar's included)."""
    kinds = ("slider", "select_slider", "button", "toggle", "radio", "selectbox", "multiselect", "text_input", "expander")
    labels = []
    for kind in kinds:
        for element in app.get(kind):
            label = getattr(element, "label", None)
            if label is None and hasattr(element, "proto"):
                label = getattr(element.proto, "label", None)
            if label:
                labels.append(str(label))
    return labels


@pytest.fixture(scope="module")
def arabic_page():
    return open_dashboard({"date": "2020-03-06", "lang": "ar"})


def test_every_label_on_the_arabic_page_is_arabic(arabic_page):
    labels = widget_labels(arabic_page)
    assert len(labels) >= 10
    # "Language · اللغة" names both languages on purpose; everything else is Arabic.
    assert [label for label in labels if not ARABIC.search(label)] == []
    assert ARABIC.search(arabic_page.title[0].value)
    assert any("عدد العناصر على الخريطة" in block.value for block in arabic_page.markdown)


def test_the_arabic_page_lays_out_right_to_left_and_names_the_round_in_arabic(arabic_page):
    assert any("<style>" in block.value and "direction: rtl" in block.value for block in arabic_page.markdown)
    assert any("البروتوكول الإضافي" in block.value for block in arabic_page.markdown)
    assert not arabic_page.subheader  # the English title is not shown; the Arabic one is an RTL heading
    english = open_dashboard({"date": "2020-03-06"})
    assert not any("direction: rtl" in block.value for block in english.markdown)


def test_the_delegations_are_named_in_arabic():
    app = open_dashboard({"date": "2019-08-22", "lang": "ar"})
    assert any("الوفود: الحكومة السورية، المعارضة المسلحة" in block.value for block in app.markdown)
    english = open_dashboard({"date": "2019-08-22"})
    assert any("Delegations: government, opposition" in block.value for block in english.markdown)


@pytest.fixture
def on_fixture_data(data_dir, monkeypatch):
    """The page on the small dataset built in code (with the real base layers): for what does not
    need the real data."""
    import shutil

    shutil.copytree(ROOT / "data" / "base", data_dir / "base")
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))


def test_arabic_indic_digits_are_a_choice_kept_in_the_link(on_fixture_data):
    app = open_dashboard({"date": "2020-03-06", "lang": "ar"})
    assert any(block.value.startswith("6 آذار/مارس 2020 · ") for block in app.markdown)
    app.radio(key="digits").set_value("arabic").run()
    assert any(block.value.startswith("٦ آذار/مارس ٢٠٢٠ · ") for block in app.markdown)
    assert app.query_params["digits"] in ("arabic", ["arabic"])
    relinked = open_dashboard({"date": "2020-03-06", "lang": "ar", "digits": "arabic"})
    assert relinked.radio(key="digits").value == "arabic"


def test_a_contradicting_report_is_flagged_in_arabic_on_the_arabic_page():
    app = open_dashboard({"date": "2024-11-12", "lang": "ar"})
    assert any(ARABIC.search(warning.value) and "19" in warning.value for warning in app.warning)


def test_a_bad_link_is_explained_in_the_readers_language(on_fixture_data):
    app = open_dashboard({"date": "yesterday", "lang": "ar"})
    assert any(warning.value.startswith("تم تجاهل date='yesterday'") for warning in app.warning)


def test_what_changed_beside_the_moscow_protocol():
    app = open_dashboard({"date": "2020-03-05"})
    app.toggle(key="show_changes").set_value(True).run()
    assert not app.exception
    texts = [as_read(block.value) for block in app.markdown]
    assert any(text.startswith("What changed from Astana 14 to Moscow") and "12 December 2019 → 6 March 2020" in text for text in texts)
    assert "Opposition-held north-west: -2,505 km² (5,914 → 3,409 km²)" in texts  # data/README.md's table
    assert any(text.startswith("**Zones created:** M4") for text in texts)
    towns = app.dataframe[0].value
    assert {"Saraqib", "Maarat al-Numan"} <= set(towns["Town"])


def test_what_changed_during_an_offensive_says_it_counts_to_the_offensives_end():
    app = open_dashboard({"date": "2020-01-10"})
    app.toggle(key="show_changes").set_value(True).run()
    assert any("ran until 6 March 2020" in caption.value and "after the date chosen" in caption.value for caption in app.caption)
    after = open_dashboard({"date": "2020-03-05"})
    after.toggle(key="show_changes").set_value(True).run()
    assert not any("after the date chosen" in caption.value for caption in after.caption)


def test_what_changed_speaks_arabic_with_arabic_digits():
    app = open_dashboard({"date": "2020-03-05", "lang": "ar", "digits": "arabic"})
    app.toggle(key="show_changes").set_value(True).run()
    assert any("-٢٬٥٠٥ كم²" in block.value for block in app.markdown)
    assert "معرة النعمان" in set(app.table[0].value["البلدة"])


def test_play_steps_are_the_rounds_or_the_months_in_the_period():
    rounds = load_rounds()
    by_round = play_steps(rounds, "rounds")
    assert by_round[0] == PERIOD_START and by_round[-1] == PERIOD_END and by_round == sorted(set(by_round))
    assert dt.date(2020, 3, 5) in by_round and dt.date(2016, 12, 29) not in by_round  # before the slider starts
    by_month = play_steps(rounds, "months")
    assert by_month[:3] == [PERIOD_START, dt.date(2017, 2, 1), dt.date(2017, 3, 1)]
    assert by_month[-2:] == [dt.date(2024, 12, 1), PERIOD_END]
    assert next_play_date(by_round, dt.date(2017, 5, 4)) == dt.date(2017, 7, 4)
    assert next_play_date(by_round, PERIOD_END) is None
    with pytest.raises(ValueError, match="got 'weeks'"):
        play_steps(rounds, "weeks")


def test_play_moves_the_date_a_step_per_tick_and_stops_at_the_end():
    app = open_dashboard({"date": "2017-05-04"})
    app.button(key="play_button").click().run()
    assert app.session_state[PLAYING_KEY] and app.button(key="play_button").label == "⏸ Pause"
    assert control_date(app) == dt.date(2017, 5, 4)  # the first step waits one interval
    app.session_state[LAST_STEP_KEY] = 0.0  # as if a second had passed: the timer's rerun moves on
    app.run()
    assert control_date(app) == dt.date(2017, 7, 4)
    assert app.query_params["date"] in ("2017-07-04", ["2017-07-04"])
    app.run()  # a rerun of the reader's own, right after: no second step
    assert control_date(app) == dt.date(2017, 7, 4)
    app.session_state[DATE_KEY] = PERIOD_END
    app.session_state[LAST_STEP_KEY] = 0.0
    app.run()
    assert not app.session_state[PLAYING_KEY] and app.button(key="play_button").label == "▶ Play"
    app.button(key="play_button").click().run()  # Play at the end starts again from the beginning
    assert control_date(app) == PERIOD_START


def test_comparing_two_dates_names_both_and_their_areas():
    app = open_dashboard({"date": "2020-03-06"})
    app.toggle(key="compare").set_value(True).run()
    assert not app.exception
    captions = [caption.value for caption in app.caption]
    assert "Left: 4 May 2017 · right: 6 March 2020. Both maps show the same layers." in captions
    assert "Opposition-held north-west: 12,607 km² on 4 May 2017, 3,409 km² on 6 March 2020." in captions
    app.slider(key="compare_date").set_value(dt.date(2017, 3, 1)).run()
    assert any("not mapped km²" in caption.value or "not mapped" in caption.value for caption in app.caption)


def _catalogue_keys_in(path: Path) -> list[tuple[str, int]]:
    """Every literal key handed to `.t(...)` or `t(...)` in a file, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "t":
                found.append((node.args[0].value, node.lineno))
    return found


@pytest.mark.parametrize("path", sorted([ROOT / "dashboard.py", *(ROOT / "components").glob("*.py")]), ids=lambda path: path.name)
def test_every_text_key_used_is_in_the_catalogue(path):
    missing = [(key, line) for key, line in _catalogue_keys_in(path) if key not in CATALOGUE]
    assert missing == []


def test_locale_writes_numbers_and_dates_in_its_digits():
    assert Locale("ar", "arabic").number(9650) == "٩٬٦٥٠"
    assert Locale("en").number(-2182.4, signed=True) == "-2,182"
    assert Locale("ar").date(dt.date(2017, 5, 4)) == "4 أيار/مايو 2017"
    with pytest.raises(ValueError, match="got 'roman'"):
        Locale("en", "roman")
    assert not LATIN_WORD.search(Locale("ar").t("town.held_by", date="x", name="y", controller="z", confidence="w").replace("x", "").replace("y", "").replace("z", "").replace("w", ""))


def map_arguments(app) -> list[dict]:
    """What the page hands each map (its script, the feature group, the view)."""
    from pages import map_data

    return map_data(app)


def test_the_two_maps_draw_their_own_dates_and_both_zoom_to_a_found_town():
    app = open_dashboard({"date": "2020-03-06"})
    app.toggle(key="compare").set_value(True).run()
    left, right = map_arguments(app)
    assert "zone-northern-homs" in left["feature_group"] and "zone-northern-homs" not in right["feature_group"]
    assert "m4-corridor-2020" in right["feature_group"] and "m4-corridor-2020" not in left["feature_group"]
    app.text_input(key="town_query").input("Saraqib").run()
    saraqib = load_base_layer("towns").query("name_en == 'Saraqib'").geometry.iloc[0]
    assert [(arguments["center"], arguments["zoom"]) for arguments in map_arguments(app)] == [([saraqib.y, saraqib.x], FOCUS_ZOOM)] * 2
