"""Choose and split the HTML-page entity/quote sets (dev2 / heldout2) with a fixed seed.

    python benchmarks/entities_holdout/select_pages.py [--devdata ../shared/devdata]

Candidates: the English pages whose article lines benchmarks/holdout/gold*/ records, with
150-2,000 words of article text, minus the pages that are not news reports (EXCLUDE).
Pages are grouped by the newsroom that wrote the copy (OUTLET: a site carrying a wire
story or another outlet's story goes with that outlet), the outlets shuffled with SEED,
and whole outlets go to dev2 until it holds a third of the pages; the rest is heldout2.
Prints the split (each list shuffled with SEED too).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.render_html import render_file

SEED = 20261203
HERE = Path(__file__).resolve().parent
HOLDOUT = HERE.parent / "holdout"
DEVDATA = HERE.parents[2] / "shared" / "devdata"
MIN_WORDS, MAX_WORDS = 150, 2000
EXCLUDE = {"test_msn1": "a list of shopping tips quoted from nobody, not a news report"}
OUTLET = {
    # wire or syndicated copy: the newsroom in the dateline / copyright line
    "fox13now_001": "CNN",           # "WASHINGTON (CNN) --" on a TV station's site
    "test_yahoo": "The Associated Press",   # "SAN FRANCISCO (AP)", AP copyright
    "test_huffingtonPost2": "The Associated Press",  # AP writer Phillip Rawls, AP copy
}


def candidates(devdata: Path) -> list[tuple[str, str, Path]]:
    """``(name, outlet, gold path)`` of every candidate page."""
    out = []
    for path in sorted(HOLDOUT.glob("gold*/*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if spec["language"] != "en" or path.stem in EXCLUDE:
            continue
        lines = render_file(devdata / "html" / spec["source"]["path"]).splitlines()
        words = sum(len(lines[n - 1].split()) for n in spec["article"])
        if not MIN_WORDS <= words <= MAX_WORDS:
            continue
        publisher = spec["publisher"][0] if isinstance(spec["publisher"], list) else spec["publisher"]
        out.append((path.stem, OUTLET.get(path.stem, publisher), path))
    return out


def split(pages: list[tuple[str, str, Path]]) -> tuple[list[str], list[str]]:
    """Dev and held-out page names, outlets disjoint, each list in annotation order."""
    rng = random.Random(SEED)
    outlets = sorted({outlet for _, outlet, _ in pages})
    rng.shuffle(outlets)
    dev, held = [], []
    for outlet in outlets:
        names = [name for name, o, _ in pages if o == outlet]
        (dev if len(dev) < len(pages) / 3 else held).extend(names)
    rng.shuffle(dev)
    rng.shuffle(held)
    return dev, held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    args = parser.parse_args(argv)
    pages = candidates(args.devdata)
    outlet_of = {name: outlet for name, outlet, _ in pages}
    dev, held = split(pages)
    for label, names in (("dev2", dev), ("heldout2", held)):
        print(f"{label}: {len(names)} pages, {len({outlet_of[n] for n in names})} outlets")
        for name in names:
            print(f"  {name:26} {outlet_of[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
