"""Helpers for tests of the exports and of datasets built in code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.dataset import Dataset, dataset_from
from geo.lenient import load_dataset_leniently

DATA_BLOCK = re.compile(r'<script type="application/json" id="export-data">(.*?)</script>', re.DOTALL)


def embedded_data(html: str) -> dict[str, Any]:
    """The data block of an exported page, parsed."""
    match = DATA_BLOCK.search(html)
    if match is None:
        raise ValueError("no <script id=\"export-data\"> block in the page")
    return json.loads(match.group(1))


def dataset_with_base(data_dir: Path, base: dict[str, gpd.GeoDataFrame]) -> Dataset:
    """The dataset of a fixture folder (which ships no base layers) with base layers built in code."""
    loaded, _problems = load_dataset_leniently(data_dir)
    return dataset_from(loaded, base)
