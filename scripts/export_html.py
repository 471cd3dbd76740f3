"""Write the map and its time control as one HTML file that opens with no server and no internet.

Run: .venv/bin/python scripts/export_html.py --out zones.html [--date 2020-03-06] [--lang ar] [--digits arabic]
Any error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geo  # noqa: E402
from components.html_export import LANGUAGES, standalone_html  # noqa: E402
from components.i18n import DIGIT_STYLES  # noqa: E402
from geo.control import towns_for_map  # noqa: E402
from geo.schema import DEFAULT_VIEW_DATE  # noqa: E402

# The same threshold as the dashboard: cities of 100,000 or more are always named.
LABELLED_CITY_POPULATION = 100_000
EXIT_ERROR = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse prints the usage before its message; a caller's log wants the message only."""

    def error(self, message: str) -> NoReturn:
        fail(message)


def fail(message: str) -> NoReturn:
    print(f"export_html: error: {message}", file=sys.stderr)
    sys.exit(EXIT_ERROR)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = OneLineParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="the HTML file to write")
    parser.add_argument("--date", default=DEFAULT_VIEW_DATE.isoformat(), help="the date the page opens on (YYYY-MM-DD)")
    parser.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the page")
    parser.add_argument("--digits", default="latin", choices=DIGIT_STYLES, help="Latin (2017) or Arabic-Indic (٢٠١٧) digits in dates and counts")
    return parser.parse_args(argv)


def export(out: Path, date: str, language: str, digits: str = "latin") -> int:
    """Load, render, write; returns the number of bytes written."""
    rounds = geo.load_rounds()
    features = geo.load_features()
    base = {name: geo.load_base_layer(name) for name in ("countries", "governorates", "roads")}
    base["towns"] = towns_for_map(geo.load_base_layer("towns"), geo.load_control_points(), LABELLED_CITY_POPULATION)
    html = standalone_html(features, rounds, base, start_date=date, language=language, digits=digits)
    out.write_text(html, encoding="utf-8")
    return len(html.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    try:
        size = export(arguments.out, arguments.date, arguments.lang, arguments.digits)
    except ValueError as error:  # geo.DataError is a ValueError; its message names file, id and field
        fail(str(error).splitlines()[0])
    except OSError as error:
        fail(f"cannot write {arguments.out}: {error.strerror or error}")
    print(f"wrote {arguments.out} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
