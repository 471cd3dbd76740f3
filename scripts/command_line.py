"""What the command-line exports share: one-line errors and the checked --layers option."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from geo.schema import FEATURE_KINDS

EXIT_ERROR = 2


def fail(program: str, message: str) -> NoReturn:
    print(f"{program}: error: {message}", file=sys.stderr)
    sys.exit(EXIT_ERROR)


class OneLineParser(argparse.ArgumentParser):
    """argparse prints the usage before its message; a caller's log wants the message only."""

    def __init__(self, program: str, **options: object) -> None:
        super().__init__(prog=program, **options)  # type: ignore[arg-type]
        self.program = program

    def error(self, message: str) -> NoReturn:
        fail(self.program, message)


def layer_list(program: str) -> Callable[[str], tuple[str, ...]]:
    """The --layers value as kinds, refusing a kind that does not exist (named in the message)."""

    def parse(text: str) -> tuple[str, ...]:
        kinds = tuple(kind.strip() for kind in text.split(",") if kind.strip())
        unknown = [kind for kind in kinds if kind not in FEATURE_KINDS]
        if unknown or not kinds:
            raise argparse.ArgumentTypeError(f"unknown layer(s) {', '.join(unknown) or '(none)'}: expected any of {', '.join(FEATURE_KINDS)}")
        return kinds

    return parse
