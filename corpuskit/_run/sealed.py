"""What a run writes and later trusts, sealed with a key kept outside the run directory.

A fresh run creates a random key, stored in the user's state directory
(``$XDG_STATE_HOME/corpuskit/keys/<run id>``, else ``~/.local/state/...``; mode 0600) and
handed to the workers inside their work units, never written to the run directory.
Every pickle the run writes (a global stage's keys, partials and decisions) is framed
with an HMAC-SHA256 of that key, checked before anything is unpickled; the plan and the
completion markers carry one too. Someone who can write the run directory but cannot
read the key can therefore make a resumed run fail, but not run code through a pickle
(docs/reliability.md, "Trust").
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from corpuskit._errors import RunError

__all__ = ["PickleWriter", "forget_key", "key_path", "load_key", "new_key", "read_pickles", "seal", "unseal",
           "write_pickles"]

_RUN_ID = re.compile(r"[0-9a-f]{32}")
_HEADER = 32 + 8  # HMAC-SHA256, then the length of the pickled chunk


def key_path(run_id: str) -> Path:
    """Where the key of run ``run_id`` is kept (never in the run directory)."""
    if not _RUN_ID.fullmatch(run_id):
        raise ValueError(f"not a run id: {run_id!r}")
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "corpuskit" / "keys" / run_id


def new_key(run_id: str) -> bytes:
    """A fresh random key for ``run_id``, stored readable by this user only."""
    path = key_path(run_id)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def load_key(run_id: str) -> bytes | None:
    try:
        return key_path(run_id).read_bytes()
    except (OSError, ValueError):
        return None


def forget_key(run_id: str) -> None:
    """Delete the key of a run that finished or was replaced (nothing of it is trusted again)."""
    with contextlib.suppress(ValueError):
        key_path(run_id).unlink(missing_ok=True)


def _mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def seal(key: bytes, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` with a ``mac`` over its canonical JSON."""
    body = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    return {**payload, "mac": _mac(key, body).hex()}


def unseal(key: bytes, sealed: dict[str, Any]) -> dict[str, Any] | None:
    """The payload of a sealed dict, or None when its ``mac`` is missing or wrong."""
    payload = {k: v for k, v in sealed.items() if k != "mac"}
    mac = sealed.get("mac")
    body = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    if not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(key, body).hex()):
        return None
    return payload


class PickleWriter:
    """Appends chunks of items to a pickle file, each framed with its HMAC."""

    def __init__(self, path: Path, key: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._key = key

    def dump(self, batch: list[Any]) -> None:
        blob = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        self._fh.write(_mac(self._key, blob) + len(blob).to_bytes(8, "little") + blob)

    def close(self) -> None:
        self._fh.close()


def write_pickles(path: Path, items: Iterable[Any], key: bytes, chunk: int = 4096) -> int:
    """Pickle ``items`` to ``path`` in authenticated chunks (fast to write and stream back)."""
    writer = PickleWriter(path, key)
    count = 0
    try:
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                writer.dump(batch)
                count += len(batch)
                batch = []
        if batch:
            writer.dump(batch)
            count += len(batch)
    finally:
        writer.close()
    return count


def read_pickles(path: Path, key: bytes) -> Iterator[Any]:
    """Items written by :func:`write_pickles` with ``key``; a chunk that fails its HMAC is never unpickled."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise RunError(
            f"{path} is missing: the run directory does not hold what its markers say this run saved",
            hint="it was left by another corpuskit version (documents between phases were .jsonl before "
                 "2026-12-03) or changed since: run again without --resume",
        ) from None
    with fh:
        left = os.fstat(fh.fileno()).st_size
        while header := fh.read(_HEADER):
            left -= len(header)
            size = int.from_bytes(header[32:], "little") if len(header) == _HEADER else -1
            blob = fh.read(size) if 0 <= size <= left else b""
            left -= len(blob)
            if len(blob) != size or not hmac.compare_digest(header[:32], _mac(key, blob)):
                raise RunError(
                    f"{path} was not written by this run (its authentication failed); it was not unpickled",
                    hint="someone or something changed the run directory: run again without --resume",
                )
            yield from pickle.loads(blob)
