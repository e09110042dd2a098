"""Recursive globs and directory walks that visit each real directory once.

``glob.glob(..., recursive=True)`` and ``Path.rglob`` follow symbolic links to
directories without remembering where they have been: a link back to a parent
makes them read the same files again and again, and a few such loops never end.
Here a directory is entered only if its ``(st_dev, st_ino)`` was not seen before
in the same expansion, so loops are cut and a directory reached through two links
is read once (through the first path, in sorted order).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator

__all__ = ["files_under", "glob_files"]


def glob_files(pattern: str) -> list[str]:
    """Paths matching ``pattern`` as ``glob.glob(pattern, recursive=True)`` would, loops cut."""
    head, sep, tail = _split_at_globstar(pattern)
    if not sep:
        return glob.glob(pattern)
    roots = glob.glob(head) if glob.has_magic(head) else [head]
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if root and not os.path.isdir(root):
            continue
        for directory in _directories(root, seen, include_hidden=False):
            if tail:
                found.extend(glob_files(os.path.join(glob.escape(directory), tail)))
            else:
                found.extend(_entries(directory, include_hidden=False))
    return found


def files_under(directory: str) -> list[str]:
    """Every file below ``directory`` (hidden ones too, like ``Path.rglob('*')``), sorted."""
    seen: set[tuple[int, int]] = set()
    return sorted(
        path
        for sub in _directories(os.path.normpath(directory), seen, include_hidden=True)
        for path in _entries(sub, include_hidden=True)
        if os.path.isfile(path)
    )


def _split_at_globstar(pattern: str) -> tuple[str, str, str]:
    """(before, '**', after) at the first ``**`` that is a whole path component."""
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if part == "**":
            head = "/".join(parts[:i])
            if i > 0 and not head:
                head = "/"
            return head, "**", "/".join(parts[i + 1 :])
    return pattern, "", ""


def _directories(root: str, seen: set[tuple[int, int]], include_hidden: bool) -> Iterator[str]:
    """``root`` and the directories below it (depth first, sorted), each real directory once."""
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory or ".")
            names = sorted(os.listdir(directory or "."))
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        yield directory
        subdirs = [os.path.join(directory, n) for n in names if include_hidden or not n.startswith(".")]
        stack.extend(reversed([d for d in subdirs if os.path.isdir(d)]))


def _entries(directory: str, include_hidden: bool) -> list[str]:
    try:
        names = os.listdir(directory or ".")
    except OSError:
        return []
    return [os.path.join(directory, n) for n in names if include_hidden or not n.startswith(".")]
