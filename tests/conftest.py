"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataset import write_dataset


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")
