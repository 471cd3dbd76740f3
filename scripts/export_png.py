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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.locale import Locale  # noqa: E402
from components.png import check_size, checked_date, render_png  # noqa: E402
from geo.dataset import build_dataset  # noqa: E402
from geo.load import load_rounds  # noqa: E402
from geo.schema import FEATURE_KINDS  # noqa: E402
from geo.view_state import DIGIT_STYLES, LANGUAGES  # noqa: E402
from scripts.command_line import OneLineParser, fail, layer_list  # noqa: E402

PROGRAM = "export_png"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = OneLineParser(PROGRAM, description=__doc__.splitlines()[0])
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="the date to map (YYYY-MM-DD, 2017-01-23 to 2024-12-08)")
    when.add_argument("--round", help="a round or milestone id from data/rounds.yaml (e.g. astana-22): its start date")
    parser.add_argument("--lang", default="en", choices=LANGUAGES, help="language of every text in the image")
    parser.add_argument("--digits", default="latin", choices=DIGIT_STYLES, help="Latin (2017) or Arabic-Indic (٢٠١٧) digits in the date and the scale bar")
    parser.add_argument("--layers", type=layer_list(PROGRAM), default=FEATURE_KINDS, help=f"the kinds to show, comma separated (default all: {','.join(FEATURE_KINDS)})")
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
    # Before loading anything: a typo fails at once.
    date = checked_date(arguments.date) if arguments.date else None
    check_size(arguments.width, arguments.height, arguments.dpi)
    if arguments.round:
        date = round_start(load_rounds(), arguments.round)  # before the slower full load
    dataset = build_dataset()
    png = render_png(dataset, date, Locale(arguments.lang, arguments.digits), layers=arguments.layers,
                     width_px=arguments.width, height_px=arguments.height, dpi=arguments.dpi)
    arguments.out.write_bytes(png)
    return date, len(png)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    try:
        date, size = export(arguments)
    except (ValueError, OSError) as error:  # geo.DataError is a ValueError
        fail(PROGRAM, str(error).splitlines()[0] if str(error) else type(error).__name__)
    print(f"wrote {arguments.out} ({arguments.width}x{arguments.height}, {date.isoformat()}, {size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
