"""The sentence for a checked news claim, in the reader's language: geo.claims returns what was
claimed, what the sourced record says and the verdict; the words are the catalogue's."""

from __future__ import annotations

import pandas as pd

from components.locale import Locale


def report_label(report_date: object, source_id: str, locale: Locale) -> str:
    """`A report of November 2024` (from the source's date), or the source id if undated."""
    if report_date is None or pd.isna(report_date):
        return locale.t("claim.report_undated", source=source_id)
    return locale.t("claim.report_dated", month=locale.month_year(pd.Timestamp(report_date).date()))


def claim_message(check: pd.Series, locale: Locale) -> str:
    """One row of geo.claims.check_claims as a sentence."""
    report = report_label(check["report_date"], str(check["source"]), locale)
    claimed = check["claimed_ar"] if locale.is_rtl else check["claimed"]
    if check["field"] == "outcome":
        note = check[f"verdict_note_{locale.language}"]
        return locale.t("claim.outcome", report=report, claimed=claimed, verdict=locale.t(f"verdict.{check['status']}"),
                        note=note if isinstance(note, str) else "")
    claim = locale.t(f"claim.{check['field']}", claimed=claimed)
    canonical = check["canonical"] if isinstance(check["canonical"], str) else locale.t("claim.none")
    return locale.t(f"claim.{check['status']}", report=report, claim=claim, canonical=canonical)
