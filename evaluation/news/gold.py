"""Entity and quote gold on article text: the project's gold pages or a held-out set, and the stages' output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from corpuskit import Document, Pipeline
from evaluation.render_html import render

__all__ = ["GOLD", "load_gold", "load_holdout", "predict"]

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "news" / "gold"


def load_gold(names: list[str] | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, article_text, entity_gold)`` for every page with entity gold."""
    out = []
    for path in sorted(GOLD.glob("*.entities.json")):
        name = path.name.removesuffix(".entities.json")
        if names and name not in names:
            continue
        page = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
        out.append((name, "\n\n".join(page["article_lines"]), json.loads(path.read_text(encoding="utf-8"))))
    return out


def load_holdout(folder: Path, source_root: Path,
                 names: list[str] | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, text, gold)`` for every ``folder/NAME.json`` whose source text is unchanged.

    ``source`` is either a plain-text file (``"source": PATH, "sha256": ...``: the text is the
    whole file) or an HTML page (``"source": {"path": PATH, "sha256": ...}``, ``"article"``:
    1-based line numbers in the page as ``evaluation/render_html.py`` renders it,
    ``"article_sha1"``: SHA-1 of those lines joined by newlines): the text is those lines
    joined by blank lines, as the project's gold article lines are. PATH is relative to
    ``source_root``.
    """
    out = []
    for path in sorted(folder.glob("*.json")):
        name = path.stem
        if names and name not in names:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = gold["source"] if isinstance(gold["source"], dict) else {"path": gold["source"],
                                                                             "sha256": gold["sha256"]}
        data = (source_root / source["path"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != source["sha256"]:
            raise SystemExit(f"{path}: {source['path']} is not the text the gold was written for")
        text = _article_text(path, data, gold) if "article" in gold else data.decode("utf-8")
        out.append((name, text, gold))
    return out


def _article_text(path: Path, page: bytes, gold: dict[str, Any]) -> str:
    """The article lines of a rendered HTML page, joined by blank lines; checked against the gold's SHA-1."""
    lines = render(page.decode("utf-8", errors="replace")).splitlines()
    article = [lines[n - 1] for n in gold["article"]]
    if hashlib.sha1("\n".join(article).encode("utf-8")).hexdigest() != gold["article_sha1"]:
        raise SystemExit(f"{path}: the rendered article lines changed (renderer differs from the annotated one)")
    return "\n\n".join(article)


def predict(pages: list[tuple[str, str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The entities and quotes stages over the pages' article text: name -> meta."""
    pipeline = Pipeline.from_dict({"stages": ["news.entities", "news.quotes"]})
    docs = [Document(name, text) for name, text, _ in pages]
    return {doc.id: doc.meta for doc in pipeline.process(docs)}
