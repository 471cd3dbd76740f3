"""What an analyst reads beside the map: what changed between two rounds, and the areas over time.

Pure functions over the loaded frames (no Streamlit, no files). What a round or milestone left
behind is the state on the day after it ended (`outcome_date`): what an agreement sets up takes
effect the next day (the Moscow protocol is dated 5 March 2020, its corridor 6 March), and an event
that runs for months (an offensive) is judged by where it ended. A change between two of them is
anything dated after the earlier one's outcome date and on or before the later one's, the
convention of `valid_from` (first day in force) and `valid_to` (first day no longer in force).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.control import area_km2
from geo.query import features_valid_on, in_force_mask, latest_round_ids
from geo.schema import PERIOD_END, PERIOD_START

# The features that are agreed areas (their creation and end are news); frontlines and posts are
# reported as an area and as events instead.
ZONE_KINDS = ("deescalation_zone", "demilitarized_zone", "security_corridor")
FRONTLINE_KIND = "frontline"
POST_KIND = "observation_post"
NORTH_WEST_SERIES = "north_west"
TOWN_CHANGE_COLUMNS = ["place_id", "name_en", "name_ar", "from_controller", "to_controller", "date", "sources", "confidence"]
AREA_CHANGE_COLUMNS = ["series", "date_before", "km2_before", "date_after", "km2_after", "change_km2"]
AREA_SERIES_COLUMNS = ["date", "series", "km2", "round_id"]


@dataclass(frozen=True)
class ChangeSummary:
    """What changed between the state `previous` left (`date_before`) and the one `round` left (`date_after`).

    Every frame keeps its columns when it has no rows; `previous` is None for the first round,
    which is then compared with an empty map.
    """

    round: pd.Series
    previous: pd.Series | None
    date_before: dt.date | None
    date_after: dt.date
    zones_created: gpd.GeoDataFrame
    zones_ended: gpd.GeoDataFrame
    area_change: pd.DataFrame
    towns_changed: pd.DataFrame
    posts_established: gpd.GeoDataFrame
    posts_withdrawn: gpd.GeoDataFrame

    @property
    def north_west_change_km2(self) -> float:
        """The opposition-held north-west gained (positive) or lost (negative), in km²; 0 when it
        was not mapped on one of the two dates."""
        row = self.area_change[self.area_change["series"] == NORTH_WEST_SERIES]
        return float(row["change_km2"].sum())

    @property
    def north_west_first_mapped(self) -> bool:
        """True when the north-west was not mapped on the earlier date and is on the later one."""
        row = self.area_change.iloc[0]
        return bool(pd.isna(row["km2_before"]) and pd.notna(row["km2_after"]))

    @property
    def is_empty(self) -> bool:
        """True when no zone, town or post changed and the area stayed the same."""
        frames = (self.zones_created, self.zones_ended, self.towns_changed, self.posts_established, self.posts_withdrawn)
        return all(frame.empty for frame in frames) and self.north_west_change_km2 == 0 and not self.north_west_first_mapped


def _ordered(rounds: pd.DataFrame) -> pd.DataFrame:
    return rounds.sort_values(["start", "end", "id"], kind="stable").reset_index(drop=True)


def _round_row(rounds: pd.DataFrame, round_id: str) -> pd.Series:
    matches = rounds[rounds["id"] == round_id]
    if matches.empty:
        raise ValueError(f"unknown round id {round_id!r}: not among the {len(rounds)} rounds and milestones given")
    return matches.iloc[0]


def outcome_date(round_row: pd.Series) -> dt.date:
    """The day after a round or milestone ended (its last day for one ending on the period's last
    day): the first day of the state it left behind.

    >>> outcome_date(load_rounds().set_index("id").loc["moscow-protocol-2020-03-05"])
    datetime.date(2020, 3, 6)
    """
    return min(round_row["end"].date() + dt.timedelta(days=1), max(PERIOD_END, round_row["end"].date()))


def previous_round(rounds: pd.DataFrame, round_id: str) -> pd.Series | None:
    """The round or milestone listed before `round_id` (by start, end, id) whose outcome date is
    earlier than its own; None for the first.

    One still running when `round_id` ended is skipped: the offensive of December 2019 ended the
    day after the Moscow protocol, so the protocol is compared with Astana 14.

    >>> previous_round(load_rounds(), "moscow-protocol-2020-03-05")["id"]
    'astana-14'
    """
    ordered = _ordered(rounds)
    position = ordered.index[ordered["id"] == round_id]
    if position.empty:
        _round_row(rounds, round_id)  # raises, naming the id
    own_outcome = outcome_date(ordered.iloc[position[0]])
    earlier = ordered.iloc[: position[0]]
    earlier = earlier[[outcome_date(row) < own_outcome for _, row in earlier.iterrows()]]
    return None if earlier.empty else earlier.iloc[-1]


def north_west_km2(features: gpd.GeoDataFrame, date: dt.date) -> float:
    """The area of the frontline features (the opposition-held north-west) in force on `date`, km².

    >>> round(north_west_km2(load_features(), dt.date(2020, 3, 6)))
    3409
    """
    frontlines = features_valid_on(features[features["kind"] == FRONTLINE_KIND], date)
    return float(area_km2(frontlines).sum()) if not frontlines.empty else 0.0


def town_changes(control_points: pd.DataFrame) -> pd.DataFrame:
    """Every change of hands: a town's row whose controller differs from its row before.

    A town's first row (the baseline, or the day it was first observed) and a row repeating the
    controller are not changes.

    >>> town_changes(load_control_points()).query("name_en == 'Saraqib'")["to_controller"].tolist()
    ['government', 'opposition', 'government', 'opposition']
    """
    ordered = control_points.sort_values(["place_id", "date"], kind="stable")
    before = ordered.groupby("place_id")["controller"].shift()
    changed = ordered[before.notna() & (before != ordered["controller"])]
    changes = pd.DataFrame(changed).assign(from_controller=before[changed.index], to_controller=changed["controller"])
    return changes[TOWN_CHANGE_COLUMNS].sort_values(["date", "name_en"], kind="stable").reset_index(drop=True)


def _dated_between(dates: pd.Series, after: dt.date | None, until: dt.date) -> pd.Series:
    """after < date <= until (no lower bound when `after` is None); missing dates never match."""
    upper = dates <= pd.Timestamp(until)
    return upper if after is None else upper & (dates > pd.Timestamp(after))


def _zone_difference(features: gpd.GeoDataFrame, in_force: dt.date | None, not_in_force: dt.date | None) -> gpd.GeoDataFrame:
    """The zones in force on the first date and not on the second (None = an empty map)."""
    zones = features[features["kind"].isin(ZONE_KINDS)]
    if in_force is None:
        return zones.iloc[:0]
    present = features_valid_on(zones, in_force)
    if not_in_force is None:
        return present
    return present[~present["id"].isin(features_valid_on(zones, not_in_force)["id"])]


def mapped_north_west_km2(features: gpd.GeoDataFrame, date: dt.date | None) -> float:
    """The north-west's km² on `date`; NaN before the first frontline, whose area is not mapped
    (the opposition held land before May 2017; it is not drawn before then)."""
    frontlines = features[features["kind"] == FRONTLINE_KIND]
    if date is None or frontlines.empty or pd.Timestamp(date) < frontlines["valid_from"].min():
        return float("nan")
    return north_west_km2(features, date)


def _area_change(features: gpd.GeoDataFrame, before: dt.date | None, after: dt.date) -> pd.DataFrame:
    km2_before = mapped_north_west_km2(features, before)
    km2_after = mapped_north_west_km2(features, after)
    row = [NORTH_WEST_SERIES, before, km2_before, after, km2_after, km2_after - km2_before]
    return pd.DataFrame([row], columns=AREA_CHANGE_COLUMNS)


def what_changed(
    features: gpd.GeoDataFrame,
    control_points: pd.DataFrame,
    rounds: pd.DataFrame,
    round_id: str,
    against: str | None = None,
) -> ChangeSummary:
    """The changes from the state the previous round (or `against`) left to the one `round_id` left:
    from one outcome date to the other.

    Zones: in force on one date and not the other. Area: the frontline features' km² on each date.
    Towns and posts: every change of hands, establishment or withdrawal dated in between.

    >>> summary = what_changed(load_features(), load_control_points(), load_rounds(), "moscow-protocol-2020-03-05")
    >>> round(summary.north_west_change_km2)
    -2505
    """
    selected = _round_row(rounds, round_id)
    previous = previous_round(rounds, round_id) if against is None else _round_row(rounds, against)
    after = outcome_date(selected)
    before = outcome_date(previous) if previous is not None else None
    if before is not None and before > after:
        raise ValueError(f"cannot compare {round_id!r} (its outcome on {after}) with the later {previous['id']!r} (its outcome on {before})")
    posts = features[features["kind"] == POST_KIND]
    changes = town_changes(control_points)
    return ChangeSummary(
        round=selected,
        previous=previous,
        date_before=before,
        date_after=after,
        zones_created=_zone_difference(features, after, before),
        zones_ended=_zone_difference(features, before, after),
        area_change=_area_change(features, before, after),
        towns_changed=changes[_dated_between(changes["date"], before, after)].reset_index(drop=True),
        posts_established=posts[_dated_between(posts["valid_from"], before, after)],
        posts_withdrawn=posts[_dated_between(posts["valid_to"], before, after)],
    )


def _area_steps(valid: pd.DataFrame, series: str) -> list[tuple[pd.Timestamp, str, float]]:
    """(day, series, km²) on the first day of the period and on each day the total changes, and
    on the last day of the period so that a step chart runs to the end."""
    start, end = pd.Timestamp(PERIOD_START), pd.Timestamp(PERIOD_END)
    edges = pd.concat([valid["valid_from"], valid["valid_to"]]).dropna()
    days = sorted({start, end, *edges[(edges > start) & (edges < end)]})
    steps: list[tuple[pd.Timestamp, str, float]] = []
    for day in days:
        km2 = float(valid.loc[in_force_mask(valid, day), "km2"].sum())
        if not steps or km2 != steps[-1][2] or day == end:
            steps.append((day, series, km2))
    return steps


def area_series(features: gpd.GeoDataFrame, rounds: pd.DataFrame) -> pd.DataFrame:
    """The area over the period, for a step chart: the opposition-held north-west (`north_west`,
    the frontline features) and each de-escalation zone (by id), with the round in force.

    One row per series on 2017-01-23, on each day its area changes, and on 2024-12-08.

    >>> round(area_series(load_features(), load_rounds()).query("series == 'north_west'")["km2"].iloc[-1])
    26653
    """
    measured = pd.DataFrame(features[["id", "kind", "valid_from", "valid_to"]]).assign(km2=area_km2(features))
    groups = [(NORTH_WEST_SERIES, measured[measured["kind"] == FRONTLINE_KIND])]
    zones = measured[measured["kind"] == "deescalation_zone"]
    groups += [(zone_id, zones[zones["id"] == zone_id]) for zone_id in zones["id"]]
    rows = [step for series, valid in groups for step in _area_steps(valid, series)]
    frame = pd.DataFrame(rows, columns=AREA_SERIES_COLUMNS[:3])
    frame["round_id"] = latest_round_ids(rounds, frame["date"])
    return frame.astype({"series": "str", "km2": "float64"})[AREA_SERIES_COLUMNS]
