"""Check what the news reports claim about rounds against the canonical table of rounds.

A claim is never corrected in place: each claimed field becomes a row that either agrees
with the canonical round (and is linked to it) or contradicts it (and is flagged with the
canonical value beside it), so the dashboard can show "a report of November 2024 calls this
round 19" next to round 22.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

import pandas as pd

from geo.dates import month_year
from geo.validate import parse_date_value

CHECK_COLUMNS = [
    "claim_id", "source", "round_id", "field", "claimed", "canonical", "status",
    "message_en", "message_ar",
]
# How a report's claim reads, per field: (English, Arabic) with {claimed} filled in.
CLAIM_PHRASES = {
    "number": ("calls this round {claimed}", "يسمي هذه الجولة {claimed}"),
    "date": ("dates it to {claimed}", "يؤرخها بـ {claimed}"),
    "month": ("places it in {claimed}", "يضعها في {claimed}"),
    "city_en": ("places it in {claimed}", "يضعها في {claimed}"),
    "outcome": ("says {claimed}", "يقول إن {claimed}"),
}

def _normalise(text: object) -> str:
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return "".join(character for character in folded.lower() if character.isalnum())


def _month_overlaps(claimed: object, start: dt.date, end: dt.date) -> bool:
    year, month = (int(part) for part in str(claimed).split("-")[:2])
    first_day = dt.date(year, month, 1)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_day <= end and start < next_month


def _date_within(claimed: object, start: dt.date, end: dt.date) -> bool:
    return start <= parse_date_value(claimed) <= end


COMPARISONS: dict[str, Callable[[object, pd.Series], bool]] = {
    "number": lambda claimed, canonical: pd.notna(canonical["number"]) and int(claimed) == int(canonical["number"]),
    "date": lambda claimed, canonical: _date_within(claimed, canonical["start"].date(), canonical["end"].date()),
    "month": lambda claimed, canonical: _month_overlaps(claimed, canonical["start"].date(), canonical["end"].date()),
    "city_en": lambda claimed, canonical: _normalise(claimed) == _normalise(canonical["city_en"]),
}


def canonical_value(field: str, canonical: pd.Series) -> str:
    """The canonical table's value for a claimed field, as text for a message."""
    if field == "number":
        return str(int(canonical["number"])) if pd.notna(canonical["number"]) else "none"
    if field in ("date", "month"):
        start, end = canonical["start"].date(), canonical["end"].date()
        return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    return str(canonical.get(field) or "none")


def report_label(source: pd.Series | None, source_id: str) -> tuple[str, str]:
    """`A report of November 2024` (from the source's date), or the source id if undated."""
    date = source["date"] if source is not None else None
    if date is None or pd.isna(date):
        return f"A report ({source_id})", f"تقرير ({source_id})"
    day = pd.Timestamp(date).date()
    return f"A report of {month_year(day, 'en')}", f"تقرير صادر في {month_year(day, 'ar')}"


def _messages(field: str, claimed: object, canonical_text: str, report: tuple[str, str], status: str) -> tuple[str, str]:
    phrase_en, phrase_ar = (phrase.format(claimed=claimed) for phrase in CLAIM_PHRASES[field])
    if status == "agrees":
        return f"{report[0]} {phrase_en}, as the sourced record does.", f"{report[1]} {phrase_ar}، كما في السجل الموثق."
    return (
        f"{report[0]} {phrase_en}; the sourced record says {canonical_text}.",
        f"{report[1]} {phrase_ar}، بينما يذكر السجل الموثق {canonical_text}.",
    )


def _outcome_messages(claim: object, report: tuple[str, str]) -> tuple[str, str]:
    """An outcome claim with the editor's verdict and its note, in both languages."""
    claimed = claim.claimed["outcome"]
    phrase_en = CLAIM_PHRASES["outcome"][0].format(claimed=claimed)
    verdict_en = {"agrees": "Confirmed", "contradicts": "The sources say otherwise", "unverified": "Not verified"}[claim.outcome_verdict]
    verdict_ar = {"agrees": "مؤكد", "contradicts": "تقول المصادر خلاف ذلك", "unverified": "لم يُتحقق منه"}[claim.outcome_verdict]
    return (
        f"{report[0]} {phrase_en}. {verdict_en}: {claim.verdict_note_en}",
        f"{report[1]}: {claim.claim_ar} {verdict_ar}: {claim.verdict_note_ar}",
    )


def check_claims(claims: pd.DataFrame, rounds: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per claimed field: whether it agrees with the canonical round, and a message.

    >>> check_claims(load_claims(), load_rounds(), load_sources()).query("status == 'contradicts'")  # doctest: +SKIP
    """
    rounds_by_id = rounds.set_index("id")
    sources_by_id = sources.set_index("id")
    rows = []
    for claim in claims.itertuples(index=False):
        canonical = rounds_by_id.loc[claim.round_id]
        source = sources_by_id.loc[claim.source] if claim.source in sources_by_id.index else None
        report = report_label(source, claim.source)
        for field, claimed in claim.claimed.items():
            if field == "outcome":
                # Outcomes are judged by an editor, with sources (see data/claims.yaml).
                status, canonical_text = claim.outcome_verdict, claim.verdict_note_en
                message_en, message_ar = _outcome_messages(claim, report)
            else:
                status = "agrees" if COMPARISONS[field](claimed, canonical) else "contradicts"
                canonical_text = canonical_value(field, canonical)
                message_en, message_ar = _messages(field, claimed, canonical_text, report, status)
            rows.append([claim.id, claim.source, claim.round_id, field, str(claimed), canonical_text, status, message_en, message_ar])
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def discrepancies_for(checked: pd.DataFrame, round_id: str) -> pd.DataFrame:
    """The claims about one round that contradict the sourced record or could not be verified."""
    return checked[(checked["round_id"] == round_id) & (checked["status"] != "agrees")]
