"""The interface texts: every key in both languages, filled safely, dates in words, right to left."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from components.catalogue import CATALOGUE
from components.locale import Locale, format_date, month_names, placeholders, t, to_arabic_indic
from components.page_style import page_css
from components.symbology import BASE_LEGEND, KIND_ORDER

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_english_and_arabic_text(key):
    english, arabic = CATALOGUE[key]
    assert english.strip() and arabic.strip()
    assert ARABIC_SCRIPT.search(arabic), f"{key}: the Arabic text has no Arabic letter: {arabic!r}"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_ask_for_the_same_values(key):
    english, arabic = CATALOGUE[key]
    assert placeholders(english) == placeholders(arabic)


@pytest.mark.parametrize("kind", [*KIND_ORDER, *(kind for kind, _colour in BASE_LEGEND)])
def test_every_kind_drawn_has_a_label_in_both_languages(kind):
    key = f"kind.{kind}" if kind in KIND_ORDER else f"legend.{kind}"
    assert key in CATALOGUE and ARABIC_SCRIPT.search(CATALOGUE[key][1])


@pytest.mark.parametrize("kind", ["astana_round", "agreement", "event"])
def test_every_kind_of_round_has_a_name(kind):
    assert t(f"round_kind.{kind}", "en") and ARABIC_SCRIPT.search(t(f"round_kind.{kind}", "ar"))


@pytest.mark.parametrize(
    ("key", "language", "values", "expected"),
    [
        ("panel.delegations_values", "en", {"values": "Russia"}, "Delegations: Russia"),
        ("panel.observers_values", "ar", {"values": "الأمم المتحدة"}, "المراقبون: الأمم المتحدة"),
        ("touched.placeholder", "en", {"count": 3}, "3 features"),
        ("touched.placeholder", "ar", {"count": 3}, "عدد العناصر: 3"),
        ("panel.confidence_line", "ar", {"confidence": "عالية"}, "درجة الثقة: عالية"),
        # A value's own braces are text, never read as a placeholder.
        ("overlay.note", "en", {"note": "{__class__} {0}"}, "Overlay: {__class__} {0}"),
        ("app.data_not_loaded", "en", {"error": "data/rounds.yaml: is missing"}, "The data could not be loaded: data/rounds.yaml: is missing"),
    ],
)
def test_t_fills_the_template_of_the_language(key, language, values, expected):
    assert t(key, language, **values) == expected


@pytest.mark.parametrize(
    ("key", "language", "values", "message"),
    [
        ("panel.nonexistent", "en", {}, "no interface text 'panel.nonexistent'"),
        ("touched.placeholder", "ar", {}, "interface text 'touched.placeholder' needs count"),
    ],
)
def test_t_raises_key_error_naming_what_is_missing(key, language, values, message):
    with pytest.raises(KeyError, match=re.escape(message)):
        t(key, language, **values)


def test_t_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="got 'fr'"):
        t("panel.sources_heading", "fr")


@pytest.mark.parametrize(
    ("date", "language", "digits", "expected"),
    [
        (dt.date(2017, 5, 4), "en", "latin", "4 May 2017"),
        (dt.date(2017, 5, 4), "ar", "latin", "4 أيار/مايو 2017"),
        (dt.date(2017, 5, 4), "ar", "arabic", "٤ أيار/مايو ٢٠١٧"),
        (dt.date(2017, 5, 4), "en", "arabic", "٤ May ٢٠١٧"),
        (dt.date(2024, 11, 30), "ar", "latin", "30 تشرين الثاني/نوفمبر 2024"),
        (dt.date(2024, 12, 8), "ar", "arabic", "٨ كانون الأول/ديسمبر ٢٠٢٤"),
        (pd.Timestamp("2020-03-06"), "en", "latin", "6 March 2020"),
        ("2020-03-06", "ar", "arabic", "٦ آذار/مارس ٢٠٢٠"),
    ],
)
def test_format_date(date, language, digits, expected):
    assert format_date(date, language, digits=digits) == expected


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ((dt.date(2017, 5, 4), "en", "roman"), ValueError),
        ((dt.date(2017, 5, 4), "de", "latin"), ValueError),
        ((20170504, "en", "latin"), TypeError),
    ],
)
def test_format_date_refuses_what_it_cannot_write(arguments, error):
    with pytest.raises(error):
        format_date(*arguments[:2], digits=arguments[2])


@pytest.mark.parametrize(("text", "expected"), [("0123456789", "٠١٢٣٤٥٦٧٨٩"), ("Astana 22, 2024", "Astana ٢٢, ٢٠٢٤"), ("", "")])
def test_to_arabic_indic(text, expected):
    assert to_arabic_indic(text) == expected


@pytest.mark.parametrize(("language", "expected"), [("ar", "rtl"), ("en", "ltr")])
def test_direction(language, expected):
    assert Locale(language).direction == expected


def test_month_names_come_in_both_arabic_forms_levantine_first():
    # Babel's CLDR data: ar_SY for the Levantine months, ar for the common ones.
    assert month_names("ar")[4] == "أيار/مايو" and month_names("ar")[0] == "كانون الثاني/يناير"
    assert month_names("en")[11] == "December"


def test_rtl_css_turns_the_page_but_keeps_the_map_and_slider_left_to_right():
    assert "direction: rtl" not in page_css(False)
    css = page_css(True)
    assert css.startswith("<style>") and css.endswith("</style>")
    assert "direction: rtl" in css
    left_to_right = [rule for rule in css.split("}") if "direction: ltr" in rule]
    assert any(".leaflet-container" in rule for rule in left_to_right)
    assert any('[data-testid="stSlider"] > [role="group"]' in rule for rule in left_to_right)
    assert "</style" not in css[len("<style>") : -len("</style>")]


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def _arabic_phrases_in(path) -> list[tuple[int, str]]:
    """String literals of a module that hold Arabic words (more than a letter table or an article)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and isinstance(node.body[0], ast.Expr)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and ARABIC_SCRIPT.search(node.value) and " " in node.value.strip()]


@pytest.mark.parametrize("path", sorted((ROOT / "geo").glob("*.py")), ids=lambda path: path.name)
def test_geo_returns_values_and_the_catalogue_writes_the_sentences(path):
    # A reader's sentence in geo/ would escape the catalogue (and the other language): geo returns
    # keys and values (link notices, checked claims), components/ writes them.
    assert _arabic_phrases_in(path) == []


def test_checked_claims_carry_values_not_messages(data_dir):
    from geo import load_claims, load_rounds, load_sources
    from geo.claims import check_claims

    checked = check_claims(load_claims(data_dir), load_rounds(data_dir), load_sources(data_dir))
    assert not [column for column in checked.columns if column.startswith("message")]
