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

import bisect
import re
from collections.abc import Iterator
from typing import Any

import attrs

from corpuskit import Document, Mapper, StageContext, param, stage
from corpuskit_news.entities.gazetteer import ORG_CUES, TITLE_PREFIXES, TITLES, gazetteer
from corpuskit_news.quotes.marks import quotations
from corpuskit_news.quotes.patterns import (
    AFTER,
    AGE,
    BARE_VERB,
    BEFORE,
    BODY,
    BODY_DOCUMENT,
    CAPITAL_NEXT,
    DESCRIBED,
    DESCRIBED_BEFORE,
    EARLIER,
    GOES_ON,
    INCISE,
    INTRODUCES,
    LOOKBACK,
    NAMES,
    NEW_SENTENCE,
    SENTENCE_FINAL,
    SENTENCE_START,
    SPACE,
    THAT,
    UNNAMED,
    UNNAMED_AFTER,
    WORD,
)
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["NewsQuotes"]



@attrs.frozen
class _Speakers:
    """Name lookups built from ``meta["entities"]``: spelling -> canonical name, by type."""

    canonical: dict[str, str]
    spellings: dict[str, tuple[str, ...]]
    people: frozenset[str]
    entities: tuple[dict[str, Any], ...] = ()
    genders: dict[str, str | None] = attrs.field(factory=dict)
    memo: dict[Any, Any] = attrs.field(factory=dict)
    """Per-text caches (mentions by kind, subject tests), emptied for each text by ``find``."""
    quoted: tuple[tuple[int, int], ...] = ()
    """Spans inside quotation marks: a name there is talked about, not an antecedent."""

    @classmethod
    def from_entities(cls, entities: list[dict[str, Any]]) -> _Speakers:
        canonical: dict[str, str] = {}
        spellings: dict[str, list[str]] = {"person": [], "organization": []}
        for entity in entities or []:
            name = entity.get("name")
            if not name or entity.get("type") not in spellings:
                continue  # places do not speak
            own = {name, *entity.get("forms", [])}
            if entity.get("type") == "person":
                own.add(name.split()[-1])
            for spelling in own:
                canonical.setdefault(fold_to_latin(spelling), name)
            spellings[entity["type"]].extend(own)
        people = frozenset(e["name"] for e in entities or [] if e.get("type") == "person" and e.get("name"))
        return cls(canonical, {k: tuple(v) for k, v in spellings.items()}, people, tuple(entities or ()))

    def gender(self, name: str) -> str | None:
        """ "m", "f" or None for the person of that canonical name (worked out on first use)."""
        if name not in self.genders:
            entity = next((e for e in self.entities if e.get("name") == name and e.get("type") == "person"), None)
            self.genders[name] = _gender(entity) if entity is not None else None
        return self.genders[name]

    def resolve(self, phrase: str) -> str | None:
        """The canonical name for a speaker phrase ("President Vladimir Putin" -> "Vladimir Putin")."""
        found = self.known(phrase)
        if found:
            return found
        words = phrase.split()
        while words and (fold_to_latin(words[0]).rstrip(".") in TITLES or fold_to_latin(words[0]) in TITLE_PREFIXES):
            words = words[1:]
        if not words or fold_to_latin(words[0]) == "the" or any(
            fold_to_latin(w) in TITLES or fold_to_latin(w) in ORG_CUES for w in words
        ):
            return None  # "The Conservative Party Co-Chairman": a description, not a name
        return " ".join(words)

    def known(self, phrase: str) -> str | None:
        """The canonical name of a phrase that ends with an entity's name, else None."""
        words = phrase.split()
        for i in range(len(words)):
            found = self.canonical.get(fold_to_latin(" ".join(words[i:])))
            if found:
                return found
        return None

    def nearest(self, text: str, end: int, pronoun: str, since: int = 0, *, subject: bool = True) -> str | None:
        """The person (for "it": organisation) a pronoun before ``end`` refers to.

        Candidates are the mentions in ``text[since:end]`` outside quotation marks whose
        gender does not contradict the pronoun's; the last one in subject position (it
        starts its sentence or follows a short opening phrase: "Speaking in London,
        Gen X said") wins over a nearer mention inside a sentence ("next to Mr Blair he
        added"); without one, or with ``subject=False``, the last mention.
        """
        pronoun = pronoun.lower()
        wrong = {"he": "f", "she": "m"}.get(pronoun)
        since = max(since, end - LOOKBACK)  # antecedents are near; keeps long documents linear
        mentions = self._mentions(text, "organization" if pronoun == "it" else "person")
        last = None
        for i in range(bisect.bisect_left(mentions, (end,)) - 1, -1, -1):
            at, stop, name, quoted = mentions[i]
            if at < since:
                break
            if quoted or (wrong and self.gender(name) == wrong):
                continue
            if not subject:
                return name
            last = last or name
            if self._subject(text, at, stop):
                return name
        return last

    def _mentions(self, text: str, kind: str) -> list[tuple[int, int, str, bool]]:
        """``(start, end, name, inside a quote)`` of every mention of a person (organisation) in ``text``,
        in order; a mention inside a longer one ("Blair" in "Mr Blair") is left out. Built once per text."""
        found = self.memo.get(kind)
        if found is not None:
            return found
        spans = []
        for spelling in set(self.spellings[kind]):
            name = self.canonical.get(fold_to_latin(spelling))
            at = text.find(spelling) if name else -1
            while at != -1:
                stop = at + len(spelling)
                if (at == 0 or not text[at - 1].isalnum()) and (stop == len(text) or not text[stop].isalnum()):
                    spans.append((at, -stop, name))
                at = text.find(spelling, at + 1)
        spans.sort()
        found, reach = [], -1
        for at, negative_stop, name in spans:
            if -negative_stop <= reach:
                continue  # inside the previous, longer mention
            reach = -negative_stop
            found.append((at, reach, name, self._inside_quote(at)))
        self.memo[kind] = found
        return found

    def _subject(self, text: str, start: int, end: int) -> bool:
        key = ("subject", start)
        if key not in self.memo:
            self.memo[key] = _subject_position(text, start, end)
        return self.memo[key]

    def _inside_quote(self, at: int) -> bool:
        return any(start <= at < stop for start, stop in self.quoted)


