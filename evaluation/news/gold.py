"""Entity and quote gold on article text: the project's gold pages or a held-out set, and the stages' output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from corpuskit import Document, Pipeline

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
    """``(name, text, gold)`` for every ``folder/NAME.json`` whose source text is unchanged."""
    out = []
    for path in sorted(folder.glob("*.json")):
        name = path.stem
        if names and name not in names:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        data = (source_root / gold["source"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != gold["sha256"]:
            raise SystemExit(f"{path}: {gold['source']} is not the text the gold was written for")
        out.append((name, data.decode("utf-8"), gold))
    return out


def predict(pages: list[tuple[str, str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The entities and quotes stages over the pages' article text: name -> meta."""
    pipeline = Pipeline.from_dict({"stages": ["news.entities", "news.quotes"]})
    docs = [Document(name, text) for name, text, _ in pages]
    return {doc.id: doc.meta for doc in pipeline.process(docs)}
