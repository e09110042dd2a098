"""Opening plain, gzip and zstandard files by extension, and atomic commits.

Paths may be fsspec URLs (``s3://...``): those go through :mod:`corpuskit._io.remote`;
plain paths use the built-in ``open`` and never import fsspec.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from corpuskit._io.compressed import CheckedDecompressor
from corpuskit._io.remote import is_url, url_open, url_size, url_write_via_temporary

__all__ = [
    "atomic_concat", "atomic_write", "compression_of", "file_size", "keep_mode", "open_binary", "open_read",
    "open_write",
]


def compression_of(path: str | os.PathLike[str]) -> str | None:
    """``gzip``, ``zstd`` or None, from the file name's extension."""
    name = str(path).lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith((".zst", ".zstd")):
        return "zstd"
    return None


def open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    """The raw bytes of a local file or a URL, seekable."""
    if is_url(path):
        return url_open(str(path))
    return open(path, "rb")


def file_size(path: str | os.PathLike[str]) -> int:
    """Size in bytes of a local file or a URL."""
    return url_size(str(path)) if is_url(path) else os.path.getsize(path)


def open_read(path: str | os.PathLike[str]) -> IO[bytes]:
    """A binary reader (local file or URL) that decompresses by extension.

    A compressed file is checked to its end: truncation or corruption raises a
    DataError naming the file and the byte offset (:mod:`corpuskit._io.compressed`).
    """
    kind = compression_of(path)
    raw = open_binary(path)
    if kind is None:
        return raw
    return _as_binary_io(io.BufferedReader(CheckedDecompressor(raw, str(path), kind), 1 << 20))


def open_write(path: str | os.PathLike[str], compression: str | None) -> IO[bytes]:
    """A binary writer compressing with ``compression`` (deterministic bytes)."""
    return _compressing(open(path, "wb"), compression)


def _compressing(raw: IO[bytes], compression: str | None) -> IO[bytes]:
    if compression == "gzip":
        return _as_binary_io(gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename=""))
    if compression == "zstd":
        # each frame carries a checksum, so a reader can tell corrupt bytes from data
        return zstandard.ZstdCompressor(level=3, write_checksum=True).stream_writer(raw, closefd=True)
    return raw


def _as_binary_io(stream: io.BufferedIOBase | io.RawIOBase) -> IO[bytes]:
    """``stream`` as the ``IO[bytes]`` it is at run time.

    The io classes implement every method of ``typing.IO``, but typeshed does not
    declare them subclasses of it, so this is the one place that says so.
    """
    return cast(IO[bytes], stream)


def _copy_parts(parts: list[Path], out: IO[bytes]) -> None:
    for part in parts:
        with open(part, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)


def atomic_concat(parts: list[Path], final: Path | str, compression: str | None, header: bytes = b"") -> None:
    """Write ``header`` then the plain ``parts`` in order, compressed, to ``final`` via a temporary name.

    The final name appears only once everything is written and flushed, so a crash
    never leaves a half file where a finished one is expected. ``final`` may be a URL:
    the parts are then streamed to a temporary object next to it and moved into place
    (see :func:`corpuskit._io.remote.url_write_via_temporary`).
    """
    if is_url(final):
        def write(raw: IO[bytes]) -> None:
            out = _compressing(_as_binary_io(_Unclosed(raw)), compression)
            if header:
                out.write(header)
            _copy_parts(parts, out)
            out.close()  # flushes the compressor's trailer; the raw object stays open

        url_write_via_temporary(str(final), write)
        return

    def fill(tmp: Path) -> None:
        with open_write(tmp, compression) as out:
            if header:
                out.write(header)
            _copy_parts(parts, out)

    _replace_atomically(Path(final), fill)


def atomic_write(final: Path | str, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(binary file)`` on a temporary name next to ``final``, then move it into place.

    As :func:`atomic_concat`: the final name appears only once ``write`` returned and the
    bytes are on disk; on any error the temporary is removed and ``final`` is left as it
    was. ``final`` may be a URL (a temporary object next to it, then ``fs.mv``).
    """
    if is_url(final):
        url_write_via_temporary(str(final), write)
        return

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as out:
            write(out)

    _replace_atomically(Path(final), fill)


def _replace_atomically(final: Path, fill: Callable[[Path], None]) -> None:
    """``fill(temporary path)``, flush it to disk, then rename it to ``final`` (keeping its mode)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(final)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        fill(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        keep_mode(final, tmp)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def keep_mode(final: Path, tmp: Path) -> None:
    """Give ``tmp`` the permissions of the regular file it replaces (a replaced file keeps its mode)."""
    try:
        st = os.lstat(final)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode):
        os.chmod(tmp, stat.S_IMODE(st.st_mode))


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


class _Unclosed(io.RawIOBase):
    """Forwards writes to ``raw`` but leaves closing it to its owner."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._raw.write(data)
        return len(data)
