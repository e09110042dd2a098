"""``fineweb_quality``: the line-shape rules of Penedo et al. 2024 (FineWeb)."""

from __future__ import annotations

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.quality.charsets import SENTENCE_END
from corpuskit._stages.quality.gopher_repetition import duplicated
from corpuskit._stages.quality.words import document_words
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["FineWebQuality"]

_SENTENCE_END = tuple(SENTENCE_END)
_ratio = attrs.validators.ge(0.0)


@stage("fineweb_quality", kind="clean", writes=["fineweb_quality"])
@attrs.frozen
class FineWebQuality(Filter):
    """Drops documents that fail the FineWeb quality rules (Penedo et al. 2024).

    Lines are the non-blank lines of the text (as written: a line ending in a space does
    not end with punctuation). The rules, in order:

    - ``line_punct_ratio``: lines ending with a sentence-ending mark, at least
      ``line_punct_thr`` of the lines (``line_punct_exclude_zero``: a page with none at
      all passes this rule);
    - ``short_line_ratio``: lines of at most ``short_line_length`` characters, at most
      ``short_line_thr`` of the lines;
    - ``char_dup_ratio``: characters of lines that repeat an earlier line, at most
      ``char_duplicates_ratio`` of the text's characters (line breaks not counted);
    - ``list_ratio``: line breaks per word (English tokens, docs/filters.md), at most
      ``new_line_ratio``.

    A text without a non-blank line is rejected (``empty``). ``action: annotate`` writes
    the ratios and the verdict under ``meta.fineweb_quality``.
    """

    line_punct_thr: float = param(0.12, doc="smallest share of lines ending with punctuation", validator=_ratio)
    line_punct_exclude_zero: bool = param(False, doc="let pages with no punctuated line at all pass that rule")
    short_line_thr: float = param(0.67, doc="largest share of short lines", validator=_ratio)
    short_line_length: int = param(30, doc="a line of at most this many characters is short",
                                   validator=attrs.validators.ge(0))
    char_duplicates_ratio: float = param(0.01, doc="largest share of characters in repeated lines", validator=_ratio)
    new_line_ratio: float = param(0.3, doc="most line breaks per word", validator=_ratio)
    action: Action = action_param()

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        text = doc.text
        rules = Rules(measure_all=self.action == "annotate")
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines:
            rules.fail("empty")
            return rules.verdict()
        punctuated = sum(1 for line in lines if line.endswith(_SENTENCE_END)) / len(lines)
        if not (punctuated == 0 and self.line_punct_exclude_zero):
            rules.at_least("line_punct_ratio", punctuated, self.line_punct_thr)
        else:
            rules.record("line_punct_ratio", punctuated)
        if rules.done:
            return rules.verdict()
        short = sum(1 for line in lines if len(line) <= self.short_line_length) / len(lines)
        rules.at_most("short_line_ratio", short, self.short_line_thr)
        if rules.done:
            return rules.verdict()
        rules.at_most("char_dup_ratio", duplicated(lines)[1] / (len(text) - text.count("\n")),
                      self.char_duplicates_ratio)
        if rules.done:
            return rules.verdict()
        rules.at_most("list_ratio", text.count("\n") / len(document_words(text)), self.new_line_ratio)
        return rules.verdict()
