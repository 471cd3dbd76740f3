"""Places by name, however they are spelled, and who held a place on a date.

Syrian place names reach English in many transliterations (Maarat al-Numan, Ma'arrat an-Nu'man,
Maarrat al Numan...) and Arabic is typed with or without hamzas, tashkeel and the article. Both
sides of a comparison are reduced to one key per script; every name a place is known by (its
English and Arabic names and the aliases the sources use) is compared, with rapidfuzz for the
fuzzy part. A query close to no name finds nothing: it never answers with a different place.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from geo.query import latest_rows_on

RESULT_COLUMNS = ["place_id", "name_en", "name_ar", "score"]
PLACE_COLUMNS = ("place_id", "name_en", "name_ar")
# A fuzzy match alone must be this close: "Sarmada" against "Samad" (another place) scores 0.83.
FUZZY_SCORE = 0.9
# Arabic writes no short vowels and its keys already unify hamza, ta marbuta and alif maqsura: one
# letter more or less is another name ("كوباني", Kobani, against "كباني", Kabani, scores 0.91).
ARABIC_FUZZY_SCORE = 0.95
# Same consonants in the same order (Saraqeb, Sarakeb, Saraqib): vowels are the least stable part of
# a transliteration. At least four consonants ("Kobani" and "Kabani", two places, share k-b-n), and
# the keys this close as well.
SKELETON_SCORE = 0.95
SKELETON_MIN_LENGTH = 4
SKELETON_MIN_RATIO = 0.75
# Typing the start of a name ("Maarat") or one of its words ("Numan") finds it, below a full match;
# four letters are too few ("Bara" would find Barad).
PREFIX_SCORE = 0.85
PREFIX_MIN_LENGTH = 5
ALIAS_SEPARATOR = "|"

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
    """1.0 for the same key; then a shared consonant skeleton, a prefix or a whole word; then a
    close fuzzy match (rapidfuzz's ratio of the keys, 0..1); else 0."""
    words = latin_words(name) if latin else arabic_words(name)
    name_key = DOUBLED.sub(r"\1", "".join(words)) if latin else "".join(words)
    if not query_key or not name_key:
        return 0.0
    if query_key == name_key:
        return 1.0
    ratio = fuzz.ratio(query_key, name_key) / 100
    if latin and ratio >= SKELETON_MIN_RATIO and len(_skeleton(query_key)) >= SKELETON_MIN_LENGTH and _skeleton(query_key) == _skeleton(name_key):
        return SKELETON_SCORE
    if ratio >= (FUZZY_SCORE if latin else ARABIC_FUZZY_SCORE):
        return ratio
    word_keys = {DOUBLED.sub(r"\1", word) if latin else word for word in words}
    if len(query_key) >= PREFIX_MIN_LENGTH and (name_key.startswith(query_key) or query_key in word_keys):
        return PREFIX_SCORE
    return 0.0


def _check_places(query: object, places: pd.DataFrame, limit: object) -> None:
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}: {query!r}")
    if not isinstance(places, pd.DataFrame):
        raise TypeError(f"places must be a DataFrame, got {type(places).__name__}")
    missing = [column for column in PLACE_COLUMNS if column not in places.columns]
    if missing:
        raise ValueError(f"places has no column {', '.join(missing)} (columns: {', '.join(map(str, places.columns))})")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive int, got {limit!r}")


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame({"place_id": pd.Series(dtype="str"), "name_en": pd.Series(dtype="str"),
                         "name_ar": pd.Series(dtype="str"), "score": pd.Series(dtype="float64")})


def _names_of(place: pd.Series, latin: bool) -> list[str]:
    """Every name of a place in the query's script: its own and its aliases."""
    aliases = str(place.get("aliases") or "").split(ALIAS_SEPARATOR) if pd.notna(place.get("aliases")) else []
    names = [str(place["name_en"] if latin else place["name_ar"] or ""), *aliases]
    return [name for name in names if name and is_arabic(name) != latin]


def find_places(query: str, places: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """The places whose English or Arabic name (or an alias) best matches `query`, best first, at
    most `limit`.

    Columns place_id, name_en, name_ar, score (1.0 = the same name once spellings are unified); an
    empty frame with those columns when no name is close. Ties go to the larger place.

    >>> find_places("Maarat al-Numan", load_base_layer("towns").rename(columns={"town_id": "place_id"}))["name_en"].iloc[0]
    'Ma‘arrat an Nu‘mān'
    """
    _check_places(query, places, limit)
    latin = not is_arabic(query)
    query_key = latin_key(query) if latin else arabic_key(query)
    if not query_key or places.empty:
        return _empty_result()
    scores = [max((name_score(query_key, name, latin) for name in _names_of(place, latin)), default=0.0) for _, place in places.iterrows()]
    found = pd.DataFrame({
        "place_id": places["place_id"].astype(str).to_numpy(),
        "name_en": places["name_en"].to_numpy(),
        "name_ar": places["name_ar"].to_numpy(),
        "score": pd.Series(scores, dtype="float64").round(3).to_numpy(),
        "_population": (places["population"].fillna(0) if "population" in places.columns else pd.Series(0, index=places.index)).to_numpy(),
    })
    found = found[found["score"] > 0].drop_duplicates("place_id")
    if found.empty:
        return _empty_result()
    found = found.sort_values(["score", "_population", "place_id"], ascending=[False, False, True], kind="stable")
    return found[RESULT_COLUMNS].head(limit).reset_index(drop=True)


def controller_on(control_points: pd.DataFrame, place_id: str, date: dt.date | str) -> Control | None:
    """Who held `place_id` on `date` per the control facts: its latest row dated on or before it.

    None when the place is not tracked or the date is before its first row (the baseline).
    """
    rows = latest_rows_on(control_points[control_points["place_id"] == place_id], date, "place_id")
    if rows.empty:
        return None
    latest = rows.iloc[-1]
    return Control(str(latest["controller"]), list(latest["sources"]), str(latest["confidence"]))
