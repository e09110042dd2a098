"""``news.quotes``: direct quotations and who said them.

A quotation is text between double quotes (curly or straight, mixed pairs too) within
one paragraph, at least ``min_words`` long (shorter quoted bits are scare quotes or
titles). Its speaker comes from the attribution next to it, in this order:

1. after the quote: ``"...," said X``, ``"...," X said``, ``"...," he said``,
   ``"...," according to X``;
2. before it, in the same sentence: ``X said: "..."``, ``X told the board to "..."``,
   ``He added, "..."``, ``According to X, "..."``;
3. otherwise the speaker of the previous quotation when it ended close before
   (``continuation_chars``), as in a quote that runs on over two paragraphs.

A pronoun (he, she; "it" for an organisation) resolves to the nearest preceding
mention of a person (organisation). Names resolve to the canonical names in
``meta["entities"]`` (so run this stage after ``news.entities``): a form, the full
name or the bare surname all give the entity's name; a name the entity stage did not
find is kept as written, titles removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from corpuskit.context import StageContext
from corpuskit.document import Document
from corpuskit.stage import Mapper, param, stage
from corpuskit_news.gazetteer import TITLE_PREFIXES, TITLES, fold

__all__ = ["NewsQuotes"]

_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|affirmed|affirms|asserted|stressed|"
    r"noted|notes|explained|explains|warned|warns|wrote|writes|argued|argues|insisted|insists|"
    r"claimed|claims|declared|announced|acknowledged|remarked|replied|asked|asks|commented|"
    r"continued|urged|emphasi[sz]ed|emphasi[sz]es|recalled|admitted|conceded|suggested|predicted|"
    r"concluded|tweeted|posted|testified|observed|agreed|added|cautioned|complained|confirmed|"
    r"pointed out|went on|responded|reiterated|promised|vowed|recounted|revealed)"
)
_CAP = r"[A-ZÀ-ÞА-Я][\w'’.\-]*"
_NAME = rf"(?:{_CAP}(?:[ \t]+(?:of[ \t]+|de[ \t]+|van[ \t]+|von[ \t]+)?{_CAP}){{0,5}})"
_PRONOUN = r"(?:he|she|it|He|She|It)"
_QUOTE = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_SPACE = re.compile(r"\s+")

_AFTER = [
    re.compile(rf"[,.!?]?[”\"]?[ \t]*(?:{_VERBS})[ \t]+(?P<name>{_NAME}|{_PRONOUN})"),
    re.compile(rf"[,.!?]?[”\"]?[ \t]*(?:the[ \t]+[\w\- ]{{1,40}}?[ \t]+)?(?P<name>{_NAME}|{_PRONOUN})"
               rf"[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?:{_VERBS})\b"),
    re.compile(rf"[,.!?]?[”\"]?[ \t]*according[ \t]+to[ \t]+(?P<name>{_NAME})"),
]
_BEFORE = [
    re.compile(rf"(?P<name>{_NAME}|{_PRONOUN})(?:,[^,]{{1,60}},)?[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?"
               rf"(?:{_VERBS})\b[^.!?\"“”]{{0,120}}$"),
    re.compile(rf"[Aa]ccording[ \t]+to[ \t]+(?P<name>{_NAME})[^.!?\"“”]{{0,40}}$"),
]
_SENTENCE_START = re.compile(r"(?:[.!?][”\"]?\s+|\n)(?=[^.!?\n]*$)")


@attrs.frozen
class _Speakers:
    """Name lookups built from ``meta["entities"]``."""

    canonical: dict[str, str]
    person_re: re.Pattern[str] | None
    org_re: re.Pattern[str] | None
    by_form: dict[str, str]

    @classmethod
    def from_entities(cls, entities: list[dict[str, Any]]) -> _Speakers:
        canonical: dict[str, str] = {}
        patterns: dict[str, list[str]] = {"person": [], "organization": []}
        for entity in entities or []:
            name = entity.get("name")
            if not name:
                continue
            spellings = {name, *entity.get("forms", [])}
            if entity.get("type") == "person":
                spellings.add(name.split()[-1])
            for spelling in spellings:
                canonical.setdefault(fold(spelling), name)
            if entity.get("type") in patterns:
                patterns[entity["type"]].extend(spellings)
        return cls(canonical, _alternation(patterns["person"]), _alternation(patterns["organization"]), {})

    def resolve(self, phrase: str) -> str | None:
        """The canonical name for a speaker phrase ("President Vladimir Putin" -> "Vladimir Putin")."""
        words = phrase.split()
        for i in range(len(words)):
            found = self.canonical.get(fold(" ".join(words[i:])))
            if found:
                return found
        while words and (fold(words[0]).rstrip(".") in TITLES or fold(words[0]) in TITLE_PREFIXES):
            words = words[1:]
        return " ".join(words) or None

    def nearest(self, text: str, end: int, pronoun: str) -> str | None:
        """The last person (or, for "it", organisation) mentioned before ``end``."""
        pattern = self.org_re if pronoun.lower() == "it" else self.person_re
        if pattern is None:
            return None
        last = None
        for last in pattern.finditer(text, 0, end):  # noqa: B007 - we want the last one
            pass
        return self.canonical.get(fold(last.group())) if last else None


def _alternation(spellings: list[str]) -> re.Pattern[str] | None:
    unique = sorted({s for s in spellings if s}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in unique) + r")(?![\w])")


@stage("news.quotes", kind="extract")
@attrs.frozen
class NewsQuotes(Mapper):
    """Direct quotations with their speakers.

    Writes ``meta["quotes"]``: a list of ``{speaker, text, start, end}`` where
    ``text == doc.text[start:end]`` (the words inside the quote marks) and ``speaker``
    is the canonical entity name from ``meta["entities"]`` (run after
    ``news.entities``), a name as written when the entity stage did not find it, or
    null when no attribution was found.
    """

    min_words: int = param(4, doc="Shorter quoted text is taken for a scare quote or a title, not a quotation.")
    window: int = param(160, doc="How many characters after a quote to search for its attribution.")
    continuation_chars: int = param(
        400, doc="A quote with no attribution of its own keeps the previous quote's speaker if that ended "
        "less than this many characters before; 0 turns this off."
    )

    def map(self, doc: Document, ctx: StageContext) -> Document:
        speakers = _Speakers.from_entities(doc.meta.get("entities") or [])
        quotes = list(self.find(doc.text, speakers))
        ctx.count("quotes", len(quotes))
        ctx.count("attributed", sum(q["speaker"] is not None for q in quotes))
        return doc.with_meta(quotes=quotes)

    def find(self, text: str, speakers: _Speakers) -> Iterator[dict[str, Any]]:
        """The quotations of ``text`` in order."""
        previous: tuple[int, str | None] = (-(10**9), None)
        for match in _QUOTE.finditer(text):
            inner = match.group(1)
            if len(inner.split()) < self.min_words:
                continue
            start, end = match.start(1), match.end(1)
            stripped = inner.rstrip(" ,")
            speaker = self._speaker(text, match.start(), match.end(), speakers)
            if speaker is None and match.start() - previous[0] <= self.continuation_chars:
                speaker = previous[1]
            previous = (match.end(), speaker)
            yield {"speaker": speaker, "text": stripped, "start": start, "end": start + len(stripped)}

    def _speaker(self, text: str, qstart: int, qend: int, speakers: _Speakers) -> str | None:
        line_end = text.find("\n", qend)
        after = text[qend : min(qend + self.window, line_end if line_end != -1 else len(text))]
        for pattern in _AFTER:
            found = pattern.match(after)
            if found:
                return self._name(found.group("name"), text, qstart, speakers)
        sentence_from = max(text.rfind("\n", 0, qstart) + 1, qstart - 300)
        before = text[sentence_from:qstart]
        cut = _SENTENCE_START.search(before)
        if cut:
            before = before[cut.end() :]
        for pattern in _BEFORE:
            found = pattern.search(before)
            if found:
                return self._name(found.group("name"), text, qstart, speakers)
        return None

    def _name(self, phrase: str, text: str, qstart: int, speakers: _Speakers) -> str | None:
        phrase = _SPACE.sub(" ", phrase).strip().removesuffix("'s").removesuffix("’s").rstrip(".,")
        if phrase.lower() in ("he", "she", "it"):
            return speakers.nearest(text, qstart, phrase)
        return speakers.resolve(phrase)
