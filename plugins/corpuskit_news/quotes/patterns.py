"""The patterns ``news.quotes`` reads attributions with: speech verbs, names, and where they stand.

Speech verbs and "according to" in English, German, French, Spanish, Italian, Dutch,
Portuguese and Russian; a name is up to six capitalised words (joined by of/de/van/von).
``AFTER``, ``DESCRIBED_BEFORE``, ``SENTENCE_FINAL``, ``DESCRIBED``, ``UNNAMED_AFTER`` and
``BARE_VERB`` are matched right after a quotation's closing mark; ``BEFORE`` is searched in
the sentence before it, ``EARLIER`` in the paragraph before it, ``INCISE`` inside it.
"""

from __future__ import annotations

import re

__all__ = [
    "ACCORDING",
    "ADVERB",
    "AFTER",
    "AGE",
    "ARTICLE",
    "ATTRIBUTED",
    "BARE_VERB",
    "BEFORE",
    "BODY",
    "BODY_DOCUMENT",
    "CAP",
    "CAPITAL_NEXT",
    "CLOSE",
    "CLOSING",
    "DESCRIBED",
    "DESCRIBED_BEFORE",
    "EARLIER",
    "GOES_ON",
    "INCISE",
    "INTRODUCES",
    "LEAD",
    "LOOKBACK",
    "NAME",
    "NAMES",
    "NEW_SENTENCE",
    "OPEN",
    "PRONOUN",
    "SENTENCE_FINAL",
    "SENTENCE_START",
    "SPACE",
    "THAT",
    "UNNAMED",
    "UNNAMED_AFTER",
    "VERBS",
    "WORD",
]

VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|affirmed|affirms|asserted|stressed|"
    r"noted|notes|explained|explains|warned|warns|wrote|writes|argued|argues|insisted|insists|"
    r"claimed|claims|declared|announced|acknowledged|remarked|replied|asked|asks|commented|"
    r"continued|urged|emphasi[sz]ed|emphasi[sz]es|recalled|admitted|conceded|suggested|predicted|"
    r"concluded|tweeted|posted|testified|observed|agreed|cautioned|complained|confirmed|saying|telling|"
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
ACCORDING = (
    r"(?:[Aa]ccording[ \t]+to|[Ss]egún|[Ss]egundo|[Ll]aut|[Ss]elon|[Vv]olgens|[Ss]econdo"
    r"|[Dd]e[ \t]+acordo[ \t]+com)"
)
CAP = r"[A-ZÀ-ÞА-Я][\w'’.\-]*"
NAME = rf"(?:{CAP}(?:[ \t]+(?:of[ \t]+|de[ \t]+|van[ \t]+|von[ \t]+)?{CAP}){{0,5}})"
PRONOUN = r"(?:he|she|it|He|She|It)"
OPEN, CLOSE = "“\"„«", "”\"“»"
CLOSING = rf"(?:[{CLOSE}]|''|’’)"  # a closing mark, two single marks typed for one included
SPACE = re.compile(r"\s+")
LEAD = rf"[,.!?]?[{CLOSE}]?,?[ \t]*(?:[—–][ \t]*)?"
ADVERB = (
    r"(?:(?:also|then|later|once|has|have|had|(?!only\b|family\b|early\b)[a-z]{2,}ly)[ \t]+){0,3}"
)
"""Up to three of "also", "then", "has", "recently" ... between a speaker and the verb."""
AFTER = [
    re.compile(rf"{LEAD}(?:{VERBS})[ \t]+(?P<name>{NAME}|{PRONOUN})\b"),
    re.compile(rf"{LEAD}(?P<name>{NAME}|{PRONOUN})[ \t]+{ADVERB}(?:{VERBS})\b"),
    re.compile(rf"{LEAD}{ACCORDING}[ \t]+(?P<name>{NAME})"),
    # '"...," Peter Lang, chief executive of Lumatek, said': the name, a description between commas, the verb
    re.compile(rf"{LEAD}(?P<name>{NAME}),[ \t]+[^,\n{OPEN}{CLOSE}]{{1,80}},[ \t]+{ADVERB}(?:{VERBS})\b"),
    # '"...," the play's organiser in Uganda, Sarah Mukasa, told ...': a description, then the name between commas
    re.compile(rf"{LEAD}(?:the|a|an|his|her|its|their)[ \t]+[^,\n{OPEN}{CLOSE}]{{1,60}},[ \t]+(?P<name>{NAME}),"
               rf"[ \t]+{ADVERB}(?:{VERBS})\b"),
]
# '"...," the Rodong Sinmun said': a body named with its article.
BODY = re.compile(rf"{LEAD}the[ \t]+(?P<name>{NAME})[ \t]+{ADVERB}(?:{VERBS})\b")
# '"...," the World Bank report said': a named body's document speaks for the body.
BODY_DOCUMENT = re.compile(
    rf"(?P<name>{NAME})(?:['’]s)?[ \t]+(?:report|statement|study|survey|ruling|letter|document|paper|analysis"
    r"|review|release|filing|judgment|judgement|verdict)\b"
)
# A description before the name: '"...," EPP spokesman Alexander Radwan said' (a known person only).
DESCRIBED_BEFORE = re.compile(
    rf"{LEAD}(?:{NAME}[ \t]+)?(?:[a-z][\w'’\-]*[ \t]+){{1,3}}(?P<name>{NAME})[ \t]+{ADVERB}(?:{VERBS})\b"
)
# The attribution closes the sentence the quote is in: 'X had "no other course of action" but to
# ask him to leave, lead singer Gary Lightbody has said.'
SENTENCE_FINAL = re.compile(
    rf"[^.!?\n{OPEN}{CLOSE}]{{0,160}}?,[ \t]+(?:[\w'’\-]+[ \t]+){{0,4}}?(?P<name>{NAME})[ \t]+{ADVERB}"
    rf"(?:{VERBS})[ \t]*[.!?]"
)
# An attribution followed by a colon or a quote mark introduces the next quote ('". He said: "...').
INTRODUCES = re.compile(rf"[ \t]*(?:[:{OPEN}]|,[ \t]*[{OPEN}])")
THAT = re.compile(r"[ \t]+that\b")
GOES_ON = re.compile(r"\b(?:added|adds|continued|went on)\b")
# "the 34-year-old told ...": an age stands for the person talked about, like a pronoun.
AGE = re.compile(r"(?:[Tt]he[ \t]+)?\d{1,3}-year-old$")
# A description between the verb and the name: "said county agriculture officer Peter Musyoka",
# "said the group's chairwoman, Esther Nduku": the first known person or organisation in the
# rest of the sentence.
DESCRIBED = re.compile(rf"{LEAD}(?:{VERBS})\b(?P<rest>[^.!?\n{OPEN}{CLOSE}]{{1,120}})")
NAMES = re.compile(NAME)
LOOKBACK = 3000
"""How far back (characters) a pronoun or a title looks for the person it refers to."""
NEW_SENTENCE = re.compile(rf"[^\n]*[.!?]{CLOSING}")
CAPITAL_NEXT = re.compile(r"[ \t]+(?:The|A|An|[A-Z][a-z]+[ \t]+[A-Z])")
WORD = re.compile(r"[^\W\d_]+")
ARTICLE = r"(?:a|an|the|one|um|uma|o|un|una|le|la|il|lo|der|die|das|de|het|een|ein|eine)"
UNNAMED_AFTER = re.compile(
    rf"{LEAD}{ARTICLE}[ \t]+(?:[\w'’\-]+[ \t]+){{0,5}}?(?:{VERBS})\b"
    rf"|{LEAD}(?:{VERBS})[ \t]+{ARTICLE}\b(?:[ \t]+[^\W\d_][\w\-]*)?"
)
UNNAMED = "\x00unnamed"
"""Marks a quote attributed to someone not named; it ends as speaker null, not continued."""
BARE_VERB = re.compile(rf"{LEAD}(?:{VERBS})[ \t]*[.!?]")
# Searched (not matched) patterns start at a word boundary: the scan then skips the inside of words.
BEFORE = [
    re.compile(rf"\b(?P<name>{NAME}|{PRONOUN})(?:,[^,]{{1,60}},)?[ \t]+{ADVERB}"
               rf"(?:{VERBS})\b[^.!?{OPEN}{CLOSE}]{{0,120}}$"),
    re.compile(rf"\b{ACCORDING}[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?P<name>{NAME})"
               rf"[^.!?{OPEN}{CLOSE}]{{0,80}}$"),
]
# Attribution anywhere in the paragraph before the quote ("Her advice, she said, is ...").
EARLIER = [
    re.compile(rf"\b(?P<name>{NAME}|{PRONOUN})(?:,[^,]{{1,60}},)?[ \t]+{ADVERB}(?:{VERBS})\b"),
    re.compile(rf"\b(?!(?:told|tells|telling|asked|asks)\b)(?:{VERBS})[ \t]+(?P<name>{NAME})"),  # "told X": X listens
    re.compile(rf"\b{ACCORDING}[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?P<name>{NAME})"),
]
# "« ..., raconte Karim Benali, l'un des fondateurs. ... »": the attribution inside the quote.
INCISE = re.compile(rf",[ \t]+(?:{VERBS})[ \t]+(?P<name>{NAME})")
# Every attribution in a text that names its speaker ("Kheradpir said", '"...," said Jo Roe'): the
# people the entity stage missed are still people a later "he said" can refer to.
ATTRIBUTED = re.compile(
    rf"\b(?P<name>{NAME})[ \t]+{ADVERB}(?:said|says|added|adds|told|tells|explained|wrote|writes)\b"
    rf"|[,.!?][{CLOSE}][ \t]*(?:said|says|added|adds|wrote|writes)[ \t]+(?P<after>{NAME})"
)
SENTENCE_START = re.compile(rf"(?:[.!?]{CLOSING}?\s+|\n)(?=[^.!?\n]*$)")
