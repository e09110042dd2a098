"""Per-stage counters that merge with ``+`` across shards and workers."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

__all__ = ["StageStats", "merge_stats"]


@attrs.define
class StageStats:
    """What one stage did: documents in, out, rejected by reason, seconds, counters."""

    name: str
    kind: str = ""
    docs_in: int = 0
    docs_out: int = 0
    rejected: Counter[str] = attrs.field(factory=Counter)
    seconds: float = 0.0
    counters: Counter[str] = attrs.field(factory=Counter)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def balanced(self) -> bool:
        """Documents in = out + rejected: nothing disappeared silently."""
        return self.docs_in == self.docs_out + self.rejected_total

    def __add__(self, other: StageStats) -> StageStats:
        return StageStats(
            name=self.name,
            kind=self.kind or other.kind,
            docs_in=self.docs_in + other.docs_in,
            docs_out=self.docs_out + other.docs_out,
            rejected=self.rejected + other.rejected,
            seconds=self.seconds + other.seconds,
            counters=self.counters + other.counters,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "in": self.docs_in,
            "out": self.docs_out,
            "rejected": dict(sorted(self.rejected.items())),
            "seconds": round(self.seconds, 6),
            "counters": dict(sorted(self.counters.items())),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageStats:
        return cls(
            name=data["name"],
            kind=data.get("kind", ""),
            docs_in=data["in"],
            docs_out=data["out"],
            rejected=Counter(data.get("rejected", {})),
            seconds=data.get("seconds", 0.0),
            counters=Counter(data.get("counters", {})),
        )


def merge_stats(into: dict[str, StageStats], more: dict[str, StageStats]) -> None:
    """Add every stage's stats of ``more`` into ``into`` (keyed by stage label)."""
    for label, stats in more.items():
        into[label] = into[label] + stats if label in into else stats
