"""Small multilingual word lists the page-cleaning signals use.

Function words (stopword density tells running prose from labels and headlines), cue
phrases that mark page furniture (newsletter pitches, share prompts, copyright and
syndication notes, teaser headings), byline prefixes and news agencies. Covered languages:
English, German, French, Spanish, Portuguese, Italian, Dutch. None of these lists decides
alone: :mod:`corpuskit_news.page.lines` combines them with the shape of each line and
:mod:`corpuskit_news.page.article` with its position on the page.
"""

from __future__ import annotations

import re

__all__ = [
    "AGENCIES",
    "BYLINE_PREFIX",
    "CUES",
    "NAME_PARTICLES",
    "NON_NAME_WORDS",
    "READER_WORDS",
    "STOPWORDS",
    "cue_of",
    "strong_hits",
]

def _words(text: str) -> list[str]:
    return text.split()


_STOP = {
    "en": "a an the and or but if of to in on at by for with from as is are was were be been being it its "
    "this that these those he she they we you i his her their our your my not no so than then there here "
    "which who whom what when where why how all any some more most other into over after before about up "
    "out also has have had do does did will would can could should may might must just one two said says",
    "de": "der die das den dem des ein eine einen einem einer und oder aber wenn als wie im in am an auf aus "
    "bei mit nach von vor zu zum zur für über unter ist sind war waren wird werden wurde hat haben hatte "
    "nicht kein keine auch noch schon nur so sich sie er es wir ihr man dass daß bis um durch gegen soll",
    "fr": "le la les un une des du de d l et ou mais si que qui quoi dont où dans en sur sous par pour avec "
    "sans au aux ce cette ces il elle ils elles nous vous on est sont était été être a ont avait pas ne "
    "plus se sa son ses leur leurs y aussi comme après avant entre selon",
    "es": "el la los las un una unos unas y o pero si que de del al en por para con sin sobre entre es son "
    "era fue ser ha han había se su sus le les lo no más como también este esta estos estas ese esa muy "
    "ya desde hasta según cuando donde",
    "pt": "o a os as um uma uns umas e ou mas se que de do da dos das no na nos nas em por para com sem "
    "sobre entre é são era foi ser tem têm há seu sua seus suas ele ela eles elas não mais como também "
    "este esta isso esse essa ao aos à às pelo pela segundo quando",
    "it": "il lo la i gli le un una uno e o ma se che di del della dei delle degli da dal dalla in nel "
    "nella nei per con su sul sulla tra fra è sono era erano essere ha hanno aveva non più come anche "
    "questo questa quello quella al alla ai alle si ci",
    "nl": "de het een en of maar als dat die dit deze van in op aan met voor door bij uit naar over tot om "
    "is zijn was waren wordt worden werd heeft hebben had niet geen ook nog al er hij zij ze wij we je "
    "u ik hun haar zich te dan",
}

STOPWORDS: frozenset[str] = frozenset(w for words in _STOP.values() for w in _words(words))
"""Function words of the covered languages, lower-cased (one set: density, not language)."""

NAME_PARTICLES = frozenset(
    _words("de da das do dos del della di du des la le van von der den ter ten bin ibn al el y e")
)
"""Lower-case particles allowed inside a person's name ("Pieter de Vries")."""

NON_NAME_WORDS = frozenset(
    _words(
        """news breaking latest top stories story local world business sport sports home opinion politics
        section desk staff editor editors team newsroom live video videos photos photo gallery menu search
        subscribe login sign share comments comment reply more read related trending popular recent
        advertisement sponsored contact about privacy terms cookies newsletter newsletters weather markets
        economy tech technology science culture lifestyle health travel entertainment celebrity movies music
        style region regio abo accueil portada inicio capa nieuws startseite actualités cronaca join now
        accept manage click download follow watch listen play continue skip close open back next previous
        print email save log sign view show hide load all free offer text size edit profile account
        editorial writers writer columnist correspondent contributor photographer
        publicité publicidad publicidade pubblicità anzeige werbung advertentie реклама ad ads advertising
        promoted sponsor loading rss feed feeds
        monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag
        samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves
        viernes sábado domingo"""
    )
)
"""Words that make a capitalised short line a label rather than a person's name."""

BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|reported|posted|interview|interviewed|text|words|story|compiled)\s+by|"
    r"by|von|par|por|di|door|da|av|af|de|(?:authors?|autor(?:es|en|i|s|a)?|auteurs?|autores?|autori)\s*:)"
    r"\s*[:\-]?\s+(?=\S)",
    re.IGNORECASE,
)
"""A byline's leading word in the covered languages ("By", "Von", "Par", "Por", "di", "door"), or an
"Author(s):" label."""

AGENCIES = frozenset(
    s.casefold()
    for s in (
        "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Agence France Presse",
        "Press Trust of India", "PTI", "IANS", "ANI", "UNI", "dpa", "Deutsche Presse-Agentur", "EFE",
        "Europa Press", "ANSA", "Xinhua", "TASS", "RIA Novosti", "Interfax", "Kyodo", "Kyodo News",
        "Yonhap", "Bloomberg", "Bernama", "Anadolu", "Anadolu Agency", "UPI", "Lusa", "Agência Brasil",
        "PA Media", "Press Association", "AAP", "Australian Associated Press", "NTB", "TT", "Ritzau",
        "APA", "Belga", "ANP", "CTK", "PAP", "MTI", "Notimex", "Télam", "Prensa Latina", "KNA", "Sputnik",
        "Canadian Press", "The Canadian Press", "CNA", "Antara", "Vietnam News Agency", "VNA", "APS",
        "MENA", "WAM", "SPA", "IRNA", "Kyodo News Agency", "News Agencies", "Agencies",
    )
)
"""News agencies, case-folded: a bare agency line is a byline ("Reuters")."""

