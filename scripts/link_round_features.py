"""Fill the `features` list of each round in data/rounds.yaml from the features' own `round_id`.

Run after scripts/build_features.py: a round lists every feature that names it as the round
that created or last changed it, plus any extra links kept in EXTRA_LINKS (a round that
confirmed a feature created earlier). Rewrites only the `features:` lines, keeping comments.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.load import load_features  # noqa: E402

ROUNDS_FILE = ROOT / "data" / "rounds.yaml"
# Round 4 met on the day the memorandum it produced was signed: it created the same zones.
EXTRA_LINKS = {"astana-4": "memorandum-2017-05-04"}


def main() -> None:
    features = load_features()
    linked: dict[str, list[str]] = {}
    for round_id, feature_id in zip(features["round_id"], features["id"]):
        linked.setdefault(round_id, []).append(feature_id)
    for round_id, same_as in EXTRA_LINKS.items():
        linked[round_id] = sorted(set(linked.get(round_id, [])) | set(linked.get(same_as, [])))
    text = ROUNDS_FILE.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=- id: )", text)
    for index, block in enumerate(blocks):
        match = re.match(r"- id: (\S+)", block)
        if not match:
            continue
        ids = sorted(linked.get(match.group(1), []))
        blocks[index] = re.sub(r"(?m)^  features:.*$", f"  features: [{', '.join(ids)}]", block, count=1)
    ROUNDS_FILE.write_text("".join(blocks), encoding="utf-8")
    print(f"linked {sum(map(len, linked.values()))} features to {len(linked)} rounds")


if __name__ == "__main__":
    main()
