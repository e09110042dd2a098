"""The English tokenizer's special cases: contractions split, abbreviations kept whole.

spaCy's English tokenizer (which datatrove's filters count words with) splits
contractions into their parts (``don't`` -> ``do`` ``n't``, ``cannot`` -> ``can`` ``not``,
``I'm`` -> ``I`` ``'m``) and keeps abbreviations whose final period would otherwise be split
off (``Mr.``, ``e.g.``, ``Calif.``) and emoticons (``:)``) as one token. This module builds
the same kind of table from a few word lists and rules (written for corpuskit): base forms,
clitics, both apostrophes, lower- and title-case, and the forms written without an
apostrophe where that is not an ordinary English word (``dont`` splits, ``well`` does not).
"""

from __future__ import annotations

__all__ = ["SPECIAL_CASES"]

_APOSTROPHES = ("'", "\u2019")


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NEGATED = {  # base word -> the part before "n't"
    "ain": "ai", "are": "are", "can": "ca", "could": "could", "dare": "dare", "did": "did", "does": "does",
    "do": "do", "had": "had", "has": "has", "have": "have", "is": "is", "may": "may", "might": "might",
    "must": "must", "need": "need", "ought": "ought", "sha": "sha", "should": "should", "was": "was",
    "were": "were", "wo": "wo", "would": "would",
}
"""``can't`` is written ``can`` + ``'t``; its parts are ``ca`` + ``n't``."""

_NO_HAVE = frozenset({"ain", "are", "dare", "has", "have", "is", "was", "were"})
"""Negated forms never followed by ``'ve`` (``isn't've``)."""

_CLITICS = {  # word -> the clitics it takes ("d've": 'd + 've)
    "i": ("m", "d", "d've", "ll", "ll've", "ve", "ma"),
    "you": ("d", "d've", "ll", "ll've", "re", "ve"),
    "we": ("d", "d've", "ll", "ll've", "re", "ve"),
    "they": ("d", "d've", "ll", "ll've", "re", "ve"),
    "he": ("d", "d've", "ll", "ll've"),
    "she": ("d", "d've", "ll", "ll've"),
    "it": ("d", "d've", "ll", "ll've"),
    "that": ("d", "d've", "ll", "ll've"),
    "there": ("d", "d've", "ll", "ll've", "re", "ve"),
    "these": ("d", "d've", "ll", "ll've", "re", "ve"),
    "this": ("d", "d've", "ll", "ll've"),
    "those": ("d", "d've", "ll", "ll've", "re", "ve"),
    "what": ("d", "d've", "ll", "ll've", "re", "ve"),
    "when": ("d", "d've", "ll", "ll've", "re", "ve"),
    "where": ("d", "d've", "ll", "ll've", "re", "ve"),
    "who": ("d", "d've", "ll", "ll've", "ve"),
    "why": ("d", "d've", "ll", "ll've", "re", "ve"),
    "how": ("d", "d've", "ll", "ll've", "re", "ve"),
    "could": ("ve",), "might": ("ve",), "must": ("ve",), "should": ("ve",), "would": ("ve",), "not": ("ve",),
}

_WITHOUT_APOSTROPHE_ALSO = {"he": ("s",), "she": ("s",), "that": ("s",), "what": ("s",), "when": ("s",),
                            "where": ("s",), "who": ("s",), "why": ("s",), "how": ("s",), "there": ("s",),
                            "this": ("s",)}
"""Forms whose apostrophe version the ``'s`` suffix rule already splits; only the bare one
(``hes``, ``whats``) needs a special case."""

_ORDINARY_WORDS = frozenset({"ill", "hell", "shell", "well", "were", "shed", "its", "whore"})
"""Forms without an apostrophe that are (or are mostly) ordinary words: never split."""

_SPLIT_WORDS = {"cannot": ("can", "not"), "gonna": ("gon", "na"), "gotta": ("got", "ta"),
                "c'mon": ("c'm", "on"), "i'ma": ("i", "'m", "a")}

_WHOLE_WITH_APOSTROPHE = ("'cause", "'cos", "'coz", "'cuz", "'bout", "'em", "'nuff", "'s", "'d", "'ll", "'re",
                          "'ve", "'m", "''", "doin'", "goin'", "havin'", "lovin'", "nothin'", "nuthin'",
                          "somethin'", "ol'")

