"""What lifecycle hooks are told about a run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

__all__ = ["RunInfo"]


@attrs.frozen
class RunInfo:
    """The run a lifecycle hook is called for."""

    name: str
    run_dir: Path
    executor: str
    workers: int
    config: dict[str, Any]
    resumed: bool = False
