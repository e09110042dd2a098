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
    "ABBREVIATION_STOP",
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
    "DESCRIPTION_BEFORE",
    "DESCRIPTION_FINAL",
    "EARLIER",
    "ENDS_SENTENCE",
    "GOES_ON",
    "INCISE",
    "INDEFINITE_SUBJECT",
    "INTERRUPTS",
    "INTRODUCES",
    "LEAD",
    "LOOKBACK",
    "NAME",
    "NAMES",
    "NAME_AFTER_QUOTE",
    "NAME_ALONE",
    "NAME_BEFORE",
    "NAMING",
    "NEW_SENTENCE",
    "OPEN",
    "PARTICIPLE_OPENS",
    "POSSESSIVE_PRONOUN_OPENS",
    "PRONOUN",
    "QUOTE_BEFORE",
    "ROLE_AFTER",
    "SENTENCE_END",
    "SENTENCE_FINAL",
    "SPACE",
    "SUBJECT",
    "SUBJECTLESS",
    "SUBJECT_AFTER",
    "TAIL",
    "THAT",
    "UNNAMED",
    "UNNAMED_AFTER",
    "VERBS",
    "VERB_WORDS",
    "WORD",
]

VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|affirmed|affirms|asserted|stressed|"
    r"noted|notes|explained|explains|warned|warns|wrote|writes|argued|argues|insisted|insists|"
    r"claimed|claims|declared|announced|acknowledged|remarked|replied|asked|asks|commented|"
    r"continued|urged|emphasi[sz]ed|emphasi[sz]es|recalled|admitted|conceded|suggested|predicted|"
    r"concluded|tweeted|posted|testified|observed|agreed|cautioned|complained|confirmed|saying|telling|"
    r"pointed out|went on|responded|reiterated|promised|vowed|recounted|revealed|"
    r"disagreed|countered|retorted|objected|protested|quipped|joked|shouted|pleaded|boasted|lamented|"
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
    # '"...," Patrol Chief Jo Hall with the Metro Police said': the speaker's employer after a preposition
    re.compile(rf"{LEAD}(?P<name>{NAME})[ \t]+(?:of|with|at|from|for)[ \t]+(?:the[ \t]+)?{NAME}[ \t]+{ADVERB}"
               rf"(?:{VERBS})\b"),
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
# '"First part," Givati says, "second part."': an attribution between two halves of one quotation.
INTERRUPTS = re.compile(rf",[ \t]*[{OPEN}]")
# '"...," said NOAA head Jane Lubchenco': the organisation, a role, then the person who spoke.
ROLE_AFTER = re.compile(rf"{LEAD}(?:{VERBS})[ \t]+(?:the[ \t]+)?{NAME}(?:['’]s)?"
                        rf"(?P<role>(?:[ \t]+[a-z][\w'’\-]*){{1,3}})[ \t]+(?P<name>{NAME})")
# '"...," said McIlroy. New coach Tony Lester ...': a sentence ended after the first name.
ENDS_SENTENCE = re.compile(r"[a-z]\.\s")
# '"We have to start somewhere." Kheradpir. "And ..."': a speaker's name alone after the quote.
NAME_ALONE = re.compile(rf"{LEAD}(?P<name>{NAME})[ \t]*(?:[{OPEN}]|$)")
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
ABBREVIATION_STOP = r"(?<=\b[A-Z])\.|(?<=\b(?:Mr|Ms|Dr|Jr|Sr|St))\.|(?<=\b(?:Mrs|Rep|Sen|Gov|Gen))\."
"""The stop of an initial or an abbreviation ("U.S.", "Rep."): no sentence end."""
TAIL = rf"(?:[^.!?{OPEN}{CLOSE}]|{ABBREVIATION_STOP})"
"""Text up to the quote with no sentence end or quote mark in it ("U.S." allowed)."""
NAMING = r"(?:called|calls|described|describes|branded|brands|dubbed|labell?ed|termed)"
"""Verbs that quote what someone calls a thing: 'X called the rules "an injustice"'."""
BEFORE = [
    re.compile(rf"\b(?!(?:The|A|An)\b)(?P<name>{NAME}|{PRONOUN})(?:,[^,]{{1,60}},|(?P<bare>,))?[ \t]+"
               rf"{ADVERB}(?:{VERBS}|{NAMING})\b{TAIL}{{0,160}}$"),
    re.compile(rf"\b{ACCORDING}[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?P<name>{NAME})"
               rf"{TAIL}{{0,80}}$"),
    # 'was described by Steve Jobs as "..."': the speaker as the agent of a passive verb.
    re.compile(rf"\b(?:described|called|branded|dubbed|labell?ed|quoted)[ \t]+by[ \t]+(?P<name>{NAME})"
               rf"[ \t]+as[ \t]+{TAIL}{{0,40}}$"),
    # 'Zuckerberg's initial vision, "..."', 'Facebook's motto, "..."': a possessive then what was said.
    re.compile(rf"\b(?P<name>{NAME})['’]s[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,2}}(?:vision|motto|slogan|words|message"
               rf"|promise|pledge|mantra|credo|answer|reply|response|advice|verdict|description),[ \t]*$"),
]
# 'His Facebook page includes posts introducing "..."': the writing of the person last named.
POSSESSIVE_PRONOUN_OPENS = re.compile(
    rf"[ \t]*(?P<name>His|Her)[ \t]+(?:[\w'’\-]+[ \t]+){{0,3}}?(?:page|account|posts?|letter|statement|website"
    rf"|blog|book|memo|note|message|tweets?|video|speech|campaign|office|site|ad|advert)\b{TAIL}{{0,160}}$"
)
# 'A spokesman for the summit (WSIS), which meets in Geneva, told the BBC: "..."': a sentence whose
# subject is someone not named, however long the description.
INDEFINITE_SUBJECT = re.compile(
    rf"[ \t]*(?:A|An|One)[ \t]+[a-z][\w\-]*\b(?:[^.!?{OPEN}{CLOSE}]|{ABBREVIATION_STOP}){{0,200}}?\b(?:{VERBS})\b"
    rf"{TAIL}{{0,160}}$"
)
# 'A spokesman for the service said: "..."', 'the Facebook founder said, "..."': a description speaks.
DESCRIPTION_BEFORE = re.compile(rf"\b(?P<desc>(?:[Tt]he|[Aa]n?|[Oo]ne)[ \t]+(?:[\w'’\-]+[ \t]+){{0,5}}?){ADVERB}"
                                rf"(?:{VERBS})\b{TAIL}{{0,160}}$")
