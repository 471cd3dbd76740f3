"""Write the map and its time control as one HTML file that opens with no server and no internet.

Run: .venv/bin/python scripts/export_html.py --out zones.html [--date 2020-03-06] [--lang ar] [--digits arabic]
Any error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.html_export import standalone_html  # noqa: E402
from components.locale import Locale  # noqa: E402
from geo.dataset import build_dataset  # noqa: E402
from geo.schema import DEFAULT_VIEW_DATE, FEATURE_KINDS  # noqa: E402
from geo.view_state import DIGIT_STYLES, LANGUAGES  # noqa: E402
from scripts.command_line import OneLineParser, fail, layer_list  # noqa: E402

PROGRAM = "export_html"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = OneLineParser(PROGRAM, description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="the HTML file to write")
    parser.add_argument("--date", default=DEFAULT_VIEW_DATE.isoformat(), help="the date the page opens on (YYYY-MM-DD)")
    parser.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the page")
    parser.add_argument("--digits", default="latin", choices=DIGIT_STYLES, help="Latin (2017) or Arabic-Indic (٢٠١٧) digits in dates and counts")
    parser.add_argument("--layers", type=layer_list(PROGRAM), default=FEATURE_KINDS, help=f"the kinds to show, comma separated (default all: {','.join(FEATURE_KINDS)})")
    return parser.parse_args(argv)


def export(out: Path, date: str, language: str, digits: str = "latin", layers: tuple[str, ...] = FEATURE_KINDS) -> int:
    """Load, render, write; returns the number of bytes written."""
    html = standalone_html(build_dataset(), date, Locale(language, digits), layers)
    out.write_text(html, encoding="utf-8")
    return len(html.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    try:
        size = export(arguments.out, arguments.date, arguments.lang, arguments.digits, arguments.layers)
    except ValueError as error:  # geo.DataError is a ValueError; its message names file, id and field
        fail(PROGRAM, str(error).splitlines()[0])
    except OSError as error:
        fail(PROGRAM, f"cannot write {arguments.out}: {error.strerror or error}")
    print(f"wrote {arguments.out} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
