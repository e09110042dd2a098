"""Page furniture the main-content extractor keeps: reader comments, "Read more:" teasers, link lists.

Two passes around trafilatura, both by the form of what they remove, never by site:

* :func:`prune_comments` (on the tree, before extraction): containers whose class or id
  names reader comments in one of several languages (``comments``, ``comentarios``,
  ``commentaires``, ``Kommentare``, ``komentarze``, Disqus threads), which trafilatura
  only recognises in a few English spellings. A container holding the headline or most
  of the page's text is never one (a wrapper classed ``has-comments``).
* :func:`drop_teasers` (on the text, after): lines that announce another article (``Read
  more: ...``, ``(MORE: ...)``, ``LISTEN: ...``, ``À lire aussi : ...``, ``Czytaj
  również: ...``), and a list of headlines closing the text under a "More ..." /
  "Related ..." heading.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["drop_teasers", "prune_comments"]

_COMMENT_TAGS = frozenset(("div", "section", "ol", "ul", "aside", "li"))
_COMMENTS = "//@class[{0}]/..|//@id[{0}]/..".format(
    " or ".join(f'contains(., "{w}")' for w in ("omment", "OMMENT", "omentar", "isqus")))
"""Candidates by native XPath on the attribute axis, case aside (an EXSLT regex would call back into
Python per element); :data:`_COMMENT_NAME` decides."""
_COMMENT_NAME = re.compile(r"comment(?!ary)|comentari|kommentar|komentar|disqus", re.IGNORECASE)
_NOT_COMMENTS = re.compile(r"(?:has|with|allow|open|enabled|closed)[-_]?comments?|comments?[-_]?(?:open|enabled|closed"
                           r"|allowed)", re.IGNORECASE)
_MOST = 0.6
_TEASER = re.compile(
    r"^\(?\s*(?:read more|read also|also read|see also|more|related|listen|watch|lire aussi|à lire aussi"
    r"|a lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lea también|ver también|leggi anche"
    r"|czytaj (?:też|również|także)|leia também|читайте также)\s*[:：»]", re.IGNORECASE)
_TEASER_MAX = 250
_LIST_HEADING = re.compile(r"\b(?:more|related|read|popular|latest|recommended|trending|also)\b", re.IGNORECASE)
_HEADLINE_ITEM = re.compile(r"^- \S.{0,150}$")


def _length(el: Any) -> int:
    return int(el.xpath("string-length(.)")) if el is not None else 0


def _is_comments(names: str) -> bool:
    return bool(_COMMENT_NAME.search(names)) and not _NOT_COMMENTS.search(names)


def prune_comments(tree: Any) -> int:
    """Removes reader-comment containers from ``tree``; returns how many."""
    found = [el for el in tree.xpath(_COMMENTS)
             if el.tag in _COMMENT_TAGS and _is_comments(f"{el.get('class', '')} {el.get('id', '')}")]
    if not found:
        return 0
    total = _length(tree.find(".//body"))
    removed = 0
    for el in found:
        parent = el.getparent()
        if parent is None or el.xpath(".//h1") or _length(el) > _MOST * total:
            continue
        prev, tail = el.getprevious(), el.tail
        parent.remove(el)
        if tail and tail.strip():  # the text after the container belongs to its parent
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        removed += 1
    return removed


def drop_teasers(text: str) -> str:
    """The text without "Read more:"-style teaser lines and a closing list of headlines under a heading."""
    lines = [line for line in text.split("\n") if not (len(line) <= _TEASER_MAX and _TEASER.match(line))]
    end = len(lines)
    while end > 0 and _HEADLINE_ITEM.match(lines[end - 1]) and not lines[end - 1].rstrip().endswith("."):
        end -= 1
    if end < len(lines) - 1 and end > 0 and len(lines[end - 1]) <= 80 and _LIST_HEADING.search(lines[end - 1]):
        lines = lines[: end - 1]
    return "\n".join(lines)
