"""The evaluation set: pages written for the project plus the bundled seeds, with gold."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["REPO", "Case", "load_cases"]

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    """One evaluation page: its name, its text and its gold annotation."""

    name: str
    text: str
    gold: dict[str, Any]


def load_cases(root: Path | None = None, seeds: Path | None = None) -> list[Case]:
    """Every ``gold/NAME.gold.json`` under ``root`` with its page (``pages/NAME.txt``, else ``seeds/NAME.txt``)."""
    root = root or REPO / "tests" / "data" / "news"
    seeds = seeds or REPO / "seeds"
    cases = []
    for gold_path in sorted((root / "gold").glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        page = root / "pages" / f"{name}.txt"
        if not page.exists():
            page = seeds / f"{name}.txt"
        cases.append(Case(name, page.read_text(encoding="utf-8"), json.loads(gold_path.read_text(encoding="utf-8"))))
    return cases
