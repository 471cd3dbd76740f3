"""Questions about a date: which features were in force, which round was the latest.

Pure functions over frames. The public `state_at` and `round_at` load the data when no frame
is passed, so a notebook can call `geo.state_at("2020-03-05")` directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.schema import PERIOD_END, PERIOD_START
from geo.validate import parse_date_value

ROUND_COLUMNS_JOINED = ("number", "kind", "start", "end", "title_en", "title_ar", "city_en", "city_ar")


def parse_date(value: object) -> dt.date:
    """A `datetime.date` from a date, a datetime, a pandas Timestamp or an ISO `YYYY-MM-DD` text.

    >>> parse_date("2020-03-05")
    datetime.date(2020, 3, 5)
    """
    if not isinstance(value, (str, dt.date)):
        raise ValueError(f"not a date: expected a date or YYYY-MM-DD text, got {type(value).__name__}")
    try:
        return parse_date_value(value)  # pandas Timestamps are datetimes
    except ValueError:
        raise ValueError(f"not a valid date: {str(value).strip()[:40]!r}; expected YYYY-MM-DD, e.g. 2020-03-05") from None


def in_period(date: dt.date) -> bool:
    """Whether the date lies on the slider, from the first Astana round to 8 December 2024."""
    return PERIOD_START <= date <= PERIOD_END


def in_force_mask(frame: pd.DataFrame, date: dt.date | pd.Timestamp) -> pd.Series:
    """True where valid_from <= date < valid_to (an empty valid_to is still in force): the one
    definition of "in force on a date"."""
    day = pd.Timestamp(date)
    return (frame["valid_from"] <= day) & (frame["valid_to"].isna() | (day < frame["valid_to"]))


def features_valid_on(features: gpd.GeoDataFrame, date: dt.date) -> gpd.GeoDataFrame:
    """The features in force on `date`: valid_from <= date < valid_to (empty valid_to = open)."""
    return features[in_force_mask(features, date)]


def latest_rows_on(rows: pd.DataFrame, date: dt.date | str, key: str) -> pd.DataFrame:
    """For each `key`, its latest row dated on or before `date` (rows dated later are ignored;
    a key with no row by then is left out): the one definition of "who held it that day"."""
    day = pd.Timestamp(date)
    dated = rows[rows["date"] <= day]
    return dated.sort_values([key, "date"], kind="stable").groupby(key, sort=True).tail(1).reset_index(drop=True)


def rounds_in_period(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds and milestones that start on the slider (2017-01-23 to 2024-12-08)."""
    starts = rounds["start"]
    return rounds[(starts >= pd.Timestamp(PERIOD_START)) & (starts <= pd.Timestamp(PERIOD_END))]


def shown_layers(features: gpd.GeoDataFrame, kinds: Iterable[str]) -> gpd.GeoDataFrame:
    """Only the features of the kinds the user chose to show."""
    return features[features["kind"].isin(list(kinds))]


def join_rounds(features: gpd.GeoDataFrame, rounds: pd.DataFrame) -> gpd.GeoDataFrame:
    """Each feature with the metadata of the round that created or last changed it (`round_*`)."""
    metadata = rounds.set_index("id")[list(ROUND_COLUMNS_JOINED)].add_prefix("round_")
    joined = features.join(metadata, on="round_id")
    return gpd.GeoDataFrame(joined, geometry="geometry", crs=features.crs)


def latest_round(rounds: pd.DataFrame, date: dt.date) -> pd.Series | None:
    """The latest round or milestone that started on or before `date`; None before the first."""
    # On the columns' arrays, not by selecting and sorting the frame: this runs on every date step.
    starts, ends = rounds["start"].to_numpy(), rounds["end"].to_numpy()
    started = np.flatnonzero(starts <= np.datetime64(pd.Timestamp(date)))
    if started.size == 0:
        return None
    # The last by (start, end), ties in the frame's order, as a stable sort would put it.
    latest = started[np.lexsort((ends[started], starts[started]))[-1]]
    return rounds.iloc[latest]


def latest_round_ids(rounds: pd.DataFrame, dates: Iterable[dt.date | pd.Timestamp]) -> list[str | None]:
    """`latest_round(rounds, day)["id"]` for each of `dates` at once (None before the first): the
    area series asks for ~100 days, and one sort and a binary search beat a filter per day.

    >>> latest_round_ids(load_rounds(), [dt.date(2016, 12, 1), dt.date(2017, 5, 10)])
    [None, 'memorandum-2017-05-04']
    """
    ordered = rounds.sort_values(["start", "end"], kind="stable")
    positions = ordered["start"].searchsorted(pd.to_datetime(pd.Series(list(dates), dtype=object)), side="right") - 1
    ids = ordered["id"].to_numpy()
    return [None if position < 0 else ids[position] for position in positions]


def round_start_dates(rounds: pd.DataFrame) -> list[dt.date]:
    """The distinct start dates of rounds and milestones that fall on the slider, in order."""
    return sorted({timestamp.date() for timestamp in rounds_in_period(rounds)["start"]})


def neighbour_round_date(rounds: pd.DataFrame, date: dt.date, step: int) -> dt.date | None:
    """The start of the next (step=+1) or previous (step=-1) round after or before `date`.

    >>> neighbour_round_date(load_rounds(), dt.date(2017, 5, 10), +1)
    datetime.date(2017, 7, 4)
    """
    starts = round_start_dates(rounds)
    if step > 0:
        later = [day for day in starts if day > date]
        return later[0] if later else None
    earlier = [day for day in starts if day < date]
    return earlier[-1] if earlier else None


@lru_cache(maxsize=1)
def _default_data() -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    from geo.load import load_features, load_rounds

    return load_features(), load_rounds()


def state_at(
    date: object,
    features: gpd.GeoDataFrame | None = None,
    rounds: pd.DataFrame | None = None,
) -> gpd.GeoDataFrame:
    """The features valid on `date`, joined to their round's metadata.

    A date outside 2017-01-23..2024-12-08 gives an empty frame with the same columns;
    a malformed date raises ValueError saying what was wrong.

    >>> sorted(state_at("2020-03-05")["kind"].unique())
    ['deescalation_zone', 'frontline', 'observation_post']
    """
    day = parse_date(date)
    if features is None or rounds is None:
        default_features, default_rounds = _default_data()
        features = default_features if features is None else features
        rounds = default_rounds if rounds is None else rounds
    joined = join_rounds(features, rounds)
    if not in_period(day):
        return joined.iloc[:0]
    return features_valid_on(joined, day).reset_index(drop=True)


def round_at(date: object, rounds: pd.DataFrame | None = None) -> pd.Series | None:
    """The latest round or milestone that started on or before `date` (None before the first).

    >>> round_at("2017-05-04")["id"]
    'memorandum-2017-05-04'
    """
    day = parse_date(date)
    if rounds is None:
        rounds = _default_data()[1]
    return latest_round(rounds, day)


def feature_by_id(features: gpd.GeoDataFrame, feature_id: str | None) -> gpd.GeoDataFrame | None:
    """The feature with this id (a one-row frame), or None when no id is given."""
    return features[features["id"] == feature_id] if feature_id else None