# '"..." with Rep. Ed Royce, the chairman of ..., the California Republican said in a statement.'
DESCRIPTION_FINAL = re.compile(
    rf"(?:[^.!?\n{OPEN}{CLOSE}]|{ABBREVIATION_STOP}){{0,160}}?,[ \t]+"
    rf"(?P<desc>the[ \t]+(?:[\w'’\-]+[ \t]+){{1,4}}?){ADVERB}(?:{VERBS})\b[^.!?\n{OPEN}{CLOSE}]{{0,40}}[.!?]"
)
# 'Declaring "the soul of the corps" is at stake, Defense Secretary Robert Gates has ordered ...': a
# sentence opened by a speech participle; the speaker is the subject after the comma.
PARTICIPLE_OPENS = re.compile(
    r"(?:^|--|[—–:])[ \t]*(?:Declaring|Saying|Calling|Describing|Warning|Insisting|Arguing|Noting|Stressing"
    r"|Claiming|Admitting|Promising|Vowing)[ \t]+(?:that[ \t]+|it[ \t]+|him[ \t]+|her[ \t]+)?$"
)
SUBJECT_AFTER = re.compile(rf"[^.!?\n{OPEN}{CLOSE}]{{0,120}}?,[ \t]+(?P<name>{NAME})")
VERB_WORDS = re.compile(rf"\b(?:{VERBS})\b")
# 'X, ..., spoke on Friday and said: "..."', 'Reid's campaign hit back, saying that her "..."': a speech
# verb with no subject of its own, after "and", "but" or a comma: the sentence's subject spoke.
SUBJECTLESS = re.compile(rf"(?:,|\band|\bbut)[ \t]+{ADVERB}(?:{VERBS}|{NAMING}|arguing|adding|noting|writing"
                         rf"|calling|describing|insisting|warning)\b{TAIL}{{0,160}}$")
_RUN = rf"{CAP}(?:[ \t]+(?:of[ \t]+|de[ \t]+|van[ \t]+|von[ \t]+)?[A-Z0-9][\w'’.\-]*){{0,9}}"
SUBJECT = re.compile(
    rf"[ \t]*(?:(?:But|And|So|Yet|However|Meanwhile|Still|Then),?[ \t]+)?"
    rf"(?P<name>{PRONOUN}\b|{_RUN}(?:(?:[ \t]+[a-z][\w\-]*){{1,2}}[ \t]+{_RUN})?)"
)
"""The capitalised run that opens a sentence ("Federal Reserve Bank of Kansas City President Thomas
M. Hoenig"): its longest tail that is a known name is the subject."""
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
ATTRIBUTED = re.compile(r"\b(?:said|says|added|adds|told|tells|explained|wrote|writes)\b")
"""Where to look: the verbs are rarer than capitals, so the names are read around them only."""
NAME_BEFORE = re.compile(rf"\b(?P<name>{NAME})[ \t]+{ADVERB}$")
NAME_AFTER_QUOTE = re.compile(rf"[ \t]+(?P<name>{NAME})")
QUOTE_BEFORE = re.compile(rf"[,.!?][{CLOSE}][ \t]*$")
SENTENCE_END = re.compile(
    rf"[.!?](?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bSt\.)(?<!\bMrs\.)"
    rf"(?<!\bGen\.)(?<!\bRep\.)(?<!\bSen\.)(?<!\bGov\.){CLOSING}?\s+|\n"
)
"""A sentence end: not the stop of an initial or an abbreviation ("U.S. Military", "Mr. Lee")."""
