"""The view at a date, computed once: what the page, the PNG, the HTML export and Compare show.

Pure: a Dataset, a date and the layers chosen in; a View out. Every consumer calls `view_at`
instead of filtering the features itself, so the images honour the reader's layers as the map does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis import FRONTLINE_KIND, NORTH_WEST_SERIES
from geo.claims import discrepancies_for
from geo.dataset import Dataset
from geo.query import in_force_mask, latest_round, parse_date
from geo.schema import FEATURE_KINDS, SYRIA_BOUNDS

# Around the features framed, as a share of their extent, so the edge does not touch the frame.
FRAME_MARGIN = 0.08


class View(NamedTuple):
    date: dt.date
    layers: tuple[str, ...]
    features: gpd.GeoDataFrame  # in force on `date`, of the chosen layers, joined to their rounds
    round: pd.Series | None  # the latest round or milestone started by `date`
    discrepancies: pd.DataFrame  # news claims about that round that disagree or are unverified
    north_west_km2: float  # NaN before the north-west is mapped (4 May 2017)


def chosen_mask(features: gpd.GeoDataFrame, layers: Iterable[str]) -> pd.Series:
    """True for the features of the kinds the reader chose to show."""
    return features["kind"].isin(list(layers))


def chosen_layers(features: gpd.GeoDataFrame, layers: Iterable[str]) -> gpd.GeoDataFrame:
    """Only the features of the kinds the reader chose to show (all dates)."""
    return features[chosen_mask(features, layers)]


def view_at(dataset: Dataset, date: dt.date | str, layers: Iterable[str] = FEATURE_KINDS) -> View:
    """The view of `dataset` on `date` with the `layers` chosen.

    >>> view_at(build_dataset(), "2020-03-06", ["frontline"]).features["kind"].tolist()
    ['frontline']
    """
    day = parse_date(date)
    kinds = tuple(layers)
    current_round = latest_round(dataset.rounds, day)
    discrepancies = (discrepancies_for(dataset.checked_claims, current_round["id"]) if current_round is not None
                     else dataset.checked_claims.iloc[:0])
    return View(
        date=day,
        layers=kinds,
        # One selection, not two: each selection of a GeoDataFrame costs ~0.5 ms, on every step.
        features=dataset.features[in_force_mask(dataset.features, day) & chosen_mask(dataset.features, kinds)],
        round=current_round,
        discrepancies=discrepancies,
        north_west_km2=north_west_km2_on(dataset, day),
    )


def north_west_km2_on(dataset: Dataset, date: dt.date) -> float:
    """The opposition-held north-west's km² on `date`, read from the precomputed area series (no
    geometry work on a step); NaN before the first frontline, whose area is not mapped."""
    # On the columns' arrays, not by selecting frames: this runs on every date step.
    day = pd.Timestamp(date)
    starts = dataset.features["valid_from"].to_numpy()[dataset.features["kind"].to_numpy() == FRONTLINE_KIND]
    if starts.size == 0 or day < starts.min():
        return float("nan")
    areas = dataset.areas
    km2 = areas["km2"].to_numpy()[(areas["series"].to_numpy() == NORTH_WEST_SERIES) & (areas["date"].to_numpy() <= np.datetime64(day))]
    return float(km2[-1]) if km2.size else float("nan")


def frame_bounds(features: gpd.GeoDataFrame, extent: str = "features") -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees for the map to frame: the features with a margin, or
    all Syria (also when no feature is in force).

    >>> frame_bounds(build_dataset().features.iloc[:0])
    (35.67, 32.26, 42.43, 37.37)
    """
    if extent == "country" or features.empty:
        return SYRIA_BOUNDS
    west, south, east, north = (float(value) for value in features.to_crs("EPSG:4326").total_bounds)
    pad = FRAME_MARGIN * max(east - west, north - south)
    return (round(west - pad, 4), round(south - pad, 4), round(east + pad, 4), round(north + pad, 4))
