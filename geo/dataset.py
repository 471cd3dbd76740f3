"""The ready dataset, built once from a data folder: what the dashboard, the exports, the command
lines and the tests all start from.

Loading is lenient (every valid record is kept; `problems` lists what was left out, naming file,
id and field); the base layers are strict (a missing one raises geo.DataError).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd

from geo.analysis import area_series
from geo.claims import check_claims
from geo.control import towns_for_map
from geo.lenient import LenientDataset, load_dataset_leniently
from geo.load import load_base_layer, resolve_data_dir
from geo.query import join_rounds

# Cities this big are always named on the map, in the PNG and in the HTML page.
LABELLED_CITY_POPULATION = 100_000
BASE_LAYERS = ("countries", "governorates", "roads", "rivers", "lakes", "labels")


class Dataset(NamedTuple):
    features: gpd.GeoDataFrame  # joined to their round's metadata (`round_*`)
    rounds: pd.DataFrame
    sources: pd.DataFrame
    checked_claims: pd.DataFrame  # geo.claims.check_claims
    base: dict[str, gpd.GeoDataFrame]  # countries, governorates, roads, towns (geo.control.towns_for_map)
    control_points: gpd.GeoDataFrame
    areas: pd.DataFrame  # geo.analysis.area_series
    # One message per record or file left out (naming file, id and field); the frames hold the rest.
    problems: tuple[str, ...] = ()


def base_layers(control_points: gpd.GeoDataFrame, data_dir: Path | str | None = None) -> dict[str, gpd.GeoDataFrame]:
    """The base layers as every map draws them: the towns reduced to the tracked ones and the cities."""
    base = {name: load_base_layer(name, data_dir) for name in BASE_LAYERS}
    base["towns"] = towns_for_map(load_base_layer("towns", data_dir), control_points, LABELLED_CITY_POPULATION)
    return base


def dataset_from(loaded: LenientDataset, base: dict[str, gpd.GeoDataFrame], problems: tuple[str, ...] = ()) -> Dataset:
    """The ready dataset from loaded records and base layers: features joined to their rounds,
    claims checked, areas measured."""
    return Dataset(
        features=join_rounds(loaded.features, loaded.rounds),
        rounds=loaded.rounds,
        sources=loaded.sources,
        checked_claims=check_claims(loaded.claims, loaded.rounds, loaded.sources),
        base=base,
        control_points=loaded.control_points,
        areas=area_series(loaded.features, loaded.rounds),
        problems=problems,
    )


def build_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Everything the explorer needs, from `data_dir` (default: data/, or DEESCALATION_DATA_DIR).

    >>> build_dataset().features["kind"].nunique()
    5
    """
    directory = resolve_data_dir(data_dir)
    loaded, problems = load_dataset_leniently(directory)
    return dataset_from(loaded, base_layers(loaded.control_points, directory), tuple(str(problem) for problem in problems))
