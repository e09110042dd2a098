"""Output paths over a document's fields: ``out/{meta.language}/part.jsonl``.

An exporter's output path may name fields of the document between braces: ``{id}`` or
``{meta.KEY}`` (``{meta.a.b}`` reaches into nested objects); ``{{`` and ``}}`` are literal
braces. Each document goes to the file its values name. A value becomes one safe piece
of a file name (:func:`safe_piece`): it never adds a directory, never climbs out with
``..``, never hides a file behind a leading dot, and is never longer than
:data:`MAX_PIECE_BYTES`. A document whose field is absent, null, empty or not a scalar
is rejected with a reason that names the field (docs/user-guide.md, "Outputs split by
field").

With ``max_records_per_file`` / ``max_bytes_per_file`` an output is split into numbered
files: :func:`numbered` puts ``-00000``, ``-00001``... before the name's extension.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
from typing import Any

import attrs

__all__ = ["MAX_PIECE_BYTES", "PathTemplate", "TemplateError", "numbered", "safe_piece"]

MAX_PIECE_BYTES = 100
_KEEP = frozenset("-_.=+@,")
_FIELD = re.compile(r"^(id|meta(\.[^.\s]+)+)$")
_COMPRESSED = (".gz", ".zst", ".zstd", ".bz2", ".xz")


class TemplateError(ValueError):
    """A path template that cannot name files (the message says why)."""


@functools.lru_cache(maxsize=4096)  # a field's values repeat (languages, sites): made safe once each
def safe_piece(value: str) -> str:
    """``value`` as a piece of one file name: letters, digits and ``-_.=+@,`` kept,
    anything else (``/``, ``\\``, spaces, controls, quotes...) replaced by ``_``; leading
    dots replaced by ``_`` (so never ``.``, ``..`` or a hidden name); over
    :data:`MAX_PIECE_BYTES` UTF-8 bytes, cut and ended with a hash of the whole value
    (two long values stay apart). Empty stays empty (the caller rejects it)."""
    piece = "".join(c if c.isalnum() or c in _KEEP else "_" for c in value)
    stripped = piece.lstrip(".")
    piece = "_" * (len(piece) - len(stripped)) + stripped
    if len(piece.encode()) > MAX_PIECE_BYTES:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cut = piece.encode()[: MAX_PIECE_BYTES - len(digest) - 1].decode("utf-8", "ignore")
        piece = f"{cut}-{digest}"
    return piece


def numbered(path: str, n: int) -> str:
    """``out/docs.jsonl.zst`` -> ``out/docs-00003.jsonl.zst``: the number goes before the
    extension (the last two when the last is a compression's), five digits at least."""
    head, sep, name = path.rpartition("/")
    parts = name.split(".")
    keep = 0 if len(parts) < 2 or not parts[0] else 2 if "." + parts[-1] in _COMPRESSED and len(parts) > 2 else 1
    stem, ext = ".".join(parts[: len(parts) - keep]), "".join("." + p for p in parts[len(parts) - keep:])
    return f"{head}{sep}{stem}-{n:05d}{ext}"


@attrs.frozen
class PathTemplate:
    """A parsed output path: literal text and the fields between braces."""

    text: str
    pieces: tuple[tuple[str, str | None], ...]  # (literal, field or None)

    @classmethod
    def parse(cls, text: str) -> PathTemplate:
        """Raise :class:`TemplateError` for a bad field (format specs, unknown roots, ...)."""
        pieces: list[tuple[str, str | None]] = []
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise TemplateError(f"{exc} in the path template {text!r}; "
                                "write {{ and }} for literal braces") from None
        for literal, field, spec, conversion in parsed:
            if field is not None:
                if spec or conversion:
                    raise TemplateError(f"the field {{{field}}} in {text!r} has a format or a conversion, "
                                        "which output paths do not take")
                if not _FIELD.match(field):
                    raise TemplateError(f"{{{field}}} in {text!r} is not a document field: "
                                        "write {id} or {meta.KEY} (nested: {meta.a.b})")
            pieces.append((literal, field))
        return cls(text, tuple(pieces))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for _, f in self.pieces if f is not None)

    @property
    def is_template(self) -> bool:
        return bool(self.fields)

    def static_dir(self) -> str:
        """The directory every rendered path lies under (``out`` for ``out/{meta.x}/a.jsonl``; ``.``)."""
        head = ""
        for literal, field in self.pieces:
            head += literal
            if field is not None:
                break
        if not self.is_template:
            return head.rpartition("/")[0] or "."
        return head.rpartition("/")[0] or ("/" if head.startswith("/") else ".")

    def render(self, doc_id: str, meta: dict[str, Any]) -> str | tuple[str, str]:
        """The path for one document, or ``(reason, detail)`` naming the field that fails."""
        out: list[str] = []
        for literal, field in self.pieces:
            out.append(literal)
            if field is None:
                continue
            value = _lookup(field, doc_id, meta)
            if value is None or value == "":
                return f"output path: no {field}", f"the path template {self.text!r} needs {field}"
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, (int, float)):
                value = str(value)
            elif not isinstance(value, str):
                return (f"output path: {field} is not a scalar", f"{field} is a {type(value).__name__}; "
                        f"the path template {self.text!r} needs a string or a number")
            piece = safe_piece(value)
            if not piece:
                return f"output path: no {field}", f"the path template {self.text!r} needs {field}"
            out.append(piece)
        return "".join(out)


def _lookup(field: str, doc_id: str, meta: dict[str, Any]) -> Any:
    if field == "id":
        return doc_id
    value: Any = meta
    for key in field.split(".")[1:]:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
