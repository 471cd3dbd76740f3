"""Print the area and the precision of the opposition-held north-west for each frontline snapshot, as a Markdown table.

Run: .venv/bin/python scripts/report_areas.py   (the table in data/README.md is its output)
Areas are in km², measured in the equal-area projection of geo.schema.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.control import area_km2  # noqa: E402
from geo.load import load_features  # noqa: E402


def main() -> None:
    features = load_features()
    frontlines = features[features["kind"] == "frontline"].copy()
    frontlines["area"] = area_km2(frontlines)
    print("| from | km² | until | precision (km) | round or milestone | confidence |\n| --- | ---: | --- | ---: | --- | --- |")
    for row in frontlines.itertuples():
        until = row.valid_to.date().isoformat() if row.valid_to == row.valid_to else "(end of period)"
        precision = f"{row.precision_km:.1f}" if row.precision_km == row.precision_km else "none left"
        print(f"| {row.valid_from.date().isoformat()} | {row.area:,.0f} | {until} | {precision} | {row.round_id} | {row.confidence} |")
    others = features[features["kind"].isin(["deescalation_zone", "demilitarized_zone", "security_corridor"])].copy()
    others["area"] = area_km2(others)
    print("\n| feature | km² |\n| --- | ---: |")
    for row in others.itertuples():
        print(f"| {row.id} | {row.area:,.0f} |")


if __name__ == "__main__":
    main()