_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f",
                     "ms.": "f", "miss": "f", "dame": "f", "lady": "f"}
_OPENING = re.compile(r"(?:(?:^|[.!?][\"”’']?\s+|\n)(?:(?:But|And|So|Yet|However|Then),?\s+)?"
                      r"(?:[^.!?\n\"“”,]{0,60},\s+){0,2}|,?\s+but\s+|;\s+)$")
_LAST_WORD = re.compile(r"([A-Z][\w.\-]*)\s+$")


def _gender(entity: dict[str, Any]) -> str | None:
    """A person's gender from an honorific in its forms ("Mrs Lee") or its given name."""
    for form in entity.get("forms", []):
        found = _HONORIFIC_GENDER.get(fold_to_latin(form.split()[0])) if form.split() else None
        if found:
            return found
    words = entity["name"].split()
    return gazetteer().gender(words[0]) if len(words) > 1 else None


def _subject_position(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` opens its sentence (titles and a short opening
    phrase before it aside) and is not a possessive."""
    if text.startswith(("'s", "’s"), end):
        return False
    head = text[max(0, start - 120) : start]
    while (word := _LAST_WORD.search(head)) and (
        fold_to_latin(word.group(1)).rstrip(".") in TITLES or fold_to_latin(word.group(1)) in TITLE_PREFIXES
    ):
        head = head[: word.start()]  # "Gen Musharraf", "Prime Minister Tony Blair"
    if _OPENING.search(head) is not None:
        return True
    word = _LAST_WORD.search(head)  # "Farmer Chad Smith said": one describing word opens the sentence
    return word is not None and word.group(1).isalpha() and _OPENING.search(head[: word.start()]) is not None


_STEP, _OVERLAP = 500, 200
_EARLIER_SPANS = "earlier spans"  # the key of _match_spans's result in a _Speakers memo


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]``, scanning windows from the end back: a
    long paragraph is read only as far back as its last match (matches are short: ``_OVERLAP``)."""
    hi = end
    while True:
        lo = max(start, hi - _STEP)
        found = None
        for found in pattern.finditer(text, lo, min(end, hi + _OVERLAP)):  # noqa: B007 - keep the last
            pass
        if found is not None or lo == start:
            return found
        hi = lo


def _match_spans(text: str, speakers: _Speakers) -> list[tuple[list[int], list[int]]]:
    """(starts, ends) of each ``EARLIER`` pattern's matches in the whole text, found once per text."""
    found: list[tuple[list[int], list[int]]] | None = speakers.memo.get(_EARLIER_SPANS)
    if found is None:
        found = []
        for pattern in EARLIER:
            spans = [m.span() for m in pattern.finditer(text)]
            found.append(([a for a, _ in spans], [b for _, b in spans]))
        speakers.memo[_EARLIER_SPANS] = found
    return found


def _any_within(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether a match of the whole-text scan overlaps ``text[start:end]``.

    A match that :func:`_last_match` finds in that range starts inside it, where the
    whole-text scan matched too or was inside a match that overlaps it; so False means
    :func:`_last_match` finds nothing there, and the costly backward scan is skipped.
    """
    starts, ends = spans
    i = bisect.bisect_right(ends, start)  # the first match that ends after ``start``
    return i < len(starts) and starts[i] < end


def _last_word_match(text: str, word: str, since: int, end: int) -> int:
    """The start of the last whole-word occurrence of ``word`` in ``text[since:end]``, or -1."""
    at = text.rfind(word, since, end)
    while at != -1:
        after = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            return at
        at = text.rfind(word, since, at + len(word) - 1)
    return -1


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

    min_words: int = param(
        4, doc="Shorter quoted text is taken for a scare quote or a title, not a quotation.",
        validator=attrs.validators.ge(1),
    )
    window: int = param(
        160, doc="How many characters after a quote to search for its attribution.", validator=attrs.validators.ge(0)
    )
    continuation_chars: int = param(
        400, doc="A quote with no attribution of its own keeps the previous quote's speaker if that ended "
        "less than this many characters before; 0 turns this off.",
        validator=attrs.validators.ge(0),
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
        found = list(quotations(text))
        speakers = attrs.evolve(speakers, quoted=tuple((q.start, q.end) for q in found), memo={})
        for quote in found:
            inner = text[quote.start : quote.end]
            if len(inner.split()) < self.min_words:
                continue
            start = quote.start + len(inner) - len(inner.lstrip())
            stripped = inner.strip().rstrip(" ,")
            speaker = self._speaker(text, quote.open, quote.close, speakers)
            if speaker is None and quote.open - previous[0] <= self.continuation_chars:
                speaker = previous[1]
            if speaker is UNNAMED:
                speaker = None
            previous = (quote.close, speaker)
            yield {"speaker": speaker, "text": stripped, "start": start, "end": start + len(stripped)}

    def _speaker(self, text: str, qstart: int, qend: int, speakers: _Speakers) -> str | None:
        line_end = text.find("\n", qend)
        after = text[qend : min(qend + self.window, line_end if line_end != -1 else len(text))]
        if NEW_SENTENCE.match(text, qstart, qend) and CAPITAL_NEXT.match(after):
            after = ""  # '"... policy." The council said ...': what follows is another sentence
        elif after[:1] in ".!?" and CAPITAL_NEXT.match(after, 1):
            after = ""  # '"... him". He said: "...': the same, the stop outside the marks
        ends_sentence = NEW_SENTENCE.match(text, qstart, qend) is not None
        deferred = None
        for pattern in AFTER:
            found = pattern.match(after)
            if found is None or (ends_sentence and THAT.match(after, found.end())):
                continue  # '"...myself." Carpenter said that ...': a new sentence, reported speech
            if INTRODUCES.match(after, found.end()):
                # '"..." Harris added: "..."' introduces the next quote; "added" says this was his too
                deferred = deferred or (found if GOES_ON.search(found.group()) else None)
                continue
            name = self._name(found.group("name"), text, qstart, speakers)
            if name is not None:
                return name
        found = DESCRIBED_BEFORE.match(after) or SENTENCE_FINAL.match(after)
        if found and not INTRODUCES.match(after, found.end()):
            name = speakers.known(SPACE.sub(" ", found.group("name")))
            if name is not None and name in speakers.people:
                return name
        described = DESCRIBED.match(after)
        if described:
            for candidate in NAMES.finditer(described.group("rest")):
                name = speakers.known(candidate.group())
                if name is not None:
                    return name
        unnamed = UNNAMED_AFTER.match(after)
        if unnamed and AGE.search(unnamed.group().split(",")[-1].strip().rsplit(" ", 1)[0]):
            return speakers.nearest(text, qstart, "they", subject=False)  # '"...," the 34-year-old told'
        if unnamed:  # '"...," a spokesman said': attributed, to nobody named ...
            body = BODY_DOCUMENT.search(unnamed.group()) or BODY.match(unnamed.group())
            name = speakers.known(SPACE.sub(" ", body.group("name"))) if body else None
            if name is not None and name not in speakers.people:
                return name  # ... but "the World Bank report said", "the Rodong Sinmun said" name the body
            titled = self._titled_earlier(unnamed.group(), text, qstart, speakers)
            return titled or UNNAMED  # ... unless '"...", disse a secretária' names one met before
        paragraph_from = text.rfind("\n", 0, qstart) + 1
        before = text[max(paragraph_from, qstart - 300) : qstart]
        cut = SENTENCE_START.search(before)
        sentence = before[cut.end() :] if cut else before
        for pattern in BEFORE:
            found = pattern.search(sentence)
            if found:
                return self._name(found.group("name"), text, qstart, speakers)
        incise = INCISE.search(text, qstart, qend)
        if incise:
            return self._name(incise.group("name"), text, qstart, speakers)
        if BARE_VERB.match(after):  # '"...," afirmou.'
            return speakers.nearest(text, qstart, "they", since=paragraph_from)
        earliest = max(paragraph_from, qstart - LOOKBACK)  # antecedents are near: linear in long paragraphs
        latest: tuple[int, str] | None = None  # the attribution nearest the quote, whichever pattern found it
        for pattern, spans in zip(EARLIER, _match_spans(text, speakers), strict=True):
            found = _last_match(pattern, text, earliest, qstart) if _any_within(spans, earliest, qstart) else None
            if found and (latest is None or found.start() > latest[0]):
                name = self._name(found.group("name"), text, found.start(), speakers, known_only=True)
                if name is not None:
                    latest = (found.start(), name)
        if latest is not None:
            return latest[1]
        if deferred is not None:
            return self._name(deferred.group("name"), text, qstart, speakers)
        return None

    def _titled_earlier(self, attribution: str, text: str, qstart: int, speakers: _Speakers) -> str | None:
        """ "the secretary" after a quote: the person introduced earlier as "the secretary ..., Name"."""
        title = next((w for w in WORD.findall(attribution) if fold_to_latin(w) in TITLES), None)
        if title is None:
            return None
        window_start = max(0, qstart - LOOKBACK)
        at = _last_word_match(text[window_start:qstart].lower(), title.lower(), 0, qstart - window_start)
        if at == -1:
            return None
        at += window_start
        for candidate in NAMES.finditer(text, at + len(title), min(qstart, at + len(title) + 60)):
            name = speakers.known(candidate.group())
            if name is not None and name in speakers.people:
                return name
        return None

    def _name(
        self, phrase: str, text: str, at: int, speakers: _Speakers, *, known_only: bool = False
    ) -> str | None:
        phrase = SPACE.sub(" ", phrase).strip()
        words = phrase.split()
        for i, word in enumerate(words[:-1]):  # "McIlroy. New ..." ends at the sentence end
            if word.endswith(".") and len(word) > 3 and fold_to_latin(word[:-1]) not in TITLES:
                phrase = " ".join(words[: i + 1])
                break
        phrase = phrase.removesuffix("'s").removesuffix("’s").rstrip(".,")
        if phrase.lower() in ("he", "she", "it"):
            return speakers.nearest(text, at, phrase)
        if known_only:
            return speakers.known(phrase)
        return speakers.resolve(phrase)
