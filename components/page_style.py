"""The page's layout CSS: tighter margins for the map, and the right-to-left layout for Arabic.
CSS only, fixed text (nothing from the data or the request goes into it)."""

from __future__ import annotations

# The page reads right to left, but some things keep left to right: Leaflet (it positions tiles,
# controls and tooltips assuming ltr; the map is drawn in the page, components.page_map), the
# date control's track (components/standalone/date_control.css), the Previous/Next buttons under it
# (time runs left to right, as in English, so "Previous" stays on the left), the compare slider, and
# code blocks (file names, ids, English messages). Selectors checked against Streamlit 1.67's DOM: a
# slider's track is a react-aria `[role=group]` beside its `stWidgetLabel`, the buttons the
# `stLayoutWrapper` after the date control's element (`.st-key-date_control`);
# Streamlit's own list style sets margins on the left.
RTL_CSS = """
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
/* Folded, the sidebar slides left by its width: on the right of the page that is over the page. */
[data-testid="stSidebar"][data-collapsed="true"] { display: none; }
[data-testid="stMain"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"],
[data-testid="stSidebarContent"] [data-testid="stMarkdownContainer"],
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"], [data-testid="stHeading"],
[data-testid="stAlertContainer"], [data-testid="stExpander"] summary, .legend,
[data-testid="stTable"], [data-testid="stTable"] th, [data-testid="stTable"] td,
[data-testid="stMarkdownContainer"] table, [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
  direction: rtl; text-align: right;
}
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol { padding-left: 0; padding-right: 0; margin-left: 0; }
[data-testid="stMarkdownContainer"] li { text-align: right; margin-left: 0; margin-right: 1.2em; padding-left: 0; padding-right: 0.3em; }
.legend .legend-row > span { margin-right: 0 !important; margin-left: 6px; }
.leaflet-container, [data-testid^="stCustomComponent"], [data-testid="stIFrame"] { direction: ltr; }
[data-testid="stSlider"] > [role="group"], [data-testid="stSliderTickBar"],
[data-testid="stSliderTickBar"] [data-testid="stMarkdownContainer"], [data-testid="stVegaLiteChart"] { direction: ltr; }
.st-key-date_control + [data-testid="stLayoutWrapper"] > [data-testid="stHorizontalBlock"] { direction: ltr; }
.st-key-date_control + [data-testid="stLayoutWrapper"] [data-testid="stColumn"] { direction: rtl; }
[data-testid="stCode"], [data-testid="stCode"] pre { direction: ltr; text-align: left; }
"""


# Streamlit's wide layout keeps 5rem each side; the map takes the room instead.
PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; padding-top: 1.5rem; }
"""


def page_css(right_to_left: bool) -> str:
    """The `<style>` element for `st.markdown(..., unsafe_allow_html=True)`: the margins, and the
    right-to-left layout when the page reads right to left."""
    return f"<style>{PAGE_CSS}{RTL_CSS if right_to_left else ''}</style>"