# Cue phrases by category. "strong" ones mark furniture wherever they appear in a line that
# is not article-shaped; "weak" ones only tip lines at the edges of the article over.
_STRONG = {
    "copyright": r"all rights reserved|copyrights?\s*(?:©|\(c\))?\s*(?:\d{4}|by)|©|\(c\) ?\d{4}|"
    r"tous droits réservés|todos los derechos|все права защищены|"
    r"alle rechte vorbehalten|riproduzione riservata|direitos reservados|alle rechten voorbehouden",
    "syndication": r"syndicated feed|auto-generated from|reworked by|originally (?:appeared|published)|"
    r"republished (?:here|with|under|from)|(?:may|can) be republished|republish this|content-sharing|"
    r"produced (?:by .{0,80} )?in partnership|"
    r"under (?:a )?(?:creative commons|license)|printed from|reporting by .{0,60}(?:editing|writing) by|"
    r"trust principles|may not be (?:published|reproduced)|without (?:prior )?(?:written )?permission|"
    r"requires the prior written consent|(?:has|have) been (?:lightly )?edited|edited (?:and condensed|for "
    r"(?:length|clarity))|this (?:story|article|report|post) (?:will be|has been|was) (?:updated|corrected)|"
    r"^\(?(?:corrects|updates|adds|recasts|refiles) (?:\w+ ){0,3}(?:paragraph|headline|byline|dateline|story)",
    "disclaimer": r"views expressed|do not necessarily reflect|opinions expressed|not those of|"
    r"opiniones expresadas|responsabilidad exclusiva|opinions exprimées|n'engagent que|opiniões expressas|"
    r"opinioni espresse|meinung (?:des|der) (?:autors|autorin)|gibt die meinung",
    "newsletter": r"newsletter|nieuwsbrief|in your inbox|to your inbox|in ihr postfach|dans votre boîte|"
    r"sign up (?:for|to)|subscribe (?:to|now|for)|unsubscribe|abonnieren sie|abonnez-vous|"
    r"suscríbete|assine|iscriviti|подписывайтесь|подпишитесь|рассылк|"
    r"free articles? remaining|for unlimited access|réservé aux abonnés|"
    r"offre découverte",
    "cookies": r"\bcookies?\b.{0,80}\b(?:consent|accept|agree|preferences|settings|experience)",
    "comments_form": r"email address will not be published|required fields are marked|comments are closed|"
    r"para comentar|leave a reply|log in to comment",
    "promotion": r"download (?:the|our) .{0,30}app|on our app|telegram channel|follow (?:us|.{0,30}) on "
    r"(?:whatsapp|telegram|twitter|facebook|instagram)|send us your (?:tips|stories|photos)|"
    r"no seu whatsapp|clique aqui|click here|tax-deductible|make a donation|donate now|gift of any size",
    # "spotted a typo? select the text and press Ctrl+Enter" (the key combination is the same in every language)
    "error_report": r"\bctrl\s*\+\s*enter\b",
}
_WEAK = {
    "reader_appeal": r"\b(?:support (?:our|independent)|our (?:reporting|journalism|work) (?:depends|relies)|"
    r"readers like you|consider (?:making|supporting)|did you find this|you value|deserves? access|"
    r"paywall|subscription supports|unterstützen sie|soutenez)",
    "bio": r"\b(?:is an? (?:\w+ ){0,3}(?:journalist|writer|reporter|correspondent|columnist|editor|author)|"
    r"covers .{0,40} for |reach (?:him|her|them) at|based in \w+ (?:and|who) (?:writes|covers))",
    "contact": r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.",
    "credits": r"\bcontributed(?: reporting)? to this (?:report|story|article)|\badditional reporting by\b",
    "publisher_note": r"\bis (?:published by|part of|a registered|a division of|a member of)\b|"
    r"can also be accessed|alternate address",
}
_TEASER = (
    r"related(?: news| stories| articles| content)?|read more|also read|read next|read also|see also|"
    r"more (?:from|on|in) [^:|]{0,40}|also (?:on|in) [^:|]{0,40}|more coverage|"
    r"most (?:read|viewed|popular|shared)|trending(?: now| on .*)?|"
    r"popular (?:posts|stories|articles|now)|recommended(?: for you)?|you (?:may|might) also like|"
    r"recent (?:news|posts|stories)|top stories|"
    r"latest news|promoted(?: stories| content)?|editor'?s picks|don'?t miss|"
    r"lesen sie auch|mehr zum thema|meistgelesen|auch interessant|weitere artikel|"
    r"[àa] lire aussi|lire aussi|les plus lus|sur le même sujet|"
    r"te puede interesar|lo más leído|noticias relacionadas|leer más|"
    r"leia também|mais lidas|veja também|"
    r"leggi anche|i più letti|potrebbe interessarti|"
    r"читайте также|по теме|новости по теме|смотрите также|популярное|самое читаемое|"
    r"lees ook|meest gelezen|meer nieuws"
)

