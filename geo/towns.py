"""Towns by name, however it is spelled, and who held a town on a date.

Syrian place names reach English in many transliterations (Maarat al-Numan, Ma'arrat an-Nu'man,
Maarrat al Numan...) and Arabic is typed with or without hamzas, tashkeel and the article. Both
sides of a comparison are reduced to one key per script, then ranked by similarity (difflib: no
dependency beyond the standard library).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import NamedTuple

import pandas as pd

from geo.query import latest_rows_on

RESULT_COLUMNS = ["town_id", "name_en", "name_ar", "score"]
TOWN_COLUMNS = ("town_id", "name_en", "name_ar")
# Below this a match is noise: "باب" against "باتبو" scores 0.75, "Idleb" against "Idlib" 0.8.
MIN_SCORE = 0.8
# Same consonants in the same order (Saraqeb, Sarakeb, Saraqib): vowels are the least stable part of
# a transliteration. Below an exact match, above any fuzzy one.
SKELETON_SCORE = 0.95
# Three consonants are too few: "Bosra" and "Basir" share b-s-r.
SKELETON_MIN_LENGTH = 4
# Typing the start of a name ("Maarat") or one of its words ("Numan") finds it, below a full match.
PREFIX_SCORE = 0.85
PREFIX_MIN_LENGTH = 4

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
# Apostrophes, ayn and hamza marks as transliterations write them: ‘ ’ ʿ ʾ ' ` ´ ʻ ʼ ′.
LATIN_MARKS = re.compile(r"['`´‘’ʿʾʻʼ′]")
LATIN_ARTICLES = frozenset({"al", "an", "ar", "ash", "as", "at", "ad", "az", "el", "en", "er", "es", "esh", "et", "ed", "ez", "ul"})
# Spelling equivalences, applied in order after accents are stripped: q/k for ق, o/ou/oo/u for و,
# ee/y/i for ي, e/a for the short vowel (Sheikh/Shaykh -> shaikh), and a final -ah/-eh for ة.
LATIN_SPELLINGS = (
    (re.compile(r"ou|oo|o"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"e"), "a"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=[aiou])h$"), ""),
)
LATIN_VOWELS = re.compile(r"[aiou]")
DOUBLED = re.compile(r"(.)\1+")

ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")  # tashkeel, Quranic marks, tatweel
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ک": "ك", "ی": "ي", "ؤ": "", "ئ": "", "ء": ""})
ARABIC_ARTICLE = "ال"


class Control(NamedTuple):
    """Who held a town from the latest change of hands on or before a date, and on what evidence."""

    controller: str
    sources: list[str]
    confidence: str


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


def _latin_word(word: str) -> str:
    for pattern, replacement in LATIN_SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def latin_words(name: str) -> list[str]:
    """The words of a Latin-script name in one spelling, articles and marks dropped."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character)).lower()
    plain = LATIN_MARKS.sub("", plain)
    return [_latin_word(word) for word in re.split(r"[^a-z0-9]+", plain) if word and word not in LATIN_ARTICLES]


def arabic_words(name: str) -> list[str]:
    """The words of an Arabic name without tashkeel, tatweel, hamza seats or the article."""
    plain = ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name)).translate(ARABIC_LETTERS)
    words = [word for word in re.split(r"[^\u0621-\u064A\u066E-\u06FF0-9]+", plain) if word]
    # Only a long word loses a leading ال: it is the article there, not part of a short root.
    return [word[len(ARABIC_ARTICLE):] if word.startswith(ARABIC_ARTICLE) and len(word) > 3 else word for word in words]


def latin_key(name: str) -> str:
    """One spelling for every transliteration of a Latin-script name, without spaces.

    >>> latin_key("Ma‘arrat an-Nu‘mān") == latin_key("Maarat al-Numan") == "maratnuman"
    True
    """
    return DOUBLED.sub(r"\1", "".join(latin_words(name)))


def arabic_key(name: str) -> str:
    """An Arabic name without tashkeel, tatweel, hamza seats, the article or spaces.

    >>> arabic_key("مَعَرَّةُ النُّعمان") == arabic_key("معره النعمان")
    True
    """
    return "".join(arabic_words(name))


