"""Name-shaped words on a page's furniture lines, and the masthead among its first lines.

Used by :mod:`corpuskit_news.metadata.publisher`: capitalised word runs of a line, brand-shaped
tokens ("WIRED", "TechCrunch"), the shape of a masthead line, and the choice of the masthead
among the first lines of the page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from corpuskit_news.text.caches import register_cache
from corpuskit_news.text.folding import fold_accents
from corpuskit_news.text.lexicon import STOPWORDS

__all__ = ["ARTICLES", "CONNECTORS", "UI_WORDS", "find_masthead", "line_names", "masthead_shaped",
           "shaped_single"]

UI_WORDS = {"skip", "accept", "manage", "sign", "log", "login", "subscribe", "search", "menu", "home", "close",
             "register", "donate", "share", "notification", "userprofile", "breaking", "advertisement", "×", "join",
             "watch", "listen", "download", "follow", "read", "more", "view", "load", "click", "written", "posted",
             "published", "updated", "print", "open", "back", "next", "previous", "tags", "topics", "rss", "feed",
             "feedback"}
"""Menu and button words: a line opening with one is not a masthead, a run containing one is not a name."""
CONNECTORS = {"of", "the", "de", "del", "do", "da", "du", "di", "van", "het", "la", "le", "el", "and", "&", "und",
              "et", "y", "e", "des", "der", "den", "on", "upon", "della", "dello", "das", "dos", "aan", "am", "an",
              "im", "auf", "ob", "bei", "zu", "zum", "zur", "sur", "sul", "sulla", "og", "och", "i"}
"""Lower-case words allowed inside an outlet's name ("Journal of Commerce", "Le Monde de la ...")."""

_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[^\W_][\w&'’.-]*[^\W_]|[^\W_]")

ARTICLES = frozenset(
    ("the", "le", "la", "les", "el", "los", "las", "il", "lo", "der", "die", "das", "de", "het", "o", "os")
)
"""Articles that may open an outlet's name before a capital ("Le Figaro", "The Guardian")."""


@register_cache
@lru_cache(maxsize=65536)
def masthead_shaped(line: str) -> bool:
    """Whether ``line`` looks like an outlet's name: one to six capitalised words, no digits or separators.

    (Menus repeat across a corpus's pages: cached; :func:`corpuskit_news.text.caches.clear_caches` empties it.)
    """
    if len(line) > 60 or not line[:1].isupper() or line.endswith((".", "!", "?", ":")):
        return False
    words = line.split()
    if len(words) > 6 or words[0].casefold() in UI_WORDS or _DIGIT.search(line):
        return False
    if any(sep in line for sep in ("/", "|", "›", "»", ">", ":", ",")):
        return False
    latin = _LATIN.search(line) is not None
    if latin and not all(w[0].isupper() or w in CONNECTORS for w in words):
        return False  # (sentence-case outlet names are the rule in Cyrillic and Greek)
    if len(words) == 1:
        word = words[0]
        inner_capital = any(c.isupper() for c in word[1:])
        return inner_capital and len(word) >= 4
    return True


def _name_token(token: str) -> bool:
    return token[0].isupper() or (token[0].isdigit() and token.isalnum())


def shaped_single(token: str) -> bool:
    """An all-capital word ("WIRED", "AOL") or a camel-case one ("TechCrunch"): a brand, not a word."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 3:
        return False
    return all(c.isupper() for c in letters) or any(a.islower() and b.isupper() for a, b in itertools.pairwise(token))


def line_names(line: str) -> set[str]:
    """Runs of 1-3 capitalised words of one line, in their display form."""
    tokens = [t.rstrip(".") for t in _TOKEN.findall(line)]
    names: set[str] = set()
    for i, first in enumerate(tokens):
        if not first or not first[0].isupper() or first.casefold() in UI_WORDS:
            continue
        if fold_accents(first) in STOPWORDS and not (
            fold_accents(first) in ARTICLES and i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        ):
            continue  # an article starts a name only before a capital ("Le Figaro", "The Guardian")
        for j in range(i + 1, min(i + 4, len(tokens) + 1)):
            if not tokens[j - 1] or not _name_token(tokens[j - 1]):
                break
            words = tokens[i:j]
            if fold_accents(words[-1]) in STOPWORDS or any(w.casefold() in UI_WORDS for w in words):
                continue
            names.add(" ".join(words))
    return names

_EDITION = re.compile(r"\b(?:edition|édition|edición|edição|edizione|ausgabe|editie)\b", re.IGNORECASE)
_EDITION_HINT = re.compile(r"[dD][iI][tTcCçÇzZ]|[aA][uU][sS][gG]")
"""A cheap test run before ``_EDITION`` (most lines have no such letters)."""
_SWITCHER_LINES = 4


def _in_switcher(at: int, labels: list[int]) -> bool:
    """Whether line ``at`` is in an edition switcher: between two edition labels ("EDITION:
    INTERNATIONAL" ... "Set edition preference"), or a few lines under a single one."""
    if len(labels) > 1:
        return labels[0] <= at <= labels[-1]
    return 0 <= at - labels[0] <= _SWITCHER_LINES


def find_masthead(
    header: Sequence[str], lines: Sequence[str], skip: set[str], hints: Callable[[], set[str]]
) -> str | None:
    """The masthead among the page's first lines.

    A logo's text often follows a menu item or two, so of the masthead-shaped lines among
    the first eight the first one that shares a word with the page's copyright holder or web
    address is preferred, then one that recurs as a whole line three or more times (the logo
    in header, sticky bar and footer), else the first. A single plain word ("Gizmodo") counts
    only when it recurs so and opens the page or shares such a word. The lines under an
    edition label ("EDITION: INTERNATIONAL", then "U.S.", "MÉXICO") are an edition switcher,
    never the masthead. ``hints`` gives those words (asked only when there is a choice to make).
    """
    found: list[tuple[int, str, bool, bool]] = []
    labels = [at for at, line in enumerate(header[: 8 + _SWITCHER_LINES]) if _EDITION_HINT.search(line)
              and _EDITION.search(line)]
    for at, line in enumerate(header[:8]):
        if labels and _in_switcher(at, labels):
            continue
        shaped = masthead_shaped(line)
        plain_word = not shaped and " " not in line and line[:1].isupper() and line.isalpha() and len(line) >= 4
        if not (shaped or plain_word) or line.casefold() in skip:
            continue
        recurs = lines.count(line) >= 3 and line.casefold() not in UI_WORDS
        if shaped or recurs:
            found.append((at, line, shaped, recurs))
    if not found:
        return None
    if len(found) == 1 and found[0][2]:
        return found[0][1]  # one masthead-shaped line: nothing to choose
    words = hints()
    candidates: list[tuple[int, str]] = []
    for at, line, shaped, recurs in found:
        hinted = bool(words & set(fold_accents(line).split()) - STOPWORDS)
        if shaped or hinted or at == 0:
            candidates.append((2 * hinted + recurs, line))
    if not candidates:
        return None
    best = max(rank for rank, _ in candidates)
    return next(line for rank, line in candidates if rank == best)
