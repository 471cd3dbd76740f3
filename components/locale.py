"""The reader's language and digits as one object, `Locale`: it writes every text (from the
catalogue), date and number a component shows.

Month names come from Babel's CLDR data: `ar_SY` gives the Levantine months (أيار), `ar` the
common ones (مايو); Syrian readers expect both (أيار/مايو). Babel writes Arabic dates with Latin
digits only, so the Arabic-Indic digits are our own (a character table).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from components.catalogue import CATALOGUE
from geo.view_state import DIGIT_STYLES, LANGUAGES

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", ARABIC_INDIC)
ARABIC_THOUSANDS_SEPARATOR = "٬"


def check_language(language: object) -> str:
    """The one check of a language code: "en" or "ar", else a ValueError naming what arrived."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return str(language)


def check_digits(digits: object) -> str:
    """The one check of a digit style: "latin" or "arabic", else a ValueError naming what arrived."""
    if digits not in DIGIT_STYLES:
        raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}, got {digits!r}")
    return str(digits)


@lru_cache(maxsize=2)
def month_names(language: str) -> tuple[str, ...]:
    """January..December in English, or `أيار/مايو`-style pairs in Arabic (from CLDR)."""
    if check_language(language) == "en":
        return tuple(get_month_names("wide", locale="en")[month] for month in range(1, 13))
    levantine, common = get_month_names("wide", locale="ar_SY"), get_month_names("wide", locale="ar")
    return tuple(f"{levantine[month]}/{common[month]}" for month in range(1, 13))


def placeholders(template: str) -> set[str]:
    """The names a template asks for: `{count} features` -> {'count'}."""
    return {field for _text, field, _spec, _conversion in string.Formatter().parse(template) if field is not None}


def t(key: str, language: str, /, **values: object) -> str:
    """The text for `key` in `language` ("en" or "ar"), its placeholders filled from `values`.

    >>> t("touched.placeholder", "ar", count=3)
    'عدد العناصر: 3'
    """
    if key not in CATALOGUE:
        raise KeyError(f"no interface text {key!r} in components.catalogue.CATALOGUE")
    template = CATALOGUE[key][LANGUAGES.index(check_language(language))]
    missing = placeholders(template) - set(values)
    if missing:
        raise KeyError(f"interface text {key!r} needs {', '.join(sorted(missing))}")
    # A value is inserted once, as text: braces inside it are not read as placeholders.
    return template.format(**values)


def to_arabic_indic(text: str) -> str:
    """`2017` -> `٢٠١٧`: Western digits as Arabic-Indic ones, everything else unchanged."""
    return str(text).translate(ARABIC_INDIC_DIGITS)


def as_date(date: dt.date | str) -> dt.date:
    if isinstance(date, str):
        return dt.date.fromisoformat(date)
    if isinstance(date, dt.datetime):  # a pandas Timestamp is one too
        return date.date()
    if not isinstance(date, dt.date):
        raise TypeError(f"date must be a datetime.date or an ISO date text, got {type(date).__name__}: {date!r}")
    return date


def month_year(date: dt.date | str, language: str = "en") -> str:
    """`November 2024` or `تشرين الثاني/نوفمبر 2024` (Latin digits)."""
    day = as_date(date)
    return f"{month_names(language)[day.month - 1]} {day.year}"


def format_date(date: dt.date | str, language: str, digits: str = "latin") -> str:
    """`4 May 2017`, or `4 أيار/مايو 2017`, with Latin or Arabic-Indic digits.

    >>> format_date(dt.date(2017, 5, 4), "ar", digits="arabic")
    '٤ أيار/مايو ٢٠١٧'
    """
    day = as_date(date)
    text = f"{day.day} {month_year(day, language)}"
    return to_arabic_indic(text) if check_digits(digits) == "arabic" else text


def format_number(value: float, digits: str = "latin", signed: bool = False) -> str:
    """`9,650` or `٩٬٦٥٠` (Arabic-Indic digits take the Arabic thousands separator), rounded to units."""
    text = f"{value:+,.0f}" if signed else f"{value:,.0f}"
    return to_arabic_indic(text.replace(",", ARABIC_THOUSANDS_SEPARATOR)) if digits == "arabic" else text


@dataclass(frozen=True)
class Locale:
    """The reader's language and digits: what every component needs to write a text, a date or a number.

    >>> Locale("ar", "arabic").t("touched.placeholder", count=3)
    'عدد العناصر: ٣'
    """

    language: str = "en"
    digits: str = "latin"

    def __post_init__(self) -> None:
        check_language(self.language)
        check_digits(self.digits)

    @property
    def is_rtl(self) -> bool:
        return self.language == "ar"

    @property
    def direction(self) -> str:
        """"rtl" or "ltr", for a `dir` attribute."""
        return "rtl" if self.is_rtl else "ltr"

    @property
    def list_separator(self) -> str:
        return "، " if self.is_rtl else ", "

    def t(self, text_key: str, /, **values: object) -> str:
        """`t()` in this language, whole numbers among the values written in this locale's digits."""
        shown = {name: self.number(value) if isinstance(value, int) and not isinstance(value, bool) else value for name, value in values.items()}
        return t(text_key, self.language, **shown)

    def has(self, text_key: str) -> bool:
        return text_key in CATALOGUE

    def coded(self, prefix: str, value: object) -> str:
        """The catalogue's text for a coded value (`confidence.high`), or the value itself if it has none."""
        key = f"{prefix}.{value}"
        return self.t(key) if key in CATALOGUE else str(value)

    def date(self, date: dt.date | str) -> str:
        return format_date(date, self.language, self.digits)

    def month_year(self, date: dt.date | str) -> str:
        return self.digits_of(month_year(date, self.language))

    def months(self) -> tuple[str, ...]:
        return month_names(self.language)

    def number(self, value: float, signed: bool = False) -> str:
        return format_number(value, self.digits, signed)

    def digits_of(self, text: str) -> str:
        """`text` with its digits in this locale's style."""
        return to_arabic_indic(text) if self.digits == "arabic" else text

    def text(self, row: Mapping[str, object], field: str = "name") -> str:
        """A record's `name_en` or `name_ar` (or `title_…`, `summary_…`) in this language."""
        return str(row[self.field(field)])

    def field(self, field: str = "name") -> str:
        """`name_en` or `name_ar`: the column of a bilingual field in this language."""
        return f"{field}_{self.language}"


def vega_label_expr(expression: str, digits: str) -> str:
    """A Vega `labelExpr` that writes `expression`'s text in the chosen digits (Vega formats
    numbers and dates with Latin ones): `timeFormat(datum.value, '%Y')` -> ٢٠١٧."""
    if digits != "arabic":
        return expression
    for latin, arabic in zip("0123456789", ARABIC_INDIC):
        expression = f"replace({expression}, /{latin}/g, '{arabic}')"
    return expression
