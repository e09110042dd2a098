"""Rebuild the held-out news evaluation set from the real pages in devdata.

    python benchmarks/holdout/build.py [--devdata ../shared/devdata] [--out benchmarks/data]

The pages are real news pages (copyright of their publishers), so the repository keeps
only what is needed to rebuild the set: this script, the renderer
(``benchmarks/render_html.py``) and one small gold file per page in
``benchmarks/holdout/gold/NAME.json`` (a second batch, annotated after the fixes the first
one prompted, in ``gold2/``, later ones in ``gold3/`` ... ``gold7/``):

* ``source`` - the page's path under devdata's ``html/`` and its ``sha256``;
* ``article`` - the 1-based numbers of the rendered page's article lines, and
  ``article_sha1``, the SHA-1 of those lines joined by newlines (a renderer change that
  moves or alters them fails the build instead of scoring against the wrong lines);
* ``title``, ``author``, ``publisher``, ``published``, ``language`` - as in
  tests/data/news/README.md; a list means any of these values is right (a page that
  names its outlet two ways, a kicker glued to the headline).

The build writes ``OUT/holdout/pages/NAME.txt`` (the rendered page) and
``OUT/holdout/gold/NAME.gold.json`` (the usual gold format, article lines as text), and the
same under ``OUT/holdoutN/`` for batch N: the layout ``benchmarks/eval_news.py
--root`` reads. ``OUT`` (``benchmarks/data/``) is git-ignored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.render_html import render_file

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEVDATA = Path(__file__).resolve().parents[3] / "shared" / "devdata"  # ../shared beside the repo
FIELDS = ("title", "author", "publisher", "published", "language")


def article_digest(lines: list[str]) -> str:
    """The SHA-1 of the article lines joined by newlines."""
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()


def build_one(spec_path: Path, devdata: Path, out: Path) -> str:
    """Render one page and write its page and gold files; returns the page name."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    name = spec_path.stem
    source = devdata / "html" / spec["source"]["path"]
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != spec["source"]["sha256"]:
        raise SystemExit(f"{name}: {source} is not the page the gold was written for (sha256 differs)")
    text = render_file(source)
    lines = text.splitlines()
    article = [lines[n - 1] for n in spec["article"]]
    if article_digest(article) != spec["article_sha1"]:
        raise SystemExit(f"{name}: the rendered article lines changed (renderer differs from the annotated one)")
    gold = {"article_lines": article, **{f: spec[f] for f in FIELDS}}
    (out / "pages" / f"{name}.txt").write_text(text, encoding="utf-8")
    (out / "gold" / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2), encoding="utf-8")
    return name


SETS = tuple((f"gold{n}", f"holdout{n}") for n in ("", "2", "3", "4", "5", "6", "7"))
"""(gold folder here, output folder under --out): held-out batches, each annotated before its first run."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "data")
    args = parser.parse_args(argv)
    for gold_dir, name in SETS:
        if not (HERE / gold_dir).is_dir():
            continue
        out = args.out / name
        for sub in ("pages", "gold"):
            (out / sub).mkdir(parents=True, exist_ok=True)
        names = [build_one(p, args.devdata, out) for p in sorted((HERE / gold_dir).glob("*.json"))]
        print(f"{len(names)} pages written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
