"""The examples in geo's docstrings run, against the project's own data: an example that no
longer holds is a failing test, not a stale comment."""

from __future__ import annotations

import doctest
import functools
import importlib
from pathlib import Path

import pytest

import geo
from geo.dataset import build_dataset

GEO_MODULES = sorted(f"geo.{path.stem}" for path in (Path(__file__).resolve().parent.parent / "geo").glob("*.py") if path.stem != "__init__")
LOADERS = ("load_base_layer", "load_claims", "load_control_points", "load_features", "load_rounds", "load_sources")


@functools.lru_cache(maxsize=1)
def example_globals() -> dict[str, object]:
    """The names the examples use, each loader reading the files once for the whole run (the
    examples only read what they load)."""
    cached = {name: functools.lru_cache(maxsize=None)(getattr(geo, name)) for name in LOADERS}
    return {**cached, "build_dataset": functools.lru_cache(maxsize=None)(build_dataset)}


@pytest.mark.parametrize("module_name", GEO_MODULES)
def test_the_docstring_examples_of_a_geo_module_run(module_name):
    result = doctest.testmod(importlib.import_module(module_name), extraglobs=example_globals(), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {module_name} (details above)"
