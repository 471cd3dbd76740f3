"""Helpers for the dashboard's AppTests: open the page on some data, read what it shows."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def open_dashboard(query: dict[str, str] | None = None) -> AppTest:
    """The dashboard run once (on the data DEESCALATION_DATA_DIR points at), without exception."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def whole_page(app: AppTest) -> AppTest:
    """The whole page again, after a control drawn with the page reran only the date's fragment
    (components.widgets.follow_date). Each AppTest run starts its element tree afresh, so after a
    fragment's run it holds only that fragment's elements, where the browser keeps the rest of the
    page as it was; a run of the page draws that rest again from the same session state."""
    app.run()
    assert not app.exception, app.exception
    return app


def shown_feature_names(app: AppTest) -> set[str]:
    """The names in the features table (switched on first: it is off by default, for speed);
    the whole page is drawn again after, for the test to read on."""
    if not app.toggle(key="show_table").value:
        app.toggle(key="show_table").set_value(True).run()
        whole_page(app)
    # The grid in English, an HTML table (laid out right to left) in Arabic.
    table = (app.dataframe or app.table)[0].value
    # The English names' column: "Name" on the English page, its Arabic heading on the Arabic one.
    return set(table["Name" if "Name" in table.columns else "الاسم بالإنجليزية"])


def as_read(markdown: str) -> str:
    """A Markdown source as the reader sees it: the backslash escapes of plain_markdown removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def date_control(app: AppTest):
    """The time control's element (a `st.components.v2` component: AppTest knows it only by type)."""
    controls = [node for node in app.main if node.type == "bidi_component" and node.proto.component_name == "deescalation_date_control"]
    assert len(controls) == 1, f"{len(controls)} date controls on the page"
    return controls[0]


def map_data(app: AppTest) -> list[dict]:
    """What the page hands each map (components.page_map: folium's script, the feature group,
    the view), in the page's order."""
    return [json.loads(node.proto.json) for node in app.get("bidi_component") if node.proto.component_name == "deescalation_map"]


def control_date(app: AppTest) -> dt.date:
    """The day the time control shows (the data the page sends it)."""
    return dt.date.fromisoformat(json.loads(date_control(app).proto.json)["date"])


def send_from_date_control(app: AppTest, value: object) -> AppTest:
    """Run the page as the browser does when the reader lets go of the handle: the control's
    "picked" trigger carries `value` (any JSON, as a tampered message could). AppTest has no
    setter for a custom component, so this sends the widget states itself, through the same
    private entry point AppTest's own widgets use (`_run`)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    states = app._tree.get_widget_states()
    trigger = WidgetState(id=_make_trigger_id(date_control(app).proto.id, "events"))
    trigger.json_trigger_value = json.dumps([{"event": "picked", "value": value}])
    states.widgets.append(trigger)
    app._run(states)
    return app


def pick_date(app: AppTest, day: dt.date) -> AppTest:
    return send_from_date_control(app, day.isoformat())
