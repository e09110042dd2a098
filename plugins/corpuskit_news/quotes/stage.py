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
from corpuskit_news.entities.gazetteer import TITLES, gazetteer
from corpuskit_news.quotes.described import described_speaker
from corpuskit_news.quotes.marks import quotations
from corpuskit_news.quotes.patterns import (
    AFTER,
    AGE,
    BARE_VERB,
    BEFORE,
    BODY,
    BODY_DOCUMENT,
    CAPITAL_NEXT,
    CLOSE,
    DESCRIBED,
    DESCRIBED_BEFORE,
    DESCRIPTION_BEFORE,
    DESCRIPTION_FINAL,
    EARLIER,
    ENDS_SENTENCE,
    GOES_ON,
    INCISE,
    INDEFINITE_SUBJECT,
    INTERRUPTS,
    INTRODUCES,
    LOOKBACK,
    NAME_ALONE,
    NAMES,
    NEW_SENTENCE,
    OPEN,
    PARTICIPLE_OPENS,
    POSSESSIVE_PRONOUN_OPENS,
    ROLE_AFTER,
    SENTENCE_END,
    SENTENCE_FINAL,
    SPACE,
    SUBJECT,
    SUBJECT_AFTER,
    SUBJECTLESS,
    THAT,
    UNNAMED,
    UNNAMED_AFTER,
    VERB_WORDS,
    WORD,
)
from corpuskit_news.quotes.speakers import LAST_SPEAKER, Speakers, clean_phrase
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["NewsQuotes"]



_STEP, _OVERLAP = 500, 200
_EARLIER_SPANS = "earlier spans"  # the key of _match_spans's result in a Speakers memo


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


def _match_spans(text: str, speakers: Speakers) -> list[tuple[list[int], list[int]]]:
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


_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by", "with", "from", "as"]
)


def _is_title(inner: str) -> bool:
    """Whether quoted words are a title ("10 People Who Don't Matter List", "From the Halls of
    Montezuma to the Shores of Tripoli"): every word but short function words capitalised, one phrase."""
    words = inner.strip().rstrip(".,").split()
    if any(ch in inner.strip().rstrip(".,!?") for ch in ".!?;:"):
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(content) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _modifies_a_role(text: str, end: int) -> bool:
    """Whether the name ending at ``text[end]`` only says whose role follows ("the WSIS spokesman")."""
    role = _NEXT_WORD.match(text, end)
    return role is not None and _is_role(role.group(1))


_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w\-]*)")