def _skeleton(key: str) -> str:
    return DOUBLED.sub(r"\1", LATIN_VOWELS.sub("", key))


def name_score(query_key: str, name: str, latin: bool) -> float:
    """1.0 for the same key, then a shared consonant skeleton, a prefix or a whole word, else
    difflib's ratio of the keys."""
    words = latin_words(name) if latin else arabic_words(name)
    name_key = DOUBLED.sub(r"\1", "".join(words)) if latin else "".join(words)
    if not query_key or not name_key:
        return 0.0
    if query_key == name_key:
        return 1.0
    score = difflib.SequenceMatcher(None, query_key, name_key).ratio()
    if latin:
        skeleton = _skeleton(query_key)
        if len(skeleton) >= SKELETON_MIN_LENGTH and skeleton == _skeleton(name_key):
            score = max(score, SKELETON_SCORE)
    word_keys = {DOUBLED.sub(r"\1", word) if latin else word for word in words}
    if len(query_key) >= PREFIX_MIN_LENGTH and (name_key.startswith(query_key) or query_key in word_keys):
        score = max(score, PREFIX_SCORE)
    return score


def _check_towns(query: object, towns: pd.DataFrame, limit: object) -> None:
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}: {query!r}")
    if not isinstance(towns, pd.DataFrame):
        raise TypeError(f"towns must be a DataFrame, got {type(towns).__name__}")
    missing = [column for column in TOWN_COLUMNS if column not in towns.columns]
    if missing:
        raise ValueError(f"towns has no column {', '.join(missing)} (columns: {', '.join(map(str, towns.columns))})")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive int, got {limit!r}")


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame({"town_id": pd.Series(dtype="int64"), "name_en": pd.Series(dtype="str"),
                         "name_ar": pd.Series(dtype="str"), "score": pd.Series(dtype="float64")})


def find_towns(query: str, towns: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """The towns whose English or Arabic name best matches `query`, best first, at most `limit`.

    Columns town_id, name_en, name_ar, score (1.0 = the same name once spellings are unified); an
    empty frame with those columns when nothing is close. Ties go to the larger town.

    >>> find_towns("Ma'arrat an-Nu'man", load_base_layer("towns"))["town_id"].iloc[0]  # doctest: +SKIP
    167611
    """
    _check_towns(query, towns, limit)
    latin = not is_arabic(query)
    query_key = latin_key(query) if latin else arabic_key(query)
    if not query_key or towns.empty:
        return _empty_result()
    return _ranked(query_key, towns, limit, latin)


def _ranked(query_key: str, towns: pd.DataFrame, limit: int, latin: bool) -> pd.DataFrame:
    names = towns["name_en" if latin else "name_ar"].fillna("").astype(str)
    scores = [round(name_score(query_key, name, latin), 3) for name in names]
    found = pd.DataFrame(
        {
            "town_id": towns["town_id"].astype("int64").to_numpy(),
            "name_en": towns["name_en"].to_numpy(),
            "name_ar": towns["name_ar"].to_numpy(),
            "score": pd.Series(scores, dtype="float64").to_numpy(),
            "_population": (towns["population"] if "population" in towns.columns else pd.Series(0, index=towns.index)).to_numpy(),
        }
    )
    found = found[found["score"] >= MIN_SCORE].drop_duplicates("town_id")
    if found.empty:
        return _empty_result()
    found = found.sort_values(["score", "_population", "town_id"], ascending=[False, False, True], kind="stable")
    return found[RESULT_COLUMNS].head(limit).reset_index(drop=True)


def controller_on(control_points: pd.DataFrame, town_id: int, date: dt.date | str) -> Control | None:
    """Who held `town_id` on `date` per the control facts: its latest row dated on or before it.

    None when the town is not tracked or the date is before its first row (the baseline).

    >>> controller_on(load_control_points(), 164816, "2020-02-28").controller  # doctest: +SKIP
    'opposition'
    """
    rows = latest_rows_on(control_points[control_points["town_id"] == town_id], date, "town_id")
    if rows.empty:
        return None
    latest = rows.iloc[-1]
    return Control(str(latest["controller"]), list(latest["sources"]), str(latest["confidence"]))
