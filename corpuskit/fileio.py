"""Opening plain, gzip and zstandard files by extension, and atomic commits."""

from __future__ import annotations

import glob
import gzip
import io
import os
from pathlib import Path
from typing import IO

import zstandard

__all__ = ["atomic_concat", "compression_of", "open_read", "open_write"]


def compression_of(path: str | os.PathLike[str]) -> str | None:
    """``gzip``, ``zstd`` or None, from the file name's extension."""
    name = str(path).lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith((".zst", ".zstd")):
        return "zstd"
    return None


def open_read(path: str | os.PathLike[str]) -> IO[bytes]:
    """A binary reader that decompresses by extension."""
    kind = compression_of(path)
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if kind == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return raw


def open_write(path: str | os.PathLike[str], compression: str | None) -> IO[bytes]:
    """A binary writer compressing with ``compression`` (deterministic bytes)."""
    raw = open(path, "wb")  # noqa: SIM115 - returned to the caller
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="")  # type: ignore[return-value]
    if compression == "zstd":
        return zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=True)  # type: ignore[return-value]
    return raw


def atomic_concat(parts: list[Path], final: Path, compression: str | None) -> None:
    """Write the plain ``parts`` in order, compressed, to ``final`` via a temporary name.

    The final name appears only once everything is written and flushed, so a crash
    never leaves a half file where a finished one is expected.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(final)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        with open_write(tmp, compression) as out:
            for part in parts:
                with open(part, "rb") as src:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(final: Path) -> None:
    """Temporaries of ``final`` left by a killed commit (their process is gone)."""
    for tmp in final.parent.glob(f".{glob.escape(final.name)}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True
