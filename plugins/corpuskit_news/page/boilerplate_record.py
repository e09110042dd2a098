"""The ``meta["boilerplate"]`` record: what ``news.boilerplate`` hands to ``news.metadata``.

This module owns the contract between the two stages; both import it, neither imports
the other. The record is a JSON-able dict:

- ``removed``: list of ``{"line": str, "reason": str, "lineno": int}``, one per removed
  line in page order; ``lineno`` is 1-based in the stage's input text. The reasons are
  listed in the ``news.boilerplate`` stage docstring.
- ``kept``: int, how many lines were kept (0: no article prose was found).
- ``first_lineno``: int or None, the input line number of the first kept line; removed
  lines above it are the page header, the others its footer.
- ``title_line``, ``byline``, ``dateline``, ``standfirst``: str or None, the header lines
  found above the article, as written.
- ``author``: str or None, the person(s) or agency the byline names.

:func:`build_record` writes it from an analysed page; :class:`PageHeader` (through
:meth:`PageHeader.from_meta`) and :func:`kept_lines` read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corpuskit_news.page.article import Page

__all__ = ["PageHeader", "build_record", "kept_lines"]


def build_record(page: Page) -> dict[str, Any]:
    """The ``meta["boilerplate"]`` record of an analysed page (keys: see the module docstring)."""

    def text(line: Any) -> str | None:
        return line.text if line is not None else None

    return {
        "removed": [{"line": line.text, "reason": reason, "lineno": line.index + 1} for line, reason in page.removed],
        "kept": len(page.kept),
        "first_lineno": page.kept[0].index + 1 if page.kept else None,
        "title_line": text(page.title),
        "byline": text(page.byline),
        "author": page.author,
        "dateline": text(page.dateline),
        "standfirst": text(page.standfirst),
    }


@dataclass(frozen=True)
class PageHeader:
    """What ``news.metadata`` reads: the lines around the article and the header roles."""

    header: tuple[str, ...]
    """Removed lines above the article, in page order."""
    footer: tuple[str, ...]
    """Removed lines inside and below the article, in page order."""
    title_line: str | None
    author: str | None
    byline: str | None
    dateline: str | None

    @classmethod
    def from_meta(cls, record: dict[str, Any]) -> PageHeader:
        """From a ``meta["boilerplate"]`` record written by ``news.boilerplate``."""
        first = record.get("first_lineno")
        removed = record.get("removed") or []
        header = tuple(r["line"] for r in removed if first is not None and r.get("lineno", 0) < first)
        footer = tuple(r["line"] for r in removed if first is None or r.get("lineno", 0) >= first)
        return cls(header, footer, record.get("title_line"), record.get("author"), record.get("byline"),
                   record.get("dateline"))


def kept_lines(text: str, record: dict[str, Any]) -> Sequence[str]:
    """The non-blank lines of ``text`` (stripped) that the record does not list as removed."""
    removed = {r["lineno"] for r in record.get("removed") or []}
    return [line.strip() for n, line in enumerate(text.split("\n"), 1) if line.strip() and n not in removed]