_ABBREVIATIONS = (
    *_names("Adm. Ak. Ala. Apr. Ariz. Ark. Aug. Bros. Calif. Co. Colo. Conn. Corp. Dec. Del. Dr. E.g. Feb. Fla. "
            "Ga. Gen. Gov. I.e. Ia. Id. Ill. Inc. Ind. Jan. Jr. Jul. Jun. Kan. Kans. Ky. La. Ltd. Mar. Mass. Md. "
            "Messrs. Mich. Minn. Miss. Mo. Mont. Mr. Mrs. Ms. Mt. Neb. Nebr. Nev. Nov. Oct. Okla. Ore. Pa. Ph.D. "
            "Prof. Rep. Rev. Sen. Sep. Sept. St. Tenn. Va. Wash. Wis. a.m. p.m. e.g. i.e. co. vs. v.s. ä. ö. ü. "
            "D.C. N.C. N.D. N.H. N.J. N.M. N.Y. S.C. E.G. I.E. and/or"),
    *(f"{c}." for c in "abcdefghijklmnopqrstuvwxyz"),
)

_EMOTICONS = _names(
    ":) :( :)) :(( :D :P :p :O :o :/ :| :-) :-( :-D :-P :-p :-O :-/ ;) ;-) ;D :] :[ :} :3 :* :-* :x :X =) =( "
    "=D =/ =] =[ <3 <33 </3 XD XDD xD -_- ^_^ o.O O.o O.O 0.0 o_O O_o o_o (: ): (; =| :'( :') >:( >.< -__- "
    "(-: )-: 8) 8-) 8D 8-D :1 :0 :> :-> :-0 :-3 :-x :-X :-o :-| :-] :-}"
)


def _case_forms(word: str) -> tuple[str, ...]:
    return (word, word[:1].upper() + word[1:]) if word[:1].isalpha() else (word,)


def _add(table: dict[str, tuple[str, ...]], written: str, parts: tuple[str, ...]) -> None:
    for form, cased in zip(_case_forms(written), (parts, (parts[0][:1].upper() + parts[0][1:], *parts[1:])),
                           strict=False):
        table.setdefault(form, cased)


def _contractions(table: dict[str, tuple[str, ...]]) -> None:
    for word, stem in _NEGATED.items():
        for ap in _APOSTROPHES:
            written = word + "n" + ap + "t" if word not in ("ain", "sha", "wo") else stem + "n" + ap + "t"
            if word == "can":
                written = "can" + ap + "t"
            _add(table, written, (stem, "n" + ap + "t"))
            if word not in _NO_HAVE:
                _add(table, written + ap + "ve", (stem, "n" + ap + "t", ap + "ve"))
        bare = (stem + "nt") if word != "can" else "cant"
        if bare not in _ORDINARY_WORDS:
            _add(table, bare, (stem, "nt"))
        if bare + "ve" not in _ORDINARY_WORDS and word not in _NO_HAVE:
            _add(table, bare + "ve", (stem, "nt", "ve"))
    for word, clitics in _CLITICS.items():
        for clitic in clitics:
            pieces = clitic.split("'")
            for ap in _APOSTROPHES:
                written = word + ap + clitic.replace("'", ap)
                parts = (word, *(ap + piece for piece in pieces))
                if word == "i" and clitic == "ma":
                    parts = ("i", ap + "m", "a")
                _add(table, written, parts)
            bare = word + "".join(pieces)
            if bare not in _ORDINARY_WORDS:
                _add(table, bare, (word, *pieces) if clitic != "ma" else ("i", "m", "a"))
    for word, clitics in _WITHOUT_APOSTROPHE_ALSO.items():
        for clitic in clitics:
            if word + clitic not in _ORDINARY_WORDS:
                _add(table, word + clitic, (word, clitic))


def _times(table: dict[str, tuple[str, ...]]) -> None:
    for hour in range(1, 13):
        for suffix in ("am", "pm", "a.m.", "p.m."):
            table[f"{hour}{suffix}"] = (str(hour), suffix)


def _build() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    _contractions(table)
    for written, parts in _SPLIT_WORDS.items():
        for ap_written, ap_parts in ((written, parts), (written.replace("'", "\u2019"),
                                                        tuple(p.replace("'", "\u2019") for p in parts))):
            _add(table, ap_written, ap_parts)
    for whole in _WHOLE_WITH_APOSTROPHE:
        for form in (whole, whole.replace("'", "\u2019")):
            for cased in _case_forms(form) if form[0] not in _APOSTROPHES else (form, form[0] + form[1:].capitalize()):
                table.setdefault(cased, (cased,))
    table["y'all"] = ("y'", "all")  # lower case only
    _times(table)
    for token in (*_ABBREVIATIONS, *_EMOTICONS):
        table[token] = (token,)
    return table


SPECIAL_CASES: dict[str, tuple[str, ...]] = _build()
"""Whole whitespace-free strings the tokenizer never splits by its affix rules -> their tokens."""
