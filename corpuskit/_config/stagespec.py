"""``StageSpec``: one stage of a validated pipeline, as every later layer sees it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from corpuskit._stages.kinds import is_global

__all__ = ["StageSpec"]


@attrs.frozen
class StageSpec:
    """One stage of a pipeline: its name, kind, validated instance and position."""

    index: int
    name: str
    kind: str
    stage: Any
    plugin: str
    where: str
    param_where: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def label(self) -> str:
        """``2:minhash`` - the stage's position and name; keys stats and rejects."""
        return f"{self.index}:{self.name}"

    @property
    def is_global(self) -> bool:
        return is_global(self.stage)

    def params(self) -> dict[str, Any]:
        """The stage's parameters with defaults filled in, as plain values."""
        params: dict[str, Any] = _plain(attrs.asdict(self.stage, recurse=True))
        return params


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value
