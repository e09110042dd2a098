"""``c4_quality``: the line and page rules of Raffel et al. 2020 (C4)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.quality.words import sentence_count, words
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["C4Quality"]

_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
_END_MARKS = (".", "?", "!", '"', "'")
POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
"""A line containing one of these (lower-cased) is a site notice, not content."""


@stage("c4_quality", kind="clean", writes=["c4_quality"], audit_key="c4_quality")
@attrs.frozen
class C4Quality(Filter):
    """Removes the lines C4 removes, then drops pages that fail C4's page rules (Raffel et al. 2020).

    Each line (stripped) is removed, with the first reason that applies:
    ``too long word`` (a word over ``max_word_length`` characters), ``no terminal
    punctuation`` (it does not end with ``. ? ! " '``, or ends with ``...``; after
    Wikipedia-style citations such as ``[1]`` and ``[edit]`` are taken out),
    ``too few words`` (under ``min_words_per_line``), ``javascript`` (mentions it),
    ``policy`` (a cookie, privacy-policy or terms-of-use notice). The page is rejected when
    a kept line contains ``lorem ipsum`` (``lorem_ipsum``) or a curly bracket
    (``curly_bracket``), or when the kept lines hold fewer than ``min_num_sentences``
    sentences (``sentences < 5``). The kept lines, one per line, are the new text.

    Writes ``meta.c4_quality``, the way ``news.boilerplate`` records its removals:
    ``removed``: ``[{line, reason, lineno}]`` (``lineno`` 1-based in the input; blank lines
    are dropped without a record), ``kept``: the number of kept lines. Removed lines are
    counted by reason in the stage's stats (``lines removed: policy``). ``action: annotate``
    keeps every page (its lines still removed, so later stages see what they would see
    when dropping) and adds ``sentences``, ``keep`` and ``reason`` there.
    """

    remove_citations: bool = param(True, doc="take out [1], [edit], [citation needed] before the checks")
    filter_no_terminal_punct: bool = param(True, doc="remove lines without terminal punctuation")
    min_num_sentences: int = param(5, doc="fewest sentences a kept page has (-1: no rule)")
    min_words_per_line: int = param(3, doc="remove lines with fewer words (-1: no rule)")
    max_word_length: int = param(1000, doc="remove lines with a longer word (-1: no rule)")
    filter_lorem_ipsum: bool = param(True, doc="drop pages with 'lorem ipsum' in a kept line")
    filter_javascript: bool = param(True, doc="remove lines that mention javascript")
    filter_curly_bracket: bool = param(True, doc="drop pages with '{' in a kept line")
    filter_policy: bool = param(True, doc="remove cookie, privacy-policy and terms-of-use lines")
    action: Action = action_param()

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        rules = Rules(measure_all=self.action == "annotate")
        removed: list[dict[str, Any]] = []
        kept: list[str] = []
        sentences = 0
        for lineno, raw in enumerate(doc.text.splitlines(), 1):
            line = raw.strip()
            if not line:
                continue  # blank: never kept, not worth recording
            reason, line = self._line_verdict(line)
            if reason is None:
                lowered = line.lower()
                if self.filter_lorem_ipsum and "lorem ipsum" in lowered:
                    rules.fail("lorem_ipsum")
                elif self.filter_javascript and "javascript" in lowered:
                    reason = "javascript"
                elif self.filter_curly_bracket and "{" in line:
                    rules.fail("curly_bracket")
                elif self.filter_policy and any(p in lowered for p in POLICY_PHRASES):
                    reason = "policy"
                if rules.done:
                    return rules.verdict()
            if reason is not None:
                removed.append({"line": raw.strip(), "reason": reason, "lineno": lineno})
                ctx.count(f"lines removed: {reason}")
                continue
            if self.min_num_sentences != -1:
                sentences += sentence_count(words(line))
            kept.append(line)
        rules.at_least("sentences", sentences, self.min_num_sentences if self.min_num_sentences != -1 else None)
        record = {"removed": removed, "kept": len(kept)}
        text = "\n".join(kept).strip()
        return rules.verdict(Document(doc.id, text, {**doc.meta, "c4_quality": record}))

    def _line_verdict(self, line: str) -> tuple[str | None, str]:
        """Why a stripped line is removed (None: kept), and the line with citations taken out."""
        tokens = line.split()
        if self.max_word_length != -1 and any(len(t) > self.max_word_length for t in tokens):
            return "too long word", line
        if self.remove_citations and "[" in line:
            line = _CITATION.sub("", line)
        if self.filter_no_terminal_punct and (not line.endswith(_END_MARKS) or line.endswith("...")):
            return "no terminal punctuation", line
        if len(tokens) < self.min_words_per_line:
            return "too few words", line
        return None, line
