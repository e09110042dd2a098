"""The unit of work: one text with its id and JSON-able metadata."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Document"]


_NO_META: Any = attrs.NOTHING  # what attrs' own __init__ has as the default: meta then is a new dict


@attrs.frozen(slots=True, init=False)
class Document:
    """One document flowing through a pipeline.

    ``meta`` holds JSON-able values only. Stages write their results under documented
    keys (``title``, ``dedup``, ...). ``meta["source"]`` says where the document came
    from (``{"path": ..., "line": ...}``) so every output and rejection traces back to
    its input.

    Documents are immutable: make a changed copy with :meth:`with_text` or
    :meth:`with_meta` (both copy ``meta``, so the original is never touched).
    """

    id: str
    text: str
    meta: dict[str, Any] = attrs.field(factory=dict)

    def __init__(self, id: str, text: str, meta: dict[str, Any] = _NO_META) -> None:
        # attrs' own __init__ of a frozen class sets each field through object.__setattr__ by
        # name; the slots' setters do the same a quarter faster (every document is made, often twice)
        _set_id(self, id)
        _set_text(self, text)
        _set_meta(self, {} if meta is _NO_META else meta)

    def with_text(self, text: str) -> Document:
        """A copy with ``text`` replaced and ``meta`` copied."""
        return Document(self.id, text, dict(self.meta))

    def with_meta(self, **values: Any) -> Document:
        """A copy whose ``meta`` has ``values`` added or replaced."""
        meta = dict(self.meta)
        meta.update(values)
        return Document(self.id, self.text, meta)

    def to_record(self) -> dict[str, Any]:
        """The ``{"id", "text", "meta"}`` dict used by JSONL files and rejects."""
        return {"id": self.id, "text": self.text, "meta": self.meta}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Document:
        """Inverse of :meth:`to_record`."""
        return cls(str(record["id"]), record["text"], record.get("meta") or {})


_set_id = Document.__dict__["id"].__set__  # the slots' descriptors
_set_text = Document.__dict__["text"].__set__
_set_meta = Document.__dict__["meta"].__set__
