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
from corpuskit_news.gazetteer import ORG_CUES, TITLE_PREFIXES, TITLES, fold
from corpuskit_news.quote_marks import quotations

__all__ = ["NewsQuotes"]

_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|affirmed|affirms|asserted|stressed|"
    r"noted|notes|explained|explains|warned|warns|wrote|writes|argued|argues|insisted|insists|"
    r"claimed|claims|declared|announced|acknowledged|remarked|replied|asked|asks|commented|"
    r"continued|urged|emphasi[sz]ed|emphasi[sz]es|recalled|admitted|conceded|suggested|predicted|"
    r"concluded|tweeted|posted|testified|observed|agreed|cautioned|complained|confirmed|"
    r"pointed out|went on|responded|reiterated|promised|vowed|recounted|revealed|"
    # de, fr, es, it, nl, pt
    r"sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|"
    r"a dit|dit|déclare|a déclaré|raconte|témoigne|estime|assure|explique|affirme|souligne|ajoute|"
    r"précise|indique|"
    r"dijo|afirmó|advirtió|señaló|explicó|aseguró|declaró|indicó|añadió|apuntó|"
    r"ha detto|ha spiegato|ha dichiarato|ha affermato|ha aggiunto|dice|spiega|afferma|"
    r"zegt|zei|vertelt|vertelde|aldus|"
    r"disse|afirmou|declarou|explicou|diz|afirma|ressaltou|destacou|contou|conta|relatou|lembrou|"
    r"acrescentou|contó|relató|agregó|sostuvo|ha raccontato|racconta|erzählt|erzählte|berichtet|"
    r"confie|poursuit|note|"
    r"сказал|сказала|рассказал|рассказала|заявил|заявила|отметил|отметила|добавил|добавила|пояснил|пояснила)"
)
_ACCORDING = (
    r"(?:[Aa]ccording[ \t]+to|[Ss]egún|[Ss]egundo|[Ll]aut|[Ss]elon|[Vv]olgens|[Ss]econdo"
    r"|[Dd]e[ \t]+acordo[ \t]+com)"
)
_CAP = r"[A-ZÀ-ÞА-Я][\w'’.\-]*"
_NAME = rf"(?:{_CAP}(?:[ \t]+(?:of[ \t]+|de[ \t]+|van[ \t]+|von[ \t]+)?{_CAP}){{0,5}})"
_PRONOUN = r"(?:he|she|it|He|She|It)"
_OPEN, _CLOSE = "“\"„«", "”\"“»"
_SPACE = re.compile(r"\s+")
_LEAD = rf"[,.!?]?[{_CLOSE}]?,?[ \t]*(?:[—–][ \t]*)?"
_ADVERB = r"(?:also[ \t]+|then[ \t]+|later[ \t]+|once[ \t]+)?"
_AFTER = [
    re.compile(rf"{_LEAD}(?:{_VERBS})[ \t]+(?P<name>{_NAME}|{_PRONOUN})\b"),
    re.compile(rf"{_LEAD}(?P<name>{_NAME}|{_PRONOUN})[ \t]+{_ADVERB}(?:{_VERBS})\b"),
    re.compile(rf"{_LEAD}{_ACCORDING}[ \t]+(?P<name>{_NAME})"),
]
# A description between the verb and the name: "said county agriculture officer Peter Musyoka",
# "said the group's chairwoman, Esther Nduku": the first known person or organisation in the
# rest of the sentence.
_DESCRIBED = re.compile(rf"{_LEAD}(?:{_VERBS})\b(?P<rest>[^.!?\n{_OPEN}{_CLOSE}]{{1,120}})")
_NAMES = re.compile(_NAME)
LOOKBACK = 3000
"""How far back (characters) a pronoun or a title looks for the person it refers to."""
_NEW_SENTENCE = re.compile(rf"[^\n]*[.!?][{_CLOSE}]")
_CAPITAL_NEXT = re.compile(r"[ \t]+(?:The|A|An|[A-Z][a-z]+[ \t]+[A-Z])")
_WORD = re.compile(r"[^\W\d_]+")
_ARTICLE = r"(?:a|an|the|one|um|uma|o|un|una|le|la|il|lo|der|die|das|de|het|een|ein|eine)"
_UNNAMED = re.compile(
    rf"{_LEAD}{_ARTICLE}[ \t]+(?:[\w'’\-]+[ \t]+){{0,5}}?(?:{_VERBS})\b"
    rf"|{_LEAD}(?:{_VERBS})[ \t]+{_ARTICLE}\b(?:[ \t]+[^\W\d_][\w\-]*)?"
)
UNNAMED = "\x00unnamed"
"""Marks a quote attributed to someone not named; it ends as speaker null, not continued."""
_BARE_VERB = re.compile(rf"{_LEAD}(?:{_VERBS})[ \t]*[.!?]")
_BEFORE = [
    re.compile(rf"(?P<name>{_NAME}|{_PRONOUN})(?:,[^,]{{1,60}},)?[ \t]+{_ADVERB}"
               rf"(?:{_VERBS})\b[^.!?{_OPEN}{_CLOSE}]{{0,120}}$"),
    re.compile(rf"{_ACCORDING}[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?P<name>{_NAME})[^.!?{_OPEN}{_CLOSE}]{{0,80}}$"),
]
# Attribution anywhere in the paragraph before the quote ("Her advice, she said, is ...").
_EARLIER = [
    re.compile(rf"(?P<name>{_NAME}|{_PRONOUN})(?:,[^,]{{1,60}},)?[ \t]+{_ADVERB}(?:{_VERBS})\b"),
    re.compile(rf"(?:{_VERBS})[ \t]+(?P<name>{_NAME})"),
    re.compile(rf"{_ACCORDING}[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?P<name>{_NAME})"),
]
# "« ..., raconte Karim Benali, l'un des fondateurs. ... »": the attribution inside the quote.
_INCISE = re.compile(rf",[ \t]+(?:{_VERBS})[ \t]+(?P<name>{_NAME})")
_SENTENCE_START = re.compile(rf"(?:[.!?][{_CLOSE}]?\s+|\n)(?=[^.!?\n]*$)")


