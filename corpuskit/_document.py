"""The unit of work: one text with its id and JSON-able metadata."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Document"]


@attrs.frozen(slots=True)
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