# The words (lower case) one of which every cue of a category contains; a line whose words
# miss them all skips that category's pattern (the costly part of reading a line).
_ANCHORS = {
    "copyright": "rights reserved copyright copyrights derechos droits rechte riservata riproduzione direitos rechten "
    "права",
    "syndication": "syndicated auto-generated generated reworked originally republished republish content-sharing "
    "partnership creative license licence printed reporting trust principles published reproduced permission "
    "consent edited updated corrected corrects updates adds recasts refiles",
    "disclaimer": "expressed necessarily those expresadas exclusiva exprimées engagent expressas espresse meinung",
    "newsletter": "newsletter nieuwsbrief inbox postfach boîte sign subscribe unsubscribe abonnieren "
    "abonnez-vous suscríbete assine iscriviti remaining unlimited abonnés découverte offre подписывайтесь "
    "подпишитесь рассылку рассылки рассылка",
    "cookies": "cookie cookies",
    "comments_form": "email address required comments closed comentar reply log",
    "promotion": "download app telegram follow whatsapp send clique click donation donate gift tax-deductible",
    "error_report": "ctrl",
    "credits": "contributed additional",
    "reader_appeal": "support readers reporting journalism work consider find value deserve deserves paywall "
    "subscription unterstützen soutenez",
    "bio": "journalist writer reporter correspondent columnist editor author covers reach based",
    "contact": "",
    "publisher_note": "published part registered division member accessed alternate",
}
_SPECIAL = {"copyright": ("©", "(c)", "(C)"), "contact": ("@", "http", "www.")}
_CATEGORIES = [
    (strength, name, frozenset(_words(_ANCHORS[name])), _SPECIAL.get(name, ()), re.compile(pattern, re.IGNORECASE))
    for strength, table in (("strong", _STRONG), ("weak", _WEAK))
    for name, pattern in table.items()
]
_TEASER_RE = re.compile(rf"^(?:{_TEASER})\s*(?:[:>»›|\-–]|\s\s)\s*\S", re.IGNORECASE)
_TEASER_HEADING_RE = re.compile(rf"^(?:{_TEASER})\s*[:>»›|-]?\s*$", re.IGNORECASE)

CUES = {"strong": tuple(_STRONG), "weak": tuple(_WEAK), "teaser": ("teaser", "teaser_heading")}
"""The cue categories :func:`cue_of` reports, by strength."""


# The first word of every teaser cue (lower case): other lines skip the teaser patterns.
_TEASER_FIRST = frozenset(
    _words(
        """related read also see more most trending popular recommended you recent top latest promoted editor's editors
        don't dont lesen mehr meistgelesen auch weitere à a lire les sur te lo noticias leer leia mais veja
        leggi i potrebbe lees meest meer читайте по новости смотрите популярное самое"""
    )
)
_ALL_ANCHORS = frozenset().union(*(anchors for _, _, anchors, _, _ in _CATEGORIES))
_ALL_SPECIAL = tuple(m for marks in _SPECIAL.values() for m in marks)


def strong_hits(line: str, words: frozenset[str] | set[str]) -> int:
    """How many strong cue phrases ``line`` contains (one pitch usually has several)."""
    hits = 0
    for strength, _, anchors, special, pattern in _CATEGORIES:
        if strength != "strong":
            continue
        if words.isdisjoint(anchors) and not any(mark in line for mark in special):
            continue
        hits += len(pattern.findall(line))
    return hits


READER_WORDS = frozenset(
    _words(
        """you your yours our ours us vous votre vos notre nos você seu sua nosso nossa voi vostro vostra nostro
        nostra jouw uw onze ons usted ustedes nuestro nuestra nuestros nuestras unser unsere unseren unserem
        ihnen"""
    )
)
"""Words that address the reader or speak for the outlet: furniture prose is full of them."""


def cue_of(line: str, words: frozenset[str] | set[str] | None = None) -> tuple[str, str] | None:
    """``(strength, category)`` of the first furniture cue in ``line``, or None.

    ``strength`` is ``"teaser"`` (a "Related News" heading or a "Read more: ..." line),
    ``"strong"`` or ``"weak"``. ``words``, the line's lower-cased words when the caller
    has them, lets lines without any cue word skip the costly patterns.
    """
    if len(line) < 160 and line.split(None, 1)[0].lower() in _TEASER_FIRST:
        if _TEASER_HEADING_RE.match(line):
            return "teaser", "teaser_heading"
        if _TEASER_RE.match(line):
            return "teaser", "teaser"
    if words is not None and words.isdisjoint(_ALL_ANCHORS) and not any(m in line for m in _ALL_SPECIAL):
        return None
    for strength, name, anchors, special, pattern in _CATEGORIES:
        if words is not None and words.isdisjoint(anchors):
            if not special:
                continue
            for mark in special:
                if mark in line:
                    break
            else:
                continue
        if pattern.search(line):
            return strength, name
    return None