@attrs.frozen
class _Speakers:
    """Name lookups built from ``meta["entities"]``: spelling -> canonical name, by type."""

    canonical: dict[str, str]
    spellings: dict[str, tuple[str, ...]]
    people: frozenset[str]

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
                canonical.setdefault(fold(spelling), name)
            spellings[entity["type"]].extend(own)
        people = frozenset(e["name"] for e in entities or [] if e.get("type") == "person" and e.get("name"))
        return cls(canonical, {k: tuple(v) for k, v in spellings.items()}, people)

    def resolve(self, phrase: str) -> str | None:
        """The canonical name for a speaker phrase ("President Vladimir Putin" -> "Vladimir Putin")."""
        found = self.known(phrase)
        if found:
            return found
        words = phrase.split()
        while words and (fold(words[0]).rstrip(".") in TITLES or fold(words[0]) in TITLE_PREFIXES):
            words = words[1:]
        if not words or fold(words[0]) == "the" or any(fold(w) in TITLES or fold(w) in ORG_CUES for w in words):
            return None  # "The Conservative Party Co-Chairman": a description, not a name
        return " ".join(words)

    def known(self, phrase: str) -> str | None:
        """The canonical name of a phrase that ends with an entity's name, else None."""
        words = phrase.split()
        for i in range(len(words)):
            found = self.canonical.get(fold(" ".join(words[i:])))
            if found:
                return found
        return None

    def nearest(self, text: str, end: int, pronoun: str, since: int = 0) -> str | None:
        """The last person (or, for "it", organisation) mentioned in ``text[since:end]``."""
        kind = "organization" if pronoun.lower() == "it" else "person"
        since = max(since, end - LOOKBACK)  # antecedents are near; keeps long documents linear
        best, best_at = None, -1
        for spelling in self.spellings[kind]:
            at = _last_word_match(text, spelling, since, end)
            if at > best_at or (at == best_at and best is not None and len(spelling) > len(best)):
                best, best_at = spelling, at
        return self.canonical.get(fold(best)) if best is not None and best_at >= 0 else None


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
        for quote in quotations(text):
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
        if _NEW_SENTENCE.match(text, qstart, qend) and _CAPITAL_NEXT.match(after):
            after = ""  # '"... policy." The council said ...': what follows is another sentence
        for pattern in _AFTER:
            found = pattern.match(after)
            if found:
                name = self._name(found.group("name"), text, qstart, speakers)
                if name is not None:
                    return name
        described = _DESCRIBED.match(after)
        if described:
            for candidate in _NAMES.finditer(described.group("rest")):
                name = speakers.known(candidate.group())
                if name is not None:
                    return name
        unnamed = _UNNAMED.match(after)
        if unnamed:  # '"...," a spokesman said': attributed, to nobody named ...
            titled = self._titled_earlier(unnamed.group(), text, qstart, speakers)
            return titled or UNNAMED  # ... unless '"...", disse a secretária' names one met before
        paragraph_from = text.rfind("\n", 0, qstart) + 1
        before = text[max(paragraph_from, qstart - 300) : qstart]
        cut = _SENTENCE_START.search(before)
        sentence = before[cut.end() :] if cut else before
        for pattern in _BEFORE:
            found = pattern.search(sentence)
            if found:
                return self._name(found.group("name"), text, qstart, speakers)
        incise = _INCISE.search(text, qstart, qend)
        if incise:
            return self._name(incise.group("name"), text, qstart, speakers)
        if _BARE_VERB.match(after):  # '"...," afirmou.'
            return speakers.nearest(text, qstart, "he", since=paragraph_from)
        for pattern in _EARLIER:
            found = None
            for found in pattern.finditer(text, paragraph_from, qstart):  # noqa: B007 - keep the last
                pass
            if found:
                name = self._name(found.group("name"), text, found.start(), speakers, known_only=True)
                if name is not None:
                    return name
        return None

    def _titled_earlier(self, attribution: str, text: str, qstart: int, speakers: _Speakers) -> str | None:
        """ "the secretary" after a quote: the person introduced earlier as "the secretary ..., Name"."""
        title = next((w for w in _WORD.findall(attribution) if fold(w) in TITLES), None)
        if title is None:
            return None
        window_start = max(0, qstart - LOOKBACK)
        at = _last_word_match(text[window_start:qstart].lower(), title.lower(), 0, qstart - window_start)
        if at == -1:
            return None
        at += window_start
        for candidate in _NAMES.finditer(text, at + len(title), min(qstart, at + len(title) + 60)):
            name = speakers.known(candidate.group())
            if name is not None and name in speakers.people:
                return name
        return None

    def _name(
        self, phrase: str, text: str, at: int, speakers: _Speakers, *, known_only: bool = False
    ) -> str | None:
        phrase = _SPACE.sub(" ", phrase).strip()
        words = phrase.split()
        for i, word in enumerate(words[:-1]):  # "McIlroy. New ..." ends at the sentence end
            if word.endswith(".") and len(word) > 3 and fold(word[:-1]) not in TITLES:
                phrase = " ".join(words[: i + 1])
                break
        phrase = phrase.removesuffix("'s").removesuffix("’s").rstrip(".,")
        if phrase.lower() in ("he", "she", "it"):
            return speakers.nearest(text, at, phrase)
        if known_only:
            return speakers.known(phrase)
        return speakers.resolve(phrase)
