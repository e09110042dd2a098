"""news.quotes on one long paragraph: seconds per article size (linear since issue 9, item 12).

    PYTHONPATH=.:plugins python3 benchmarks/bench_quotes_long.py
"""

from __future__ import annotations

import time

from corpuskit_news.quotes.stage import NewsQuotes

from corpuskit import Document
from corpuskit.testing import run_stage

UNITS = {
    "unattributed": 'Some words here "this is a long quote indeed" and more. ',
    "pronoun": 'Mr Jones went on. "This is a long quote indeed," he said. ',
}


def main() -> None:
    for label, unit in UNITS.items():
        for chars in (19_000, 77_000, 1_000_000):
            text = unit * (chars // len(unit))
            t0 = time.perf_counter()
            run_stage(NewsQuotes(), [Document("a", text, {})])
            print(f"{label:13s} {len(text):>9,d} chars  {time.perf_counter() - t0:7.3f} s")


if __name__ == "__main__":
    main()
