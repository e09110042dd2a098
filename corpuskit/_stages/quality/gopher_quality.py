"""``gopher_quality``: the quality rules of Rae et al. 2021 (Gopher / MassiveText), appendix A."""

from __future__ import annotations

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.quality.charsets import PUNCTUATION
from corpuskit._stages.quality.words import document_words
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["GopherQuality"]

_optional_count = attrs.validators.optional(attrs.validators.ge(0))
_optional_ratio = attrs.validators.optional([attrs.validators.ge(0.0)])

STOP_WORDS = ("the", "be", "to", "of", "and", "that", "have", "with")
"""The paper's stop words: a kept document contains at least ``min_stop_words`` of them."""


@stage("gopher_quality", kind="clean", writes=["gopher_quality"])
@attrs.frozen
class GopherQuality(Filter):
    """Drops documents that fail the Gopher quality rules (Rae et al. 2021, MassiveText).

    Words are English tokens as spaCy's rule-based tokenizer splits them (punctuation
    marks are tokens; see docs/filters.md). The rules, in order; the first that fails is
    the reject reason, with the value (``symbol_word_ratio 0.14 > 0.1``):

    - ``word_count``: words that are not only punctuation, between ``min_doc_words`` and
      ``max_doc_words``;
    - ``mean_word_length``: their mean length in characters, between
      ``min_avg_word_length`` and ``max_avg_word_length``;
    - ``symbol_word_ratio``: ``#`` characters, and ``...`` / ``…`` ellipses, each per
      token, the larger of the two at most ``max_symbol_word_ratio``;
    - ``bullet_lines_ratio``: lines starting with ``•`` or ``-``, at most
      ``max_bullet_lines_ratio`` of all lines;
    - ``ellipsis_lines_ratio``: lines ending with ``...`` or ``…``, at most
      ``max_ellipsis_lines_ratio``;
    - ``alpha_words_ratio``: tokens with at least one letter, at least
      ``min_alpha_words_ratio`` of all tokens;
    - ``stop_words``: distinct ``stop_words`` present (case-sensitive), at least
      ``min_stop_words``.

    A threshold set to null turns its rule off. ``action: annotate`` keeps every document
    and writes the values above and the verdict under ``meta.gopher_quality``.
    """

    min_doc_words: int | None = param(50, doc="fewest words (tokens not made only of punctuation)",
                                      validator=_optional_count)
    max_doc_words: int | None = param(100_000, doc="most words", validator=_optional_count)
    min_avg_word_length: float | None = param(3, doc="shortest mean word length (characters)",
                                              validator=_optional_ratio)
    max_avg_word_length: float | None = param(10, doc="longest mean word length (characters)",
                                              validator=_optional_ratio)
    max_symbol_word_ratio: float | None = param(0.1, doc="most '#' or ellipses per token", validator=_optional_ratio)
    max_bullet_lines_ratio: float | None = param(0.9, doc="largest share of lines starting with a bullet",
                                                 validator=_optional_ratio)
    max_ellipsis_lines_ratio: float | None = param(0.3, doc="largest share of lines ending with an ellipsis",
                                                   validator=_optional_ratio)
    min_alpha_words_ratio: float | None = param(0.8, doc="smallest share of tokens with a letter",
                                                validator=_optional_ratio)
    min_stop_words: int | None = param(2, doc="fewest distinct stop words present", validator=_optional_count)
    stop_words: tuple[str, ...] = param(STOP_WORDS, doc="the stop words (case-sensitive)", converter=tuple)
    action: Action = action_param()

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        text = doc.text
        rules = Rules(measure_all=self.action == "annotate")
        tokens = document_words(text)
        lengths = [len(w) for w in tokens if not _only_punctuation(w)]
        rules.at_least("word_count", len(lengths), self.min_doc_words)
        rules.at_most("word_count", len(lengths), self.max_doc_words)
        if not tokens:
            rules.fail("no words")
        if rules.done or not tokens:
            return rules.verdict()
        if lengths:  # only punctuation: no mean length to judge
            mean_length = sum(lengths) / len(lengths)
            rules.at_least("mean_word_length", mean_length, self.min_avg_word_length)
            rules.at_most("mean_word_length", mean_length, self.max_avg_word_length)
        if rules.done:
            return rules.verdict()
        n = len(tokens)
        hashes = text.count("#") / n
        ellipses = (text.count("...") + text.count("\u2026")) / n
        rules.at_most("symbol_word_ratio", max(hashes, ellipses), self.max_symbol_word_ratio)
        if rules.done:
            return rules.verdict()
        self._line_rules(text, rules)
        if rules.done:
            return rules.verdict()
        alpha = sum(1 for w in tokens if _has_letter(w))
        rules.at_least("alpha_words_ratio", alpha / n, self.min_alpha_words_ratio)
        if rules.done:
            return rules.verdict()
        present = len(set(self.stop_words).intersection(tokens))
        rules.at_least("stop_words", present, self.min_stop_words)
        return rules.verdict()

    def _line_rules(self, text: str, rules: Rules) -> None:
        lines = text.splitlines()
        if not lines:
            return
        bullets = sum(1 for line in lines if line.lstrip().startswith(("\u2022", "-")))
        rules.at_most("bullet_lines_ratio", bullets / len(lines), self.max_bullet_lines_ratio)
        if rules.done:
            return
        ellipsis = sum(1 for line in lines if line.rstrip().endswith(("...", "\u2026")))
        rules.at_most("ellipsis_lines_ratio", ellipsis / len(lines), self.max_ellipsis_lines_ratio)


def _only_punctuation(token: str) -> bool:
    return all(ch in PUNCTUATION for ch in token)


def _has_letter(token: str) -> bool:
    return token.isalpha() or any(ch.isalpha() for ch in token)
