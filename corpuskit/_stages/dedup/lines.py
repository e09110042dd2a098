"""``line_dedup``: remove lines (or paragraphs) repeated across many documents.

CCNet-style boilerplate removal: navigation bars, share prompts, newsletter
teasers and site footers repeat verbatim on every page of a site, while article
text does not. Uses the shared mechanism in :mod:`corpuskit._stages.dedup.linefreq`:

* keys - one ``(line hash, ref)`` per distinct line of at least ``min_length``
  characters (hash of the stripped, case-folded line);
* reduce - per hash bucket, the hashes found in more than ``max_docs`` documents,
  addressed to every document that has them;
* apply - those lines are cut from the text; a document left with no text is
  rejected (reason ``empty``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.dedup.linefreq import drop_units, frequent_line_decisions, line_keys
from corpuskit._stages.kinds import GlobalStage, Ref, param, stage

__all__ = ["LineDedup"]


@stage("line_dedup", kind="clean", writes=["line_dedup"], audit_key="line_dedup")
@attrs.frozen
class LineDedup(GlobalStage):
    """Remove lines (or paragraphs) that occur in more than ``max_docs`` documents.

    Counters: ``lines_removed`` (or ``paragraphs_removed``), ``chars_removed`` and
    ``docs_changed``. Documents emptied by the removal are rejected with reason
    ``empty``. A line counts once per document however often it repeats there.

    With ``record`` (the default), a changed document gets ``meta["line_dedup"] =
    {"removed": [{"line", "reason", "lineno"}]}`` (``lineno``: 1-based in the stage's
    input; reason ``in more than N documents``), the shape report.html shows struck
    through (docs/plugins.md, "Removed lines in the report").
    """

    max_docs: int = param(
        10,
        doc="a line found in more than this many documents is removed from all of them",
        validator=attrs.validators.ge(0),
    )
    min_length: int = param(
        20, doc="lines shorter than this (characters, stripped) are never removed", validator=attrs.validators.ge(0)
    )
    record: bool = param(True, doc="record each removed line in meta.line_dedup.removed (shown in report.html)")
    unit: Literal["line", "paragraph"] = param(
        "line",
        doc="'line' (split on newlines) or 'paragraph' (blocks between blank lines)",
        validator=attrs.validators.in_(("line", "paragraph")),
    )

    @property
    def _paragraphs(self) -> bool:
        return self.unit == "paragraph"

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterator[tuple[int, Ref]]:
        return line_keys(doc.text, ref, min_length=self.min_length, paragraphs=self._paragraphs)

    def reduce(self, bucket: int, items: Iterator[tuple[int, Ref]], ctx: StageContext) -> Iterator[tuple[Ref, int]]:
        return frequent_line_decisions(items, self.max_docs)

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        if not decisions:
            return doc
        dropped: list[tuple[int, str]] | None = [] if self.record else None
        text, removed, chars = drop_units(doc.text, decisions, min_length=self.min_length, paragraphs=self._paragraphs,
                                          dropped=dropped)
        if not removed:
            return doc
        ctx.count(f"{self.unit}s_removed", removed)
        ctx.count("chars_removed", chars)
        ctx.count("docs_changed")
        if not text.strip():
            ctx.reject(doc, "empty", detail=f"all {removed} {self.unit}s occur in more than {self.max_docs} documents")
            return None
        out = doc.with_text(text)
        if dropped:
            reason = f"in more than {self.max_docs} documents"
            out.meta["line_dedup"] = {"removed": [{"line": unit, "reason": reason, "lineno": n} for n, unit in dropped]}
        return out
