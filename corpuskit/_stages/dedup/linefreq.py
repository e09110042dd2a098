"""Corpus-wide line frequencies through the global-stage protocol.

One mechanism for every stage that asks "which lines repeat across many documents"
(``line_dedup``, the news plugin's boilerplate signal): map each document to the
hashes of its distinct lines, count documents per hash in partitioned buckets, and
address every frequent hash to the documents that contain it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import xxhash

from corpuskit._stages.kinds import Ref

__all__ = ["drop_units", "frequent_line_decisions", "line_hash", "line_keys", "split_units"]


def line_hash(line: str, scope: str = "") -> int:
    """A stable 64-bit hash of a line, ignoring surrounding whitespace and case.

    ``scope`` (a site's name, say) makes equal lines of different scopes different keys,
    so lines are counted per scope; the default, no scope, hashes the line alone.
    """
    key = line.strip().casefold()
    return xxhash.xxh3_64_intdigest((f"{scope}\x1f{key}" if scope else key).encode("utf-8"))


def split_units(text: str, *, paragraphs: bool = False) -> list[str]:
    """The text's lines, or its paragraphs (blocks separated by blank lines)."""
    if paragraphs:
        return [p for p in text.split("\n\n")]
    return text.split("\n")


def line_keys(
    text: str, ref: Ref, *, min_length: int = 0, paragraphs: bool = False, scope: str = ""
) -> Iterator[tuple[int, Ref]]:
    """``(hash, ref)`` once per distinct line of at least ``min_length`` characters (hashed in ``scope``)."""
    seen: set[int] = set()
    for unit in split_units(text, paragraphs=paragraphs):
        stripped = unit.strip()
        if len(stripped) < max(min_length, 1):
            continue
        h = line_hash(stripped, scope)
        if h not in seen:
            seen.add(h)
            yield h, ref


def frequent_line_decisions(items: Iterable[tuple[int, Any]], max_docs: int) -> Iterator[tuple[Ref, int]]:
    """For each hash found in more than ``max_docs`` documents: ``(ref, hash)`` per document.

    ``items`` are one bucket's ``(hash, ref)`` pairs. Memory is proportional to the
    bucket's pairs, never to the texts.
    """
    refs_by_hash: dict[int, list[Ref]] = {}
    for h, ref in items:
        refs_by_hash.setdefault(h, []).append(ref)
    for h, refs in refs_by_hash.items():
        if len(refs) > max_docs:
            for ref in refs:
                yield (ref if type(ref) is Ref else Ref(*ref)), h


def drop_units(
    text: str, hashes: Iterable[int], *, min_length: int = 0, paragraphs: bool = False, scope: str = "",
    dropped: list[tuple[int, str]] | None = None,
) -> tuple[str, int, int]:
    """``text`` without the lines (or paragraphs) whose :func:`line_hash` is in ``hashes``.

    Only units of at least ``min_length`` characters are candidates, as in
    :func:`line_keys`. Returns ``(new text, units removed, characters removed)``;
    blank lines left behind collapse to one. ``dropped``, if given, receives
    ``(line number, unit)`` per removed unit (1-based, of its first line in ``text``).
    """
    drop = set(hashes)
    kept: list[str] = []
    removed = chars = 0
    lineno = 1
    for unit in split_units(text, paragraphs=paragraphs):
        stripped = unit.strip()
        at, lineno = lineno, lineno + unit.count("\n") + (2 if paragraphs else 1)
        if len(stripped) >= max(min_length, 1) and line_hash(stripped, scope) in drop:
            removed += 1
            chars += len(unit)
            if dropped is not None:
                dropped.append((at, unit))
            continue
        if not stripped and kept and not kept[-1].strip():
            continue  # no runs of blank lines where lines went
        kept.append(unit)
    if not removed:
        return text, 0, 0
    sep = "\n\n" if paragraphs else "\n"
    return sep.join(kept).strip("\n"), removed, chars
