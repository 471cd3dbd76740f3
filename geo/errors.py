"""The one error type for bad data, with a message that names file, id and field."""

from __future__ import annotations

MAX_VALUE_CHARS = 80


class DataError(ValueError):
    """A data file is wrong. The message says which file, which record and which field."""

    def __init__(self, file: str, record_id: object, field: str | None, problem: str) -> None:
        self.file = file
        self.record_id = record_id
        self.field = field
        self.problem = problem
        where = f"{file}: {record_id or '(no id)'}"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {problem}")


def shorten(value: object) -> str:
    """The repr of a bad value, cut short so a huge value cannot flood a message."""
    text = repr(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 3] + "..."
    return text
