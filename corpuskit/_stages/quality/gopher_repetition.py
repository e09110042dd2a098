"""``gopher_repetition``: the repetition rules of Rae et al. 2021 (Gopher / MassiveText), table A1."""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate

import attrs

from corpuskit._document import Document
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.quality.words import document_words
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param

__all__ = ["GopherRepetition", "duplicated"]

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_optional_ratio = attrs.validators.optional(attrs.validators.ge(0.0))


def _lines(text: str) -> list[str]:
    """``text`` split at runs of line breaks (an empty first or last item where it starts or
    ends with one), as ``re.split(r"\n+", text)`` but without the regex's cost on huge texts."""
    lines = [line for line in text.split("\n") if line]
    if text.startswith("\n"):
        lines.insert(0, "")
    if text.endswith("\n"):
        lines.append("")
    return lines


def duplicated(items: list[str]) -> tuple[int, int]:
    """How many of ``items`` repeat an earlier one, and their characters in all."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        else:
            seen.add(item)
    return count, chars


@stage("gopher_repetition", kind="clean", writes=["gopher_repetition"])
@attrs.frozen
class GopherRepetition(Filter):
    """Drops documents with too much repeated text (Rae et al. 2021, MassiveText, table A1).

    Paragraphs are separated by blank lines, lines by line breaks, words are English
    tokens (docs/filters.md). The rules, in order, each a fraction of the document:

    - ``dup_para_frac`` / ``dup_para_char_frac``: paragraphs that repeat an earlier one,
      by count and by characters (of the whole text);
    - ``dup_line_frac`` / ``dup_line_char_frac``: the same for lines;
    - ``top_<n>_gram``: characters of the most frequent word n-gram (n = 2, 3, 4) times
      its count, over the text's characters;
    - ``dup_<n>_gram``: characters of word n-grams (n = 5...10) that repeat an earlier
      one, counted once each, over the text's characters.

    An empty text is rejected (``empty``). ``action: annotate`` writes every fraction and
    the verdict under ``meta.gopher_repetition``.
    """

    dup_line_frac: float | None = param(0.3, doc="largest share of repeated lines", validator=_optional_ratio)
    dup_para_frac: float | None = param(0.3, doc="largest share of repeated paragraphs", validator=_optional_ratio)
    dup_line_char_frac: float | None = param(0.2, doc="largest share of characters in repeated lines",
                                             validator=_optional_ratio)
    dup_para_char_frac: float | None = param(0.2, doc="largest share of characters in repeated paragraphs",
                                             validator=_optional_ratio)
    top_n_grams: tuple[tuple[int, float], ...] = param(
        ((2, 0.2), (3, 0.18), (4, 0.16)),
        doc="[n, largest share of characters in the most frequent word n-gram] pairs")
    dup_n_grams: tuple[tuple[int, float], ...] = param(
        ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)),
        doc="[n, largest share of characters in repeated word n-grams] pairs")
    action: Action = action_param()

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        text = doc.text
        rules = Rules(measure_all=self.action == "annotate")
        if not text:
            rules.fail("empty")
            return rules.verdict()
        size = len(text)
        stripped = text.strip()
        paragraphs = _PARAGRAPH_BREAK.split(stripped) if "\n\n" in stripped else [stripped]
        count, chars = duplicated(paragraphs)
        rules.at_most("dup_para_frac", count / len(paragraphs), self.dup_para_frac)
        rules.at_most("dup_para_char_frac", chars / size, self.dup_para_char_frac)
        if rules.done:
            return rules.verdict()
        lines = _lines(text)
        count, chars = duplicated(lines)
        rules.at_most("dup_line_frac", count / len(lines), self.dup_line_frac)
        rules.at_most("dup_line_char_frac", chars / size, self.dup_line_char_frac)
        if rules.done:
            return rules.verdict()
        self._ngram_rules(document_words(text), size, rules)
        return rules.verdict()

    def _ngram_rules(self, tokens: list[str], size: int, rules: Rules) -> None:
        spaced = " ".join(tokens)
        # starts[i]: where token i begins in `spaced`; an n-gram is a slice, not a new list
        starts = [0, *accumulate(len(t) + 1 for t in tokens)]
        for n, limit in self.top_n_grams:
            if len(tokens) < n:
                continue
            counts = Counter(spaced[starts[i]:starts[i + n] - 1] for i in range(len(tokens) - n + 1))
            gram, times = counts.most_common(1)[0]
            rules.at_most(f"top_{n}_gram", len(gram) * times / size, limit)
            if rules.done:
                return
        joined = "".join(tokens)
        offsets = [0, *accumulate(len(t) for t in tokens)]
        for n, limit in self.dup_n_grams:
            rules.at_most(f"dup_{n}_gram", _repeated_ngram_chars(joined, offsets, len(tokens), n) / size, limit)
            if rules.done:
                return


def _repeated_ngram_chars(joined: str, offsets: list[int], count: int, n: int) -> int:
    """Characters of word n-grams that repeat an earlier one; after a repeat the scan jumps
    past it, so overlapping repeats are counted once. An n-gram is its words run together."""
    seen: set[str] = set()
    repeated = 0
    i = 0
    last = count - n
    while i <= last:
        gram = joined[offsets[i]:offsets[i + n]]
        if gram in seen:
            repeated += len(gram)
            i += n
        else:
            seen.add(gram)
            i += 1
    return repeated
