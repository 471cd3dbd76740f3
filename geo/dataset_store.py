"""The built dataset (and what else is costly and depends only on it: components.cache keeps
the published layers here too) kept on disk between runs, under a key made of what it was built from.

Building the dataset (reading and checking every record, checking the claims, measuring the
areas over time) takes about a second; a server's first page waits for it. What it is built
from changes only when a data file or the code of geo/ changes, so the result is stored once per
such version and read back (~0.1 s) by the next server: a cold start does not rebuild it.

The key hashes the bytes of every data file, the source of geo/, and the versions of Python and
of the libraries whose objects are stored, so an edited file, a code change or an upgrade builds
anew instead of reading a stale or unreadable copy. The store is a cache: any failure to read
or write it falls back to building, silently.

pickle, not a data format: the dataset is frames with geometries, and pickle keeps their dtypes,
CRS and indexes exactly. It reads only files this module wrote into the store's own directory
(default `.cache/` in the project, or DEESCALATION_CACHE_DIR), which is as trusted as the code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from geo.dataset import Dataset, build_dataset
from geo.load import data_files, resolve_data_dir

GEO_DIR = Path(__file__).resolve().parent
DEFAULT_STORE = GEO_DIR.parent / ".cache"
STORE_ENV = "DEESCALATION_CACHE_DIR"
STORED_LIBRARIES = ("numpy", "pandas", "geopandas", "shapely", "pyproj")
PREFIX = "dataset-"
T = TypeVar("T")


def store_dir() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def folder_key(data_dir: Path) -> str:
    """Which data folder: each keeps its own latest version (the tests' folders do not evict the app's)."""
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]


def dataset_key(data_dir: Path) -> str:
    """A hash of everything the built dataset depends on (see the module's docstring)."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    for module in sorted(GEO_DIR.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    digest.update(platform.python_version().encode())
    for library in STORED_LIBRARIES:
        digest.update(f"{library}={version(library)}".encode())
    return digest.hexdigest()[:32]


def stored_dataset(data_dir: Path | str | None = None, store: Path | None = None) -> Dataset:
    """`build_dataset(data_dir)`, read from the store when this version was built before.

    A data error (geo.DataError) is raised as `build_dataset` raises it: only a built dataset is
    stored.
    """
    directory = resolve_data_dir(data_dir)
    return stored(f"{PREFIX}{folder_key(directory)}-", dataset_key(directory), lambda: build_dataset(directory), Dataset, store)


def stored(prefix: str, key: str, build: Callable[[], T], kind: type, store: Path | None = None) -> T:
    """`build()`, read back from the store when it was stored under `prefix` and `key` before (and
    is a `kind`); else built, stored, and the prefix's older versions removed. The caller's key
    must change whenever what `build` returns would (see `dataset_key`)."""
    store = store_dir() if store is None else store
    path = store / f"{prefix}{key}.pickle"
    try:
        with path.open("rb") as file:
            value = pickle.load(file)
        if isinstance(value, kind):
            return value
    except Exception:  # noqa: BLE001  (missing, truncated, or from another version: build it)
        pass
    value = build()
    _write(path, value, prefix)
    return value


def _write(path: Path, value: object, folder: str) -> None:
    """Written whole or not at all (a reader never sees half a file); the folder's older versions
    removed. A read-only or full disk is no error: the app works, it rebuilds on the next start."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for older in path.parent.glob(f"{folder}*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001  (see the docstring)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
