"""A sampled document as the report's browser shows it: its final text with every removed
line back in place, struck through and labelled with the stage and the reason.

Where the text as loaded is known (the sample keeps it), the lines are placed by a line
diff between the loaded and the final text (:mod:`difflib`), and each removed line takes
the label of the audit record (``meta[KEY]["removed"]``) with the same text. Otherwise
(an HTML page, whose loaded text is markup) the audit records are put back by their
``lineno``, the last auditing stage first.
"""

from __future__ import annotations

import difflib
from typing import Any

__all__ = ["NO_RECORD", "annotate"]

NO_RECORD = "changed or removed (no audit record)"
Segment = list[Any]  # [text, label index] (-1: a kept line)


def _records(doc: dict[str, Any], audit: list[list[str]]) -> list[tuple[str, str, str, int]]:
    """``(stage, reason, line, lineno)`` of every removed line the document's audit records list."""
    meta = doc.get("meta") or {}
    out = []
    for stage, key in audit:
        record = meta.get(key)
        removed = record.get("removed") if isinstance(record, dict) else None
        for item in removed if isinstance(removed, list) else []:
            if isinstance(item, dict):
                lineno = item.get("lineno")
                out.append((stage, str(item.get("reason", "")), str(item.get("line", "")),
                            lineno if isinstance(lineno, int) else 0))
    return out


def annotate(doc: dict[str, Any], audit: list[list[str]]) -> tuple[list[Segment], list[list[str]]]:
    """The document's lines in reading order and the labels (``[stage, reason]``) they point to."""
    labels: list[list[str]] = []
    index: dict[tuple[str, str], int] = {}

    def label(stage: str, reason: str) -> int:
        key = (stage, reason)
        if key not in index:
            index[key] = len(labels)
            labels.append([stage, reason])
        return index[key]

    records = _records(doc, audit)
    before = doc.get("before")
    text = str(doc.get("text", ""))
    if isinstance(before, str) and doc.get("before_type") != "text/html" and before != text:
        segments = _by_diff(before, text, records, label)
    else:
        segments = _by_lineno(text, records, audit, label)
    return segments, labels


def _by_diff(before: str, text: str, records: list[tuple[str, str, str, int]], label: Any) -> list[Segment]:
    by_text: dict[str, tuple[str, str]] = {}
    for stage, reason, line, _ in records:
        by_text.setdefault(line.strip(), (stage, reason))
    old, new = before.split("\n"), text.split("\n")
    matcher = difflib.SequenceMatcher(None, [s.strip() for s in old], [s.strip() for s in new], autojunk=False)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            for line in old[i1:i2]:
                if line.strip():
                    stage, reason = by_text.get(line.strip(), ("", NO_RECORD))
                    out.append([line, label(stage, reason)])
        out.extend([line, -1] for line in new[j1:j2])
    return out


def _by_lineno(
    text: str, records: list[tuple[str, str, str, int]], audit: list[list[str]], label: Any
) -> list[Segment]:
    lines: list[Segment] = [[line, -1] for line in text.split("\n")]
    for stage, _ in reversed(audit):  # undo the last stage first: its line numbers are in its input
        removed = sorted((r for r in records if r[0] == stage), key=lambda r: r[3])
        if not removed:
            continue
        rebuilt: list[Segment] = []
        rest = iter(lines)
        n = 1
        for _, reason, line, lineno in removed:
            while n < lineno:
                kept = next(rest, None)
                if kept is None:
                    break
                rebuilt.append(kept)
                n += 1
            rebuilt.append([line, label(stage, reason)])
            n += 1
        rebuilt.extend(rest)
        lines = rebuilt
    return lines
