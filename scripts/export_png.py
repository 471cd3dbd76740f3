"""Write the map of one date as a PNG for briefings (no browser, no network, no dashboard running).

Run: .venv/bin/python scripts/export_png.py --date 2020-03-05 --out briefing.png
     .venv/bin/python scripts/export_png.py --round astana-22 --lang ar --width 1920 --height 1080 --dpi 150 --out b.png
`--round` uses the round's (or milestone's) start date. Any error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geo  # noqa: E402
from components.i18n import DIGIT_STYLES  # noqa: E402
from components.png import LANGUAGES, checked_date, default_base, render_png  # noqa: E402

EXIT_ERROR = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse prints the usage before its message; a caller's log wants the message only."""

    def error(self, message: str) -> NoReturn:
        fail(message)


def fail(message: str) -> NoReturn:
    print(f"export_png: error: {message}", file=sys.stderr)
    sys.exit(EXIT_ERROR)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = OneLineParser(description=__doc__.splitlines()[0])
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="the date to map (YYYY-MM-DD, 2017-01-23 to 2024-12-08)")
    when.add_argument("--round", help="a round or milestone id from data/rounds.yaml (e.g. astana-22): its start date")
    parser.add_argument("--lang", default="en", choices=LANGUAGES, help="language of every text in the image")
    parser.add_argument("--digits", default="latin", choices=DIGIT_STYLES, help="Latin (2017) or Arabic-Indic (٢٠١٧) digits in the date and the scale bar")
    parser.add_argument("--width", type=int, default=1920, help="width in pixels (default 1920)")
    parser.add_argument("--height", type=int, default=1080, help="height in pixels (default 1080)")
    parser.add_argument("--dpi", type=int, default=150, help="dots per inch: text size in pixels grows with it (default 150)")
    parser.add_argument("--out", required=True, type=Path, help="the PNG file to write")
    return parser.parse_args(argv)


def round_start(rounds: object, round_id: str) -> dt.date:
    """The start date of a round or milestone, or a ValueError naming the id and where ids live."""
    by_id = rounds.set_index("id")  # type: ignore[attr-defined]
    if round_id not in by_id.index:
        raise ValueError(f"unknown round {round_id!r}: use an id from data/rounds.yaml, e.g. astana-22 or moscow-protocol-2020-03-05")
    return by_id.loc[round_id, "start"].date()


def export(arguments: argparse.Namespace) -> tuple[dt.date, int]:
    """Load, render, write; returns the date drawn and the number of bytes written."""
    if arguments.date:
        date = checked_date(arguments.date)  # before loading anything: a typo fails at once
    rounds = geo.load_rounds()
    if arguments.round:
        date = round_start(rounds, arguments.round)
    png = render_png(
        date, language=arguments.lang, digits=arguments.digits, width_px=arguments.width, height_px=arguments.height, dpi=arguments.dpi,
        features=geo.load_features(), rounds=rounds, base=default_base(), sources=geo.load_sources(),
    )
    arguments.out.write_bytes(png)
    return date, len(png)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    try:
        date, size = export(arguments)
    except (ValueError, OSError) as error:  # geo.DataError is a ValueError
        fail(str(error).splitlines()[0] if str(error) else type(error).__name__)
    print(f"wrote {arguments.out} ({arguments.width}x{arguments.height}, {date.isoformat()}, {size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
