"""The page's logic through Streamlit's AppTest: it loads, and the time control changes what is shown.
About 300 lines: the page's own behaviour, one test per thing a reader does."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.locale import Locale
from geo.schema import SYRIA_BOUNDS
from pages import as_read, control_date, map_data, open_dashboard, pick_date, send_from_date_control, shown_feature_names, whole_page

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


@pytest.fixture
def fixture_app(data_dir, monkeypatch) -> AppTest:
    shutil.copytree(ROOT / "data" / "base", data_dir / "base")
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def fixture_app_factory(data_dir, monkeypatch):
    """An app on the fixture data, opened with the given query string."""
    shutil.copytree(ROOT / "data" / "base", data_dir / "base")
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))

    def open_with(query: dict[str, str]) -> AppTest:
        return open_dashboard(query)

    return open_with


def test_the_real_data_loads_without_exception():
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [element.value for element in app.error]
    assert control_date(app) == dt.date(2017, 5, 4)
    assert "Syria" in app.title[0].value


@pytest.mark.parametrize(
    ("date", "round_title", "names"),
    [
        (dt.date(2017, 5, 4), "Astana 4", {"Zone A", "Front 2017"}),
        (dt.date(2018, 10, 1), "Astana 4", {"Zone A", "Front 2017", "DMZ", "Post 1"} - {"Zone A"}),
        (dt.date(2020, 3, 6), "Moscow protocol", {"Front 2020", "Corridor", "Post 1"}),
        (dt.date(2017, 2, 1), "Astana 1", set()),
    ],
)
def test_moving_the_slider_changes_the_panel_and_the_features(fixture_app, date, round_title, names):
    pick_date(fixture_app, date)
    assert not fixture_app.exception
    assert fixture_app.subheader[0].value == round_title
    assert shown_feature_names(fixture_app) == names
    status = f"{Locale().date(date)} · {len(names)} features on the map"
    assert any(status in block.value.replace("**", "") for block in fixture_app.markdown)


@pytest.mark.parametrize(
    "message",
    ["2031-01-01", "2016-12-31", "yesterday", "2019-08-22<script>alert(1)</script>", 20190822, None, {"date": "2019-08-22"}, ["2019-08-22"], "x" * 100_000],
)
def test_a_message_from_the_time_control_that_is_not_a_day_of_the_period_is_ignored(fixture_app, message):
    pick_date(fixture_app, dt.date(2020, 3, 6))
    send_from_date_control(fixture_app, message)
    assert not fixture_app.exception, fixture_app.exception
    assert not fixture_app.error
    assert control_date(fixture_app) == dt.date(2020, 3, 6)
    assert fixture_app.subheader[0].value == "Moscow protocol"


def test_the_day_picked_on_the_time_control_reaches_the_panel_and_the_control_and_leaves_the_link_to_the_control(fixture_app):
    link_before = dict(fixture_app.query_params)
    send_from_date_control(fixture_app, "2017-02-01")
    assert not fixture_app.exception
    assert fixture_app.subheader[0].value == "Astana 1"
    assert control_date(fixture_app) == dt.date(2017, 2, 1)
    # The control's script has written the day into the link in the browser (the Chromium tests
    # read it in the address bar): the page sends no link of its own, which would cost a redraw.
    assert dict(fixture_app.query_params) == link_before
    fixture_app.button(key="next_round").click().run()  # a date the page sets itself goes into the link
    assert fixture_app.query_params["date"] in ("2017-05-03", ["2017-05-03"])


def test_the_time_control_speaks_the_readers_language_and_digits(fixture_app_factory):
    from pages import date_control

    app = fixture_app_factory({"lang": "ar", "digits": "arabic", "date": "2020-03-06"})
    data = json.loads(date_control(app).proto.json)
    assert data["label"] == "التاريخ" and data["digits"] == "arabic" and data["date"] == "2020-03-06"
    assert data["months"][7] == "آب/أغسطس" and data["months"][4] == "أيار/مايو"
    # The round marks on its axis: every round and milestone of the period, titled in Arabic.
    assert [mark["start"] for mark in data["marks"]] == ["2017-01-23", "2017-05-03", "2020-03-05"]
    assert [mark["title"] for mark in data["marks"]] == ["أستانا 1", "أستانا 4", "بروتوكول موسكو"]


def test_the_round_buttons_jump_between_round_starts(fixture_app):
    next_button = next(button for button in fixture_app.button if "Next" in button.label)
    next_button.click().run()
    assert control_date(fixture_app) == dt.date(2020, 3, 5)
    assert fixture_app.subheader[0].value == "Moscow protocol"
    # A click reran only the date's fragment (the buttons are drawn with the page): find them again.
    previous_button = next(button for button in whole_page(fixture_app).button if "Previous" in button.label)
    previous_button.click().run()
    previous_button = next(button for button in whole_page(fixture_app).button if "Previous" in button.label)
    previous_button.click().run()
    assert control_date(fixture_app) == dt.date(2017, 1, 23)
    assert fixture_app.subheader[0].value == "Astana 1"


def test_picking_a_round_moves_the_slider_to_its_start(fixture_app):
    fixture_app.selectbox(key="jump_to_round").select("protocol-2020").run()
    assert control_date(fixture_app) == dt.date(2020, 3, 5)
    assert fixture_app.subheader[0].value == "Moscow protocol"


def test_a_broken_data_file_shows_a_message_not_a_traceback(data_dir, monkeypatch):
    shutil.copytree(ROOT / "data" / "base", data_dir / "base")
    (data_dir / "rounds.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    assert "data/rounds.yaml" in app.error[0].value
    assert "is not valid YAML" in app.error[0].value


def test_the_panel_flags_a_report_that_contradicts_the_round(fixture_app):
    pick_date(fixture_app, dt.date(2020, 3, 5))
    warnings = [as_read(warning.value) for warning in fixture_app.warning]
    assert "A report (seed-x) places it in Ankara; the sourced record says Moscow." in warnings
    pick_date(fixture_app, dt.date(2017, 5, 4))
    assert not fixture_app.warning  # the claim about Astana 4 agrees: nothing to flag


def test_the_real_panel_shows_the_round_19_discrepancy_beside_round_22():
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    app.run()
    pick_date(app, dt.date(2024, 11, 12))
    assert app.subheader[0].value.startswith("Astana 22")
    assert any("calls this round 19" in warning.value for warning in app.warning)


def test_the_panel_lists_the_features_a_round_touched(fixture_app):
    pick_date(fixture_app, dt.date(2017, 5, 4))
    touched = fixture_app.selectbox(key="touched_feature")
    assert touched.options == ["Zone A (4 May 2017)"]
    touched.select("zone-a").run()
    assert not fixture_app.exception
    assert fixture_app.selectbox(key="touched_feature").value == "zone-a"


def test_a_link_with_a_date_opens_that_date(fixture_app_factory):
    app = fixture_app_factory({"date": "2020-03-06"})
    assert control_date(app) == dt.date(2020, 3, 6)
    assert app.subheader[0].value == "Moscow protocol"
    assert not app.warning or all("Ignored" not in warning.value for warning in app.warning)


@pytest.mark.parametrize("value", ["yesterday", "2030-01-01", "2020-02-30", "<script>alert(1)</script>", "' OR 1=1 --", "9" * 500])
def test_a_bad_date_in_the_link_warns_and_falls_back(fixture_app_factory, value):
    app = fixture_app_factory({"date": value})
    assert not app.exception
    assert control_date(app) == dt.date(2017, 5, 4)
    assert any(warning.value.startswith("Ignored date=") for warning in app.warning)


def test_a_link_with_a_round_opens_its_start(fixture_app_factory):
    app = fixture_app_factory({"round": "protocol-2020"})
    assert control_date(app) == dt.date(2020, 3, 5)
    assert app.subheader[0].value == "Moscow protocol"


def test_a_link_restores_layers_language_and_base_map(fixture_app_factory):
    app = fixture_app_factory({"date": "2020-03-06", "layers": "frontline,observation_post", "lang": "ar", "basemap": "osm"})
    assert shown_feature_names(app) == {"Front 2020", "Post 1"}  # the corridor's layer is off
    assert app.multiselect(key="layers").value == ["frontline", "observation_post"]
    assert app.radio(key="language").value == "ar" and app.radio(key="base_map").value == "osm"
    assert any("نقطة مراقبة تركية" in block.value for block in app.markdown)  # the legend speaks Arabic
    assert app.query_params["layers"] in ("frontline,observation_post", ["frontline,observation_post"])


def test_the_link_follows_the_view_so_it_can_be_shared(fixture_app):
    pick_date(fixture_app, dt.date(2018, 10, 1))
    fixture_app.radio(key="language").set_value("ar").run()
    query = {key: (value[0] if isinstance(value, list) else value) for key, value in fixture_app.query_params.items()}
    assert query == {"date": "2018-10-01", "layers": "deescalation_zone,frontline,demilitarized_zone,security_corridor,observation_post", "lang": "ar", "basemap": "offline", "digits": "latin", "extent": "features"}


def test_a_date_step_hands_the_map_nothing_new(fixture_app):
    # The map draws the day the control shows in the browser (components.live_date): its script
    # and layers are the same on every day, so a step neither re-mounts nor redraws it from Python.
    before = map_data(fixture_app)
    assert len(before) == 1 and before[0]["script"]
    pick_date(fixture_app, dt.date(2020, 3, 6))
    assert fixture_app.subheader[0].value == "Moscow protocol"
    assert map_data(fixture_app) == before


def test_the_map_first_frames_what_is_on_it_and_keeps_that_frame_while_the_date_moves(fixture_app):
    # The fixture's features lie in two small squares near Idlib and in the south: the frame holds
    # them, not the whole country; a step to another date keeps the frame (no jump per step).
    first = map_arguments(fixture_app)
    pick_date(fixture_app, dt.date(2020, 3, 6))
    assert map_arguments(fixture_app) == first
    west, south, east, north = first
    assert (west, south, east, north) != SYRIA_BOUNDS and west <= 36.0 and east >= 36.7 and south <= 32.8 and north >= 36.0
    fixture_app.radio(key="extent").set_value("country").run()
    assert map_arguments(fixture_app) == SYRIA_BOUNDS
    assert fixture_app.query_params["extent"] in ("country", ["country"])


def map_arguments(app) -> tuple[float, float, float, float]:
    """The frame the page hands the map (west, south, east, north), read from its fitBounds."""
    import json
    import re

    script = map_data(app)[0]["script"]
    (south, west), (north, east) = json.loads(re.search(r"fitBounds\(\s*(\[\[.*?\]\])", script, re.DOTALL).group(1))
    return (west, south, east, north)


@pytest.mark.parametrize(
    ("query", "warning_start"),
    [
        ({"round": "astana-99"}, "Ignored round='astana-99'"),
        ({"lang": "fr"}, "Ignored lang='fr'"),
        ({"basemap": "google"}, "Ignored basemap='google'"),
        ({"layers": "frontline,<b>x</b>"}, "Ignored layers '<b>x</b>'"),
    ],
)
def test_bad_view_values_in_the_link_warn_and_fall_back(fixture_app_factory, query, warning_start):
    app = fixture_app_factory(query)
    assert any(warning.value.startswith(warning_start) for warning in app.warning)
    assert control_date(app) == dt.date(2017, 5, 4)


def test_a_data_file_that_disappears_gives_a_message_and_the_app_recovers(fixture_app, data_dir):
    rounds_file = data_dir / "rounds.yaml"
    saved = rounds_file.read_text(encoding="utf-8")
    rounds_file.unlink()
    fixture_app.run()
    assert not fixture_app.exception
    assert "data/rounds.yaml" in fixture_app.error[0].value and "is missing" in fixture_app.error[0].value
    rounds_file.write_text(saved, encoding="utf-8")
    fixture_app.run()
    assert not fixture_app.exception and not fixture_app.error
    assert fixture_app.subheader[0].value == "Astana 4"


def test_a_data_file_that_changes_while_the_app_runs_is_picked_up(fixture_app, data_dir):
    rounds_file = data_dir / "rounds.yaml"
    rounds_file.write_text(rounds_file.read_text(encoding="utf-8").replace("Astana 4", "Astana Four"), encoding="utf-8")
    fixture_app.run()
    assert fixture_app.subheader[0].value == "Astana Four"


@pytest.mark.parametrize(
    ("query", "date", "held_by"),
    [
        ("Ma'arrat an-Nu'man", "2019-12-01", "the armed opposition"),
        ("Maarat al Numan", "2020-02-01", "the government"),  # taken on 28 January 2020
        ("سراقب", "2020-02-28", "the armed opposition"),  # retaken on 27 February, lost again on 2 March
        ("Sarakeb", "2020-03-03", "the government"),
    ],
)
def test_finding_a_town_says_who_held_it_on_the_date(query, date, held_by):
    app = open_dashboard({"date": date})
    app.text_input(key="town_query").input(query).run()
    assert not app.exception
    assert held_by in app.success[0].value and Locale().date(date) in app.success[0].value


def test_a_town_outside_the_control_facts_says_so():
    app = open_dashboard({"date": "2020-03-06"})
    app.text_input(key="town_query").input("Deir ez-Zor").run()
    assert "not among the towns tracked" in app.info[0].value


def test_the_area_chart_shows_on_demand_with_the_chosen_date():
    app = open_dashboard({"date": "2020-03-06"})
    charts_before = len(app.get("vega_lite_chart"))
    app.toggle(key="show_areas").set_value(True).run()
    charts = app.get("vega_lite_chart")
    assert len(charts) == charts_before + 1
    assert "Chosen date" in str(charts[-1].proto)  # the rule at the date (its position is tested in test_analysis.py)
    # Each zone is named as on the map, not by its id.
    import pyarrow

    frames = [pyarrow.ipc.open_stream(dataset.data.data).read_all().to_pandas() for dataset in charts[-1].proto.datasets]
    labels = set(next(frame for frame in frames if "label" in frame.columns)["label"])
    assert "Opposition-held north-west" in labels and any("Idlib" in label for label in labels)
    assert not any(label.startswith("zone-") for label in labels)


def test_a_town_found_keeps_its_answer_in_step_with_the_date():
    # The search box is drawn with the page, the answer in the date's fragment: a step redraws the
    # answer alone, for the town still picked.
    app = open_dashboard({"date": "2019-12-01"})
    app.text_input(key="town_query").input("Maarat al Numan").run()
    assert "the armed opposition" in app.success[0].value
    pick_date(app, dt.date(2020, 2, 1))  # taken on 28 January 2020
    assert not app.exception
    assert "the government" in app.success[0].value and Locale().date("2020-02-01") in app.success[0].value


def test_the_downloads_are_made_only_while_their_list_is_open_and_stay_through_a_step(fixture_app):
    assert not fixture_app.get("download_button")  # closed: a step sends none of them
    fixture_app.session_state["show_downloads"] = True  # as the browser's click on the list does
    labels = [button.proto.label for button in whole_page(fixture_app).get("download_button")]
    assert len(labels) == 5 and any("PNG" in label for label in labels) and any("GeoPackage" in label for label in labels)
    pick_date(fixture_app, dt.date(2020, 3, 6))  # the date's fragment alone, the list still open
    assert [button.proto.label for button in fixture_app.get("download_button")] == labels
    fixture_app.session_state["show_downloads"] = False
    assert not whole_page(fixture_app).get("download_button")
