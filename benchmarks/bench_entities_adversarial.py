"""news.entities on hostile texts: one name that never ends, repeated to 50-400 KB.

    python benchmarks/bench_entities_adversarial.py

Each line prints the text's size and the seconds news.entities took on it, in this process;
the time should grow in proportion to the size (a quadratic step shows as 4x per doubling).
"""

from __future__ import annotations

import time

from corpuskit import Document, Pipeline

UNITS = ["Bank of the ", "Bank of ", "The Ministry ", "Senate Finance Council of the "]


def main() -> None:
    pipeline = Pipeline.from_dict({"stages": ["news.entities"]})
    list(pipeline.process([Document("warm", "Warm up. The Bank of England said so.")]))
    for unit in UNITS:
        for size in (50_000, 100_000, 200_000, 400_000):
            text = unit * (size // len(unit)) + "said."
            start = time.perf_counter()
            list(pipeline.process([Document("d", text)]))
            print(f"{unit!r:34} {size:>8,} chars {time.perf_counter() - start:6.2f} s", flush=True)


if __name__ == "__main__":
    main()
