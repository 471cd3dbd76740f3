"""The lenient loader: the strict loaders' checks applied record by record, keeping what passes.

`load_dataset_leniently` returns the records that pass as the strict loaders' frames, and one
DataError per record or file it left out, naming the file, the record id and the field. The
dashboard uses it so one bad record does not take the page down. Files are read, and records
checked and framed, by geo/load.py's helpers, so both paths apply the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd

from geo.errors import DataError, shorten
from geo.load import (
    CLAIMS_FILE,
    CONTROL_FILE,
    FEATURES_GLOB,
    ROUNDS_FILE,
    SOURCES_GLOB,
    control_frame,
    control_record,
    resolve_data_dir,
    feature_record,
    features_frame,
    table_frame,
    read_control_rows,
    read_feature_collection,
    read_yaml_list,
    rounds_frame,
)
from geo.schema import CLAIM_FIELDS, ROUND_FIELDS, SOURCE_FIELDS
from geo.validate import (
    Located,
    Reference,
    check_date_order,
    check_outcome_verdict,
    keep_first_of_each_id,
    keep_resolved,
    keep_valid,
    validate_record,
)


class LenientDataset(NamedTuple):
    """The records that passed every check, as the strict loaders' frames (same columns and dtypes)."""

    sources: pd.DataFrame
    rounds: pd.DataFrame
    features: gpd.GeoDataFrame
    claims: pd.DataFrame
    control_points: gpd.GeoDataFrame


class _Table(NamedTuple):
    """One table's kept records (each with its file) and the problems of those left out."""

    records: list[Located]
    problems: list[DataError]

    def reference(self, field: str, what: str) -> Reference:
        kept_ids = frozenset(record["id"] for _, record in self.records)
        # Only text ids: a record whose id is not text (a list, a number) cannot be cited anyway.
        left_out_ids = frozenset(problem.record_id for problem in self.problems if isinstance(problem.record_id, str)) - kept_ids
        return Reference(field, what, kept_ids, left_out_ids)

    def plain_records(self) -> list[dict[str, Any]]:
        return [record for _, record in self.records]


Reader = Callable[[Path, Path], tuple[str, list[Any]]]  # (path, data dir) -> (file name, raw items)


def _read_each(paths: Iterable[Path], data_dir: Path, read: Reader) -> tuple[list[tuple[str, Any]], list[DataError]]:
    """(file name, raw item) from every file that can be read; one DataError per file that cannot."""
    items: list[tuple[str, Any]] = []
    problems: list[DataError] = []
    for path in paths:
        try:
            name, raw = read(path, data_dir)
        except DataError as error:
            problems.append(error)
            continue
        items.extend((name, item) for item in raw)
    return items, problems


def _checked_table(
    read: tuple[list[tuple[str, Any]], list[DataError]],
    check: Callable[[Any, str], dict[str, Any]],
    references: tuple[Reference, ...] = (),
) -> _Table:
    """Items checked one by one, the first of each id kept, then references resolved."""
    items, unreadable = read
    valid, invalid = keep_valid(items, check)
    unique, duplicates = keep_first_of_each_id(valid)
    resolved, unresolved = keep_resolved(unique, references)
    return _Table(resolved, unreadable + invalid + duplicates + unresolved)


def _round_record(item: Any, name: str) -> dict[str, Any]:
    record = validate_record(item, ROUND_FIELDS, name)
    check_date_order(record, "start", "end", name, strict=False)
    return record


def _claim_record(item: Any, name: str) -> dict[str, Any]:
    record = validate_record(item, CLAIM_FIELDS, name)
    check_outcome_verdict(record, name)
    return record


def _source_record(item: Any, name: str) -> dict[str, Any]:
    return validate_record(item, SOURCE_FIELDS, name)


def _table_from_glob(
    directory: Path, pattern: str, what: str, read: Reader, check: Callable[[Any, str], dict[str, Any]], references: tuple[Reference, ...] = ()
) -> _Table:
    """The checked records of every file matching `pattern`; no file at all is a problem, as in the strict loaders."""
    paths = sorted(directory.glob(pattern))
    table = _checked_table(_read_each(paths, directory, read), check, references)
    if paths:
        return table
    return table._replace(problems=[DataError(f"data/{pattern}", None, None, f"no {what} files found")])


def _rounds_citing_loaded_features(rounds: _Table, features: _Table) -> _Table:
    """Each round keeps only the feature ids that loaded: a round stays on the timeline when one of
    its features is left out. An id not left out for a problem of its own is reported here."""
    loaded = features.reference("features", "feature")
    records: list[Located] = []
    problems = list(rounds.problems)
    for file, record in rounds.records:
        missing = [feature_id for feature_id in record["features"] if feature_id not in loaded.known_ids]
        problems += [
            DataError(file, record["id"], "features", f"feature {shorten(feature_id)} was not loaded; left out of this round's list")
            for feature_id in missing
            if feature_id not in loaded.left_out_ids
        ]
        records.append((file, record | {"features": [f for f in record["features"] if f not in missing]}))
    return _Table(records, problems)


def load_dataset_leniently(data_dir: Path | str | None = None) -> tuple[LenientDataset, list[DataError]]:
    """Every record that passes the strict loaders' checks, and one DataError per record or file left out.

    A file that cannot be read is left out whole; of two records with one id the first is kept; a
    record citing a left-out record (a feature of a left-out round) is left out too, with a message
    naming it. Fatal (raised): no round can be used. The base layers are not loaded here:
    load_base_layer stays strict.

    >>> dataset, problems = load_dataset_leniently()
    >>> [str(problem) for problem in problems]
    []
    """
    directory = resolve_data_dir(data_dir)
    sources = _table_from_glob(directory, SOURCES_GLOB, "source", read_yaml_list, _source_record)
    source = sources.reference("sources", "source")
    rounds = _checked_table(_read_each([directory / ROUNDS_FILE], directory, read_yaml_list), _round_record, (source,))
    if not rounds.records and rounds.problems:
        # Every feature and claim cites a round, and the timeline is made of them: with no round
        # there is nothing to serve, so this is fatal like a missing base layer.
        raise rounds.problems[0]
    features = _table_from_glob(
        directory, FEATURES_GLOB, "feature", read_feature_collection, feature_record, (rounds.reference("round_id", "round"), source)
    )
    rounds = _rounds_citing_loaded_features(rounds, features)
    claims = _checked_table(
        _read_each([directory / CLAIMS_FILE], directory, read_yaml_list),
        _claim_record,
        (sources.reference("source", "source"), sources.reference("verdict_sources", "source"), rounds.reference("round_id", "round")),
    )
    control_points = _checked_table(_read_each([directory / CONTROL_FILE], directory, read_control_rows), control_record, (source,))
    dataset = LenientDataset(
        sources=table_frame(sources.plain_records(), SOURCE_FIELDS, "sources"),
        rounds=rounds_frame(rounds.plain_records()),
        features=features_frame(features.plain_records()),
        claims=table_frame(claims.plain_records(), CLAIM_FIELDS, "claims"),
        control_points=control_frame(control_points.plain_records()),
    )
    problems = [*sources.problems, *rounds.problems, *features.problems, *claims.problems, *control_points.problems]
    return dataset, problems