def _is_role(word: str) -> bool:
    """Whether a lowercase word names what a person is ("head", "spokeswoman", "economist")."""
    key = fold_to_latin(word)
    return key in TITLES or key in gazetteer().occupations


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
        speakers = Speakers.from_entities(doc.meta.get("entities") or [])
        quotes = list(self.find(doc.text, speakers))
        ctx.count("quotes", len(quotes))
        ctx.count("attributed", sum(q["speaker"] is not None for q in quotes))
        return doc.with_meta(quotes=quotes)

    def find(self, text: str, speakers: Speakers) -> Iterator[dict[str, Any]]:
        """The quotations of ``text`` in order."""
        previous: tuple[int, str | None] = (-(10**9), None)
        found = list(quotations(text))
        if not found:
            return
        speakers = speakers.for_text(text, tuple((q.start, q.end) for q in found))
        for quote in found:
            inner = text[quote.start : quote.end]
            if len(inner.split()) < self.min_words or _is_title(inner):
                continue
            start = quote.start + len(inner) - len(inner.lstrip())
            stripped = inner.strip().rstrip(" ,")
            speaker = self._speaker(text, quote.open, quote.close, speakers)
            if speaker is None and quote.open - previous[0] <= self.continuation_chars:
                speaker = previous[1]
            speakers.memo[LAST_SPEAKER] = (quote.open, speaker)
            if speaker is UNNAMED:
                speaker = None
            previous = (quote.close, speaker)
            yield {"speaker": speaker, "text": stripped, "start": start, "end": start + len(stripped)}

    def _speaker(self, text: str, qstart: int, qend: int, speakers: Speakers) -> str | None:
        line_end = text.find("\n", qend)
        after = text[qend : min(qend + self.window, line_end if line_end != -1 else len(text))]
        if NEW_SENTENCE.match(text, qstart, qend) and CAPITAL_NEXT.match(after):
            after = ""  # '"... policy." The council said ...': what follows is another sentence
        elif after[:1] in ".!?" and CAPITAL_NEXT.match(after, 1):
            after = ""  # '"... him". He said: "...': the same, the stop outside the marks
        ends_sentence = NEW_SENTENCE.match(text, qstart, qend) is not None
        deferred = None
        role = ROLE_AFTER.match(after)
        if role and (not _is_role(role.group("role").split()[-1])
                     or ENDS_SENTENCE.search(role.group(), 0, role.start("role"))):
            role = None  # '"...," sagte Landrat Kruse bei der Vorstellung': no role word before a name
        name = self._person(role.group("name"), text, qstart, speakers) if role else None
        if name is not None:
            return name
        for pattern in AFTER:
            found = pattern.match(after)
            if found is None or (ends_sentence and THAT.match(after, found.end())):
                continue  # '"...myself." Carpenter said that ...': a new sentence, reported speech
            if INTRODUCES.match(after, found.end()) and not INTERRUPTS.match(after, found.end()):
                # '"..." Harris added: "..."' introduces the next quote; "added" says this was his too
                deferred = deferred or (found if GOES_ON.search(found.group()) else None)
                continue
            name = self._name(found.group("name"), text, qstart, speakers)
            if name is not None:
                return name
        alone = NAME_ALONE.match(after)
        if alone and (alone.group("name").endswith(".") or after[alone.end() - 1 :][:1] in OPEN):
            name = speakers.known(alone.group("name").rstrip(". "), text, qstart)
            if name is not None and name in speakers.people:
                return name
        found = DESCRIBED_BEFORE.match(after) or SENTENCE_FINAL.match(after)
        if found and not INTRODUCES.match(after, found.end()):
            name = speakers.known(SPACE.sub(" ", found.group("name")))
            if name is not None and name in speakers.people:
                return name
        final = DESCRIPTION_FINAL.match(after)
        if final is not None:
            name = described_speaker(final.group("desc"), text, qend + final.start("desc"), speakers)
            if name is not None:
                return name
        described = DESCRIBED.match(after)
        if described:
            rest = described.group("rest")
            for candidate in NAMES.finditer(rest):
                name = speakers.known(candidate.group())
                if name is not None and not _modifies_a_role(rest, candidate.end()):
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
            if titled is not None:
                return titled  # ... unless '"...", disse a secretária' names one met before
            description = VERB_WORDS.sub(" ", unnamed.group()).strip(" \t,.!?—–" + CLOSE)
            return described_speaker(description, text, qend, speakers) or UNNAMED  # or 'the company said'
        paragraph_from = text.rfind("\n", 0, qstart) + 1
        name = self._before(text, qstart, qend, paragraph_from, speakers)
        if name is not None:
            return name
        incise = INCISE.search(text, qstart, qend)
        if incise:
            return self._name(incise.group("name"), text, qstart, speakers)
        if BARE_VERB.match(after):  # '"...," afirmou.'
            return speakers.nearest(text, qstart, "they", since=paragraph_from)
        previous = speakers.memo.get(LAST_SPEAKER)
        if previous is not None and previous[0] >= paragraph_from and previous[1] not in (None, UNNAMED):
            return None  # a run of quotes in one paragraph: the earlier attribution was the previous quote's
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

    def _before(self, text: str, qstart: int, qend: int, paragraph_from: int, speakers: Speakers) -> str | None:
        """The speaker an attribution in the sentence before the quote names (UNNAMED: someone not named)."""
        window = max(paragraph_from, qstart - 600)
        cut = _last_match(SENTENCE_END, text, window, qstart)
        sentence_at = cut.end() if cut else window
        sentence = text[sentence_at:qstart]
        for pattern in BEFORE:
            found = pattern.search(sentence)
            if found and found.groupdict().get("bare") and speakers.known(found.group("name")) not in speakers.people:
                continue  # "The senator, Tom Reid, added:" but not "... at West Point, said"
            if found:  # a pronoun refers back from where it stands, not from the quote
                name = self._name(found.group("name"), text, sentence_at + found.start("name"), speakers)
                if name is None and found.group("name").lower() not in ("he", "she", "it"):
                    return UNNAMED  # an attribution to someone not known: not the previous speaker's
                return name
        if (possessive := POSSESSIVE_PRONOUN_OPENS.match(sentence)) is not None:
            pronoun = "he" if possessive.group("name") == "His" else "she"
            return speakers.nearest(text, sentence_at + possessive.start("name"), pronoun)
        if INDEFINITE_SUBJECT.match(sentence) and not any(
            speakers.known(name.group()) in speakers.people for name in NAMES.finditer(sentence)
        ):
            return UNNAMED  # ... but 'One of the fans, Jo Roe, said: "..."' names her
        if SUBJECTLESS.search(sentence) and (subject := SUBJECT.match(sentence)):
            name = self._name(subject.group("name"), text, sentence_at + subject.start("name"), speakers,
                              known_only=True)
            if name is not None:
                return name
        if PARTICIPLE_OPENS.search(sentence) and (after := SUBJECT_AFTER.match(text, qend)):
            name = self._person(after.group("name"), text, after.start("name"), speakers)
            if name is not None:
                return name
        described = DESCRIPTION_BEFORE.search(sentence)
        if described is not None:
            return described_speaker(described.group("desc"), text, sentence_at + described.start(), speakers)
        return None

    def _titled_earlier(self, attribution: str, text: str, qstart: int, speakers: Speakers) -> str | None:
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
        self, phrase: str, text: str, at: int, speakers: Speakers, *, known_only: bool = False
    ) -> str | None:
        phrase = clean_phrase(phrase)
        if phrase.lower() in ("he", "she", "it"):
            return speakers.nearest(text, at, phrase)
        if known_only:
            return speakers.known(phrase, text, at)
        return speakers.resolve(phrase, text, at)

    def _person(self, phrase: str, text: str, at: int, speakers: Speakers) -> str | None:
        """The person a name stands for: a known person, or an unknown name of two words or more."""
        phrase = SPACE.sub(" ", phrase).strip().rstrip(".,")
        name = speakers.known(phrase, text, at)
        if name is not None:
            return name if name in speakers.people else None
        name = speakers.resolve(phrase)
        return name if name is not None and len(name.split()) > 1 else None
