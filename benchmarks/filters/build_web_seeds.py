"""Writes seeds/web/pages.jsonl, the web-like pages configs/web.yaml runs on (byte for byte the same each time).

    python benchmarks/filters/build_web_seeds.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_pages import pages

OUT = Path(__file__).resolve().parents[2] / "seeds" / "web" / "pages.jsonl"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(b"".join(orjson.dumps(page) + b"\n" for page in pages()))
    print(f"{OUT}: {len(pages())} pages")


if __name__ == "__main__":
    main()
