"""The datatrove half of the parity check: run in the datatrove venv, called by parity.py.

    /work/venvs/datatrove/bin/python benchmarks/filters/datatrove_side.py TEXTS.jsonl OUT.jsonl

Writes one line per text: {"id", "<filter>": [keep, reason], "c4_text": text after C4's
line removal (kept documents)}. Default parameters everywhere.
"""

from __future__ import annotations

import json
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)

FILTERS = {
    "gopher_quality": GopherQualityFilter,
    "gopher_repetition": GopherRepetitionFilter,
    "c4_quality": C4QualityFilter,
    "fineweb_quality": FineWebQualityFilter,
}


def main(source: str, target: str) -> int:
    filters = {name: cls() for name, cls in FILTERS.items()}
    with open(source, encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
        for line in f:
            record = json.loads(line)
            row = {"id": record["id"]}
            for name, flt in filters.items():
                doc = Document(text=record["text"], id=record["id"])
                try:
                    verdict = flt.filter(doc)
                except Exception as exc:
                    row[name] = [None, f"error: {type(exc).__name__}: {exc}"]
                    continue
                keep, reason = (verdict, None) if isinstance(verdict, bool) else verdict
                row[name] = [bool(keep), reason]
                if name == "c4_quality" and keep:
                    row["c4_text"] = doc.text
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
