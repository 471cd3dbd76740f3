"""Check what the news reports claim about rounds against the canonical table of rounds.

Structured values only (field, claimed, canonical, status, the report's date, the editor's note):
components.claim_text writes the sentence in the reader's language from the catalogue.

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

from geo.validate import parse_date_value

CHECK_COLUMNS = [
    "claim_id", "source", "round_id", "field", "claimed", "claimed_ar", "canonical", "status",
    "report_date", "verdict_note_en", "verdict_note_ar",
]


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


def canonical_value(field: str, canonical: pd.Series) -> str | None:
    """The canonical table's value for a claimed field, as text (ISO dates); None when it has none."""
    if field == "number":
        return str(int(canonical["number"])) if pd.notna(canonical["number"]) else None
    if field in ("date", "month"):
        start, end = canonical["start"].date(), canonical["end"].date()
        return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    return str(canonical.get(field)) if canonical.get(field) else None


def check_claims(claims: pd.DataFrame, rounds: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per claimed field: whether it agrees with the canonical round, and a message.

    >>> sorted(check_claims(load_claims(), load_rounds(), load_sources()).query("status == 'contradicts'")["field"].unique())
    ['city_en', 'date', 'number', 'outcome']
    """
    rounds_by_id = rounds.set_index("id")
    sources_by_id = sources.set_index("id")
    rows = []
    for claim in claims.itertuples(index=False):
        canonical = rounds_by_id.loc[claim.round_id]
        report_date = sources_by_id.at[claim.source, "date"] if claim.source in sources_by_id.index else None
        report_date = pd.Timestamp(report_date) if report_date is not None and pd.notna(report_date) else pd.NaT
        notes = (getattr(claim, "verdict_note_en", None), getattr(claim, "verdict_note_ar", None))
        for field, claimed in claim.claimed.items():
            if field == "outcome":
                # Outcomes are judged by an editor, with sources (see data/claims.yaml).
                status, canonical_text, claimed_ar = claim.outcome_verdict, None, claim.claim_ar
            else:
                status = "agrees" if COMPARISONS[field](claimed, canonical) else "contradicts"
                canonical_text, claimed_ar = canonical_value(field, canonical), str(claimed)
            rows.append([claim.id, claim.source, claim.round_id, field, str(claimed), claimed_ar, canonical_text, status, report_date, *notes])
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def discrepancies_for(checked: pd.DataFrame, round_id: str) -> pd.DataFrame:
    """The claims about one round that contradict the sourced record or could not be verified."""
    return checked[(checked["round_id"] == round_id) & (checked["status"] != "agrees")]
