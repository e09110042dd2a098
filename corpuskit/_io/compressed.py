"""Decompressing readers that check their input to its end.

``gzip`` and ``zstandard`` streams read through the standard library or the
zstandard package stop quietly at a truncated end (zstandard) or fail with an
exception that names neither the file nor the place (``EOFError``, ``zlib.error``,
``ZstdError``). :class:`CheckedDecompressor` decodes member after member (frame
after frame) itself, so that:

- a file that ends inside a member or frame is an error, never a short read;
- corrupt bytes, a wrong gzip CRC or length, or a zstd checksum mismatch are errors;
- every such error is a :class:`~corpuskit._errors.DataError` naming the file and
  the compressed byte offset (and how many decompressed bytes came before).
"""

from __future__ import annotations

import io
import zlib
from typing import IO, Any

import zstandard

from corpuskit._errors import DataError

__all__ = ["CheckedDecompressor"]

_CHUNK = 64 * 1024  # compressed bytes read at a time: bounds the output of one step
_HINT = "the file is truncated or corrupt: fetch it again, or remove it from the loader's paths"


class CheckedDecompressor(io.RawIOBase):
    """The decompressed bytes of ``raw`` (``kind`` is ``gzip`` or ``zstd``), checked."""

    def __init__(self, raw: IO[bytes], path: str, kind: str) -> None:
        self._raw = raw
        self._path = path
        self._kind = kind
        self._decoder: Any = None  # None between members / frames
        self._pending = b""
        self._pos = 0  # into _pending
        self._consumed = 0  # compressed bytes read so far
        self._produced = 0  # decompressed bytes returned so far
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._pos >= len(self._pending) and not self._done:
            self._fill()
        n = min(len(buffer), len(self._pending) - self._pos)
        buffer[:n] = self._pending[self._pos : self._pos + n]
        self._pos += n
        self._produced += n
        return n

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()

    def _new_decoder(self) -> Any:
        if self._kind == "gzip":
            return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # checks the CRC and length
        return zstandard.ZstdDecompressor().decompressobj()  # checks a frame's checksum if present

    def _fill(self) -> None:
        offset = self._consumed
        chunk = self._raw.read(_CHUNK)
        if not chunk:
            if self._decoder is not None:
                raise DataError(
                    f"{self._path}: truncated {self._kind} file: it ends at byte {offset} inside a "
                    f"compressed {'member' if self._kind == 'gzip' else 'frame'} "
                    f"(after {self._produced} decompressed bytes)",
                    hint=_HINT,
                )
            self._done = True
            return
        self._consumed += len(chunk)
        out: list[bytes] = []
        data = chunk
        while data:
            if self._decoder is None:
                if self._kind == "gzip" and not data.strip(b"\0"):
                    break  # zero padding after the last member, as gzip allows
                self._decoder = self._new_decoder()
            try:
                out.append(self._decoder.decompress(data))
            except (zlib.error, zstandard.ZstdError) as exc:
                raise DataError(
                    f"{self._path}: corrupt {self._kind} data between bytes {offset} and {self._consumed} "
                    f"(after {self._produced} decompressed bytes): {exc}",
                    hint=f"is it really {self._kind}-compressed? ({_HINT})",
                ) from None
            if self._decoder.eof:
                data = self._decoder.unused_data
                self._decoder = None
            else:
                data = b""
        self._pending = self._pending[self._pos :] + b"".join(out)
        self._pos = 0
