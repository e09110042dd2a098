"""``language_filter``: keep documents (or paragraphs) in the listed languages, by py3langid."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._errors import ParamError
from corpuskit._stages.context import StageContext
from corpuskit._stages.filters.languages import LANGUAGES, identifier, suggest_language
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.verdict import Action, Rules, Verdict, action_param, format_number

__all__ = ["LanguageFilter"]

_BLANK_LINE = re.compile(r"(\n[ \t\r\f\v]*\n\s*)")


def _known_codes(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, code in enumerate(value):
        if code not in LANGUAGES:
            raise ParamError(f"unknown language code '{code}'", param=attribute.name, within=(i,),
                             hint=suggest_language(code))


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@stage("language_filter", kind="clean", writes=["language", "language_score", "language_shares", "language_filter"])
@attrs.frozen
class LanguageFilter(Filter):
    """Keeps documents in the listed languages whose language score reaches ``min_score``.

    The language is identified by py3langid (its model ships inside the package; nothing
    is downloaded). meta: ``language`` (a code, None for a text without letters) and
    ``language_score`` (the model's probability, 0..1). ``unit: paragraph`` identifies
    each paragraph (blocks between blank lines; the lines of a text without blank lines)
    of at least ``min_paragraph_chars`` characters, removes those not in ``languages``
    or below ``min_score``, and keeps the document if any remain; it also writes
    ``language_shares`` (the share of identified characters per language) and takes as
    ``language`` the language with the largest share. Shorter paragraphs stay with their
    document. ``languages: []`` keeps every language (``min_score`` still applies).

    Rejects name the rule (``language not in [en]``, ``language_score < 0.65``, ``no
    letters``) and the detail the document's values (``language de (0.98) not in [en]``).
    ``action: annotate`` keeps every document and text unchanged and writes
    ``meta.language_filter`` = ``{language, language_score, keep, reason}``. See
    docs/filters.md.
    """

    languages: tuple[str, ...] = param(
        (), doc="language codes to keep (py3langid's, ISO 639-1 where one exists: en, de, ...); [] keeps any",
        validator=_known_codes,
    )
    min_score: float = param(0.65, doc="lowest language score kept (0..1)",
                             validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)])
    unit: Literal["document", "paragraph"] = param(
        "document", doc="'document': one language per document; 'paragraph': per paragraph, for mixed pages",
        validator=attrs.validators.in_(("document", "paragraph")),
    )
    min_paragraph_chars: int = param(20, doc="with unit: paragraph, shorter paragraphs are not identified "
                                             "(they stay with the document)", validator=attrs.validators.ge(1))
    max_chars: int = param(10_000, doc="characters of each text (document or paragraph) the model reads",
                           validator=attrs.validators.ge(1))
    action: Action = action_param()

    def setup(self, ctx: StageContext) -> None:
        identifier()  # load the model once per worker, before the first document

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        if self.unit == "paragraph":
            return self._by_paragraph(doc, ctx)
        rules = Rules(measure_all=self.action == "annotate")
        sample = doc.text[: self.max_chars]
        language, score = self._identify(sample) if _has_letters(sample) else (None, 0.0)
        rules.record("language", language)
        self._judge(rules, language, score, "empty text" if not sample.strip() else "no letters in the text read")
        return rules.verdict(doc.with_meta(language=language, language_score=score))

    def _identify(self, text: str) -> tuple[str, float]:
        language, score = identifier().classify(text)
        return str(language), round(float(score), 4)

    def _judge(self, rules: Rules, language: str | None, score: float, why: str = "no letters") -> None:
        """The document rules, in order: letters, language, score."""
        if language is None:
            if self.languages or self.min_score > 0:
                rules.fail("no letters", why)
            rules.record("language_score", score)
            return
        if self.languages and language not in self.languages:
            rules.fail(f"language not in [{', '.join(self.languages)}]",
                       f"language {language} ({format_number(score)}) not in [{', '.join(self.languages)}]")
        rules.at_least("language_score", score, self.min_score)

    def _wanted(self, language: str, score: float) -> bool:
        return (not self.languages or language in self.languages) and score >= self.min_score

    def _by_paragraph(self, doc: Document, ctx: StageContext) -> Verdict:
        pieces = _split(doc.text)
        chars: dict[str, int] = {}
        weighted: dict[str, float] = {}
        kept: list[str] = []
        removed = 0
        for text, separator in pieces:
            body = text.strip()
            if len(body) < self.min_paragraph_chars or not _has_letters(body):
                kept.append(text + separator)
                continue
            language, score = self._identify(body[: self.max_chars])
            chars[language] = chars.get(language, 0) + len(body)
            weighted[language] = weighted.get(language, 0.0) + score * len(body)
            if self._wanted(language, score):
                kept.append(text + separator)
            else:
                removed += 1
        return self._paragraph_verdict(doc, ctx, chars, weighted, "".join(kept).strip(), removed)

    def _paragraph_verdict(self, doc: Document, ctx: StageContext, chars: dict[str, int],
                           weighted: dict[str, float], text: str, removed: int) -> Verdict:
        annotate = self.action == "annotate"
        rules = Rules(measure_all=annotate)
        total = sum(chars.values())
        shares = {lang: round(n / total, 4) for lang, n in sorted(chars.items(), key=lambda kv: -kv[1])}
        language = next(iter(shares), None)
        score = round(weighted[language] / chars[language], 4) if language is not None else 0.0
        rules.record("language", language)
        rules.record("paragraphs_removed", removed)
        if language is None:
            self._judge(rules, None, 0.0, "no paragraph with letters")
        elif not text and removed:
            wanted = f" in [{', '.join(self.languages)}]" if self.languages else ""
            rules.fail(f"no paragraph{wanted} with language_score >= {format_number(self.min_score)}",
                       "shares " + _shares(shares))
        out = doc.with_meta(language=language, language_score=score, language_shares=shares)
        if removed and not annotate and text:
            ctx.count("paragraphs_removed", removed)
            out = Document(out.id, text, out.meta)
        return rules.verdict(out)


def _shares(shares: dict[str, float]) -> str:
    return ", ".join(f"{lang} {format_number(v)}" for lang, v in shares.items())


def _split(text: str) -> Iterable[tuple[str, str]]:
    """(paragraph, the separator after it): blank-line blocks, else lines."""
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else re.split(r"(\n)", text)
    parts.append("")
    return list(zip(parts[0::2], parts[1::2], strict=False))
