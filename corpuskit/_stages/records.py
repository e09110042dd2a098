"""What the loaders keep of a record: its fields, a default id, and a size limit.

- Fields: every top-level field of a JSON record that is not the id or the text is
  kept in ``meta`` (:func:`record_meta`); none is dropped.
- Default ids: a record without an id gets ``NAME:LINE``; NAME is unique among the
  loader's files (:func:`short_names`), so two ``m.jsonl`` in different folders do
  not give the same ids.
- Size: a line longer than the loader's ``max_document_bytes`` is skipped in chunks
  without ever being held whole (:func:`bounded_lines`), and rejected by its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from corpuskit._document import Document

if TYPE_CHECKING:
    from corpuskit._stages.context import StageContext

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "PREVIEW_BYTES",
    "TOO_LARGE",
    "bounded_lines",
    "record_meta",
    "reject_too_large",
    "short_names",
]

DEFAULT_MAX_DOCUMENT_BYTES = 64 << 20
PREVIEW_BYTES = 1024  # of a record over the limit, kept as the reject's text
_SKIP_CHUNK = 1 << 20
SOURCE = "source"
DISPLACED = "record"
TOO_LARGE = "too large"
"""The reject reason of a record over the loader's ``max_document_bytes``."""


def record_meta(record: dict[str, Any], id_field: str, text_field: str, meta_field: str,
                source: dict[str, Any]) -> dict[str, Any]:
    """The ``meta`` of a record: its meta object, its other fields, and ``source``.

    A top-level field goes to ``meta[field]`` unless the record's meta object already
    has that key, or it is ``source`` (which the loader sets): such fields are kept
    under ``meta["record"][field]``, and a ``source`` key of the meta object under
    ``meta["record"]["meta.source"]`` (``meta`` being ``meta_field``); the key is
    ``record_1``, ``record_2``... if ``record`` is taken.
    """
    own = record.get(meta_field)
    own_keys = set(own) if isinstance(own, dict) else set()
    meta: dict[str, Any] = {}
    displaced: dict[str, Any] = {}
    for key, value in record.items():
        if key == meta_field and isinstance(value, dict):
            meta.update(value)
        elif key in (id_field, text_field):
            continue
        elif key in own_keys or key == SOURCE:
            displaced[key] = value
        else:
            meta[key] = value
    if SOURCE in meta:
        displaced[f"{meta_field}.{SOURCE}"] = meta.pop(SOURCE)
    meta[SOURCE] = source
    if displaced:
        name, n = DISPLACED, 0
        while name in meta:
            n += 1
            name = f"{DISPLACED}_{n}"
        meta[name] = displaced
    return meta


def short_names(files: list[str]) -> dict[str, str]:
    """A name per file for default ids: its name up to the first dot, where that is unique.

    Files that share such a stem are named by their path relative to the folder
    common to them (without the extensions, or with them if that still clashes).
    """
    stems = {f: _base(f).split(".")[0] for f in files}
    counts = Counter(stems.values())
    clashing = [f for f in files if counts[stems[f]] > 1]
    if not clashing:
        return stems
    relative = _relative(clashing)
    shorter = {f: _strip_extensions(relative[f]) for f in clashing}
    shorter_counts = Counter(shorter.values())
    for f in clashing:
        stems[f] = shorter[f] if shorter_counts[shorter[f]] == 1 else relative[f]
    return stems


def _base(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _strip_extensions(relative: str) -> str:
    head, sep, base = relative.rpartition("/")
    return head + sep + base.split(".")[0]


def _relative(files: list[str]) -> dict[str, str]:
    """Each path relative to the folder common to all of them (URL schemes ignored)."""
    parts = {f: f.split("://", 1)[-1].split("/") for f in files}
    folders = [p[:-1] for p in parts.values()]
    common = 0
    while all(len(d) > common and d[common] == folders[0][common] for d in folders):
        common += 1
    return {f: "/".join(p[common:]) for f, p in parts.items()}


def bounded_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[bytes | None, int, bytes]]:
    """``(line, size, preview)`` per line of ``fh``; ``line`` is None past ``limit`` bytes.

    ``size`` counts the line's newline; the limit does not. A line over the limit is
    read on in chunks and dropped, so it is never held whole; ``preview`` then holds
    its first :data:`PREVIEW_BYTES` bytes.
    """
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw, len(raw), b""
            continue
        preview, size = raw[:PREVIEW_BYTES], len(raw)
        del raw
        while True:
            chunk = fh.readline(_SKIP_CHUNK)
            size += len(chunk)
            if len(preview) < PREVIEW_BYTES:
                preview += chunk[: PREVIEW_BYTES - len(preview)]
            if not chunk or chunk.endswith(b"\n"):
                break
        yield None, size, preview.removesuffix(b"\n")


def reject_too_large(doc_id: str, source: dict[str, Any], size: int, preview: bytes, where: str, limit: int,
                     ctx: StageContext) -> None:
    """Reject a record over ``max_document_bytes`` by its size; its text is its first bytes."""
    at = f" at byte offset {source['offset']}" if "offset" in source else ""
    detail = (f"{where}: {size} bytes{at}, over max_document_bytes ({limit}); "
              f"the text kept here is its first {len(preview)} bytes")
    text = preview.decode("utf-8", errors="backslashreplace")
    ctx.reject(Document(doc_id, text, {"source": {**source, "bytes": size}}), TOO_LARGE, detail)
