"""The run directory: where a run keeps its plan, markers, scratch data and results.

    config.yaml                   the resolved pipeline
    plan.json                     shards and the fingerprint of config and inputs
    markers/seg<i>-shard<s>.json  a finished shard of segment i, with its stats
    markers/seg<i>-reduce.json    a finished reduce + combine of segment i's global stage
    data/seg<i>/shard-<s>.pkl     documents between segments (removed at the end)
    keys/seg<i>/shard-<s>/b<b>.pkl  a global stage's keys (removed at the end)
    decisions/seg<i>/shard-<s>/   decisions addressed to a shard (removed at the end)
    parts/<stage>/shard-<s>.jsonl export parts (removed once committed); a split output's
                                  documents, with shard-<s>.index: the file each goes to
    commit.json                   a split output's commit in progress (corpuskit._run.commit_set)
    rejects/seg<i>-shard<s>.jsonl rejects per shard, merged into rejects.jsonl
    probes/seg<i>-shard<s>.json   what shard s of segment i recorded for the report (merged at the end)
    stats.json, report.txt        results
    report.json, report.html      the report's records and the report (docs/report.md)
    .corpuskit-run                says corpuskit created this directory (nothing else is ever deleted)
    .lock                         held (flock) by the run using the directory: its pid and start time

A directory without ``.corpuskit-run`` is never reset: a ``--run-dir`` that names a
folder of the user's is refused, not emptied (see docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from corpuskit._errors import RunDirError
from corpuskit._run.sealed import seal, unseal

__all__ = ["RunDir", "write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary name and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


MARK = ".corpuskit-run"
LOCK = ".lock"
SCRATCH = ("data", "keys", "partials", "decisions", "parts", "rejects", "probes")
OWNED_DIRS = ("markers", *SCRATCH)
OWNED_FILES = ("config.yaml", "plan.json", "stats.json", "report.txt", "rejects.jsonl", "report.json", "report.html")


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S%z")


def _holder(data: bytes) -> str:
    """``pid 123, started 2024-...`` from a lock file's content."""
    try:
        info = orjson.loads(data)
        return f"pid {info['pid']}, started {info['started']}"
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return "its pid is not recorded yet"


class RunDir:
    """Paths and bookkeeping of one run directory."""

    def __init__(self, root: str | os.PathLike[str], key: bytes = b"") -> None:
        self.root = Path(root)
        self.key = key  # the run's key (corpuskit._run.sealed): seals markers and pickles

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
    def report_data(self) -> Path:
        return self.root / "report.json"

    @property
    def report_html(self) -> Path:
        return self.root / "report.html"

    def probe(self, segment: int, shard: int) -> Path:
        return self.root / "probes" / f"seg{segment}-shard{shard:06d}.json"

    @property
    def rejects(self) -> Path:
        return self.root / "rejects.jsonl"

    def shard_marker(self, segment: int, shard: int) -> Path:
        return self.root / "markers" / f"seg{segment}-shard{shard:06d}.json"

    def reduce_marker(self, segment: int) -> Path:
        return self.root / "markers" / f"seg{segment}-reduce.json"

    def data(self, segment: int, shard: int) -> Path:
        return self.root / "data" / f"seg{segment}" / f"shard-{shard:06d}.pkl"

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
    def read_marker(self, path: Path) -> dict[str, Any] | None:
        """A marker this run sealed with its key; None when absent, unreadable or not sealed with it."""
        try:
            raw = orjson.loads(path.read_bytes())
        except (FileNotFoundError, orjson.JSONDecodeError):
            return None
        return unseal(self.key, raw) if isinstance(raw, dict) else None

    def write_marker(self, path: Path, payload: dict[str, Any]) -> None:
        write_atomic(path, orjson.dumps(seal(self.key, payload)))

    # -- ownership and the lock ------------------------------------------------
    def claim(self) -> None:
        """Make ``root`` a run directory (created, or empty), or refuse a folder corpuskit did not create.

        A directory an older corpuskit left (a ``plan.json`` and only names a run
        directory holds) is adopted.
        """
        try:
            self._claim(self.root / MARK)
        except OSError as exc:
            raise RunDirError(
                f"cannot prepare the run directory {self.root}: {exc.strerror or exc}",
                hint="choose another with --run-dir or run_dir, or fix its permissions",
            ) from None

    def _claim(self, mark: Path) -> None:
        if mark.is_file():
            return
        if self.root.is_dir():
            entries = {p.name for p in self.root.iterdir()}
            legacy = "plan.json" in entries and entries <= {*OWNED_DIRS, *OWNED_FILES, LOCK}
            if entries and not legacy:
                shown = ", ".join(sorted(entries)[:5]) + (", ..." if len(entries) > 5 else "")
                raise RunDirError(
                    f"{self.root} is not a corpuskit run directory (it has no {MARK}) and is not empty "
                    f"({shown}); corpuskit resets only directories it created",
                    hint="choose a new or empty folder with --run-dir or run_dir (default .corpuskit/runs/NAME)",
                )
        elif self.root.exists():
            raise RunDirError(f"the run directory {self.root} exists and is not a directory",
                              hint="choose another with --run-dir or run_dir")
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(mark, orjson.dumps({"corpuskit": "run directory", "created": _now()}))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the directory for one run; a second run is refused naming the first (pid, start time)."""
        with open(self.root / LOCK, "a+b") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = _holder(fh.read())
                raise RunDirError(
                    f"the run directory {self.root} is in use by another run ({holder})",
                    hint="wait for that run to finish, or give this one another --run-dir",
                ) from None
            fh.truncate(0)
            fh.write(orjson.dumps({"pid": os.getpid(), "started": _now()}))
            fh.flush()
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # -- lifecycle ----------------------------------------------------------
    def reset(self) -> None:
        """Empty the directory for a fresh run: only the entries a run directory creates."""
        self.claim()
        for name in OWNED_DIRS:
            shutil.rmtree(self.root / name, ignore_errors=True)
        for name in OWNED_FILES:
            (self.root / name).unlink(missing_ok=True)

    def clean_scratch(self) -> None:
        """Remove what only a running or resumed run needs."""
        for name in SCRATCH:
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
