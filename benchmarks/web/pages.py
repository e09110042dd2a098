"""The scored real pages: the development set and the untouched batch, rebuilt from devdata.

* ``dev`` - the 51 pages of the news holdout batches (``benchmarks/holdout/gold*/``): their
  article lines, annotated by reading on the rendered page, joined into the gold article.
* ``holdout`` - the 8 pages of ``benchmarks/web/holdout/``, annotated the same way before any
  extractor ran on them, scored once.

The repository keeps no copy of the pages: each gold names its devdata file and sha256, and
the article lines by number in the rendered page, checked against their SHA-1.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.holdout.build import DEVDATA, article_digest  # noqa: E402
from evaluation.render_html import render_file  # noqa: E402

FIELDS = ("title", "author", "publisher", "published", "language")
SETS = {
    "dev": sorted((REPO / "benchmarks" / "holdout").glob("gold*/*.json")),
    "holdout": sorted((REPO / "benchmarks" / "web" / "holdout").glob("*.json")),
}


@dataclass(frozen=True)
class Page:
    name: str
    path: Path
    html: bytes
    article: str
    gold: dict[str, Any]


def load(spec_path: Path, devdata: Path = DEVDATA) -> Page:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    path = devdata / "html" / spec["source"]["path"]
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != spec["source"]["sha256"]:
        raise SystemExit(f"{spec_path.stem}: {path} differs from the annotated page (sha256)")
    lines = render_file(path).splitlines()
    article = [lines[n - 1] for n in spec["article"]]
    if article_digest(article) != spec["article_sha1"]:
        raise SystemExit(f"{spec_path.stem}: the rendered article lines changed")
    return Page(spec_path.stem, path, data, "\n".join(article), {f: spec[f] for f in FIELDS})


def pages(name: str, devdata: Path = DEVDATA) -> Iterator[Page]:
    for spec in SETS[name]:
        yield load(spec, devdata)
