"""The run directory: where a run keeps its plan, markers, scratch data and results.

    config.yaml                   the resolved pipeline
    plan.json                     shards and the fingerprint of config and inputs
    markers/seg<i>-shard<s>.json  a finished shard of segment i, with its stats
    markers/seg<i>-reduce.json    a finished reduce + combine of segment i's global stage
    data/seg<i>/shard-<s>.jsonl   documents between segments (removed at the end)
    keys/seg<i>/shard-<s>/b<b>.pkl  a global stage's keys (removed at the end)
    decisions/seg<i>/shard-<s>/   decisions addressed to a shard (removed at the end)
    parts/<stage>/shard-<s>.jsonl export parts (removed once committed)
    rejects/seg<i>-shard<s>.jsonl rejects per shard, merged into rejects.jsonl
    stats.json, report.txt        results
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

__all__ = ["RunDir", "read_pickles", "write_atomic", "write_pickles"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary name and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_pickles(path: Path, items: Iterable[Any], chunk: int = 4096) -> int:
    """Pickle ``items`` to ``path`` in chunks (fast to write and stream back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "wb") as fh:
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
                count += len(batch)
                batch = []
        if batch:
            pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
            count += len(batch)
    return count


def read_pickles(path: Path) -> Iterator[Any]:
    """Items written by :func:`write_pickles`, in order."""
    with open(path, "rb") as fh:
        while True:
            try:
                batch = pickle.load(fh)
            except EOFError:
                return
            yield from batch


class RunDir:
    """Paths and bookkeeping of one run directory."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    # -- layout -------------------------------------------------------------
    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    @property
    def plan(self) -> Path:
        return self.root / "plan.json"

    @property
    def stats(self) -> Path:
        return self.root / "stats.json"

    @property
    def report(self) -> Path:
        return self.root / "report.txt"

    @property
    def rejects(self) -> Path:
        return self.root / "rejects.jsonl"

    def shard_marker(self, segment: int, shard: int) -> Path:
        return self.root / "markers" / f"seg{segment}-shard{shard:06d}.json"

    def reduce_marker(self, segment: int) -> Path:
        return self.root / "markers" / f"seg{segment}-reduce.json"

    def data(self, segment: int, shard: int) -> Path:
        return self.root / "data" / f"seg{segment}" / f"shard-{shard:06d}.jsonl"

    def keys(self, segment: int, shard: int, bucket: int) -> Path:
        return self.root / "keys" / f"seg{segment}" / f"shard-{shard:06d}" / f"b{bucket:05d}.pkl"

    def partials(self, segment: int, bucket: int) -> Path:
        return self.root / "partials" / f"seg{segment}" / f"b{bucket:05d}.pkl"

    def decisions_dir(self, segment: int, shard: int) -> Path:
        return self.root / "decisions" / f"seg{segment}" / f"shard-{shard:06d}"

    def part(self, label: str, shard: int) -> Path:
        safe = label.replace(":", "-").replace("/", "_")
        return self.root / "parts" / safe / f"shard-{shard:06d}.jsonl"

    def shard_rejects(self, segment: int, shard: int) -> Path:
        return self.root / "rejects" / f"seg{segment}-shard{shard:06d}.jsonl"

    # -- markers ------------------------------------------------------------
    @staticmethod
    def read_marker(path: Path) -> dict[str, Any] | None:
        try:
            marker: dict[str, Any] = orjson.loads(path.read_bytes())
            return marker
        except (FileNotFoundError, orjson.JSONDecodeError):
            return None

    @staticmethod
    def write_marker(path: Path, payload: dict[str, Any]) -> None:
        write_atomic(path, orjson.dumps(payload))

    # -- lifecycle ----------------------------------------------------------
    def reset(self) -> None:
        """Empty the directory for a fresh run (only corpuskit's own entries)."""
        for name in ("markers", "data", "keys", "partials", "decisions", "parts", "rejects"):
            shutil.rmtree(self.root / name, ignore_errors=True)
        for path in (self.plan, self.stats, self.report, self.rejects, self.config):
            path.unlink(missing_ok=True)
        self.root.mkdir(parents=True, exist_ok=True)

    def clean_scratch(self) -> None:
        """Remove what only a running or resumed run needs."""
        for name in ("data", "keys", "partials", "decisions", "parts", "rejects"):
            shutil.rmtree(self.root / name, ignore_errors=True)

    def merge_rejects(self, files: list[Path]) -> int:
        """Concatenate per-shard rejects, in order, into rejects.jsonl; count lines."""
        count = 0
        tmp = self.rejects.with_name(".rejects.jsonl.tmp")
        with open(tmp, "wb") as out:
            for path in files:
                if path.exists():
                    with open(path, "rb") as src:
                        for line in src:
                            out.write(line)
                            count += 1
        os.replace(tmp, self.rejects)
        return count
