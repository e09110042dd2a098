"""Records of a WARC/ARC/WET file (warcio), from a byte offset, with damage found and skipped.

warcio reads gzipped and plain WARC, ARC (as WARC-like records) and WET. It ends quietly on
a gzip member cut short and hands out a record whose block is shorter than its
Content-Length, so this module checks both: a record whose block stops early, a region
warcio cannot parse, and bytes left after the last record it read are reported as
:class:`Damage` at their file offset, and reading resumes at the next record boundary.
Boundaries are what :func:`next_boundary` finds: the next gzip member (gzipped files) or
``WARC/1.`` line (plain files) that parses as a record header.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator
from typing import IO, Any

import attrs

__all__ = ["Damage", "Record", "is_gzipped", "next_boundary", "records"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN = 1 << 20
_ERRORS = (zlib.error, EOFError, ValueError, AttributeError, IndexError, KeyError)
"""What warcio raises on bytes that are not a record (its own exceptions derive from these
or are added by :func:`_warcio`)."""


def _warcio() -> tuple[Any, tuple[type[BaseException], ...]]:
    """warcio's ArchiveIterator and parse errors, imported on first use (warcio imports fsspec,
    which a run without WARC input should not pay for)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return ArchiveIterator, (*_ERRORS, ArchiveLoadFailed, StatusAndHeadersParserException)


@attrs.frozen
class Record:
    """One record: where it starts, its type and headers, and its (HTTP-decoded) content."""

    offset: int
    rec_type: str
    headers: dict[str, str]
    http_status: int | None
    http_content_type: str | None
    content: bytes


@attrs.frozen
class Damage:
    """Bytes that are not a whole record: from ``offset`` to ``end`` (None: the end of the file)."""

    offset: int
    end: int | None
    detail: str


def is_gzipped(fh: IO[bytes]) -> bool:
    fh.seek(0)
    head = fh.read(3)
    return head == _GZIP_MAGIC


def _parses_at(fh: IO[bytes], pos: int) -> bool:
    archive_iterator, errors = _warcio()
    fh.seek(pos)
    try:
        it = archive_iterator(fh, arc2warc=True)
        next(iter(it))
        return True
    except (*errors, StopIteration, OSError):  # type: ignore[misc]  # a runtime tuple of classes
        return False


def next_boundary(fh: IO[bytes], pos: int, gzipped: bool, limit: int | None = None) -> int | None:
    """The first offset at or after ``pos`` (before ``limit``) where a record starts, or None."""
    magic = _GZIP_MAGIC if gzipped else b"WARC/1."
    while limit is None or pos < limit:
        fh.seek(pos)
        chunk = fh.read(_SCAN + len(magic))
        if not chunk:
            return None
        at = chunk.find(magic)
        while at != -1 and at < _SCAN:
            candidate = pos + at
            if limit is not None and candidate >= limit:
                return None
            if (gzipped or at == 0 or chunk[at - 1 : at] == b"\n") and _parses_at(fh, candidate):
                return candidate
            at = chunk.find(magic, at + 1)
        if len(chunk) <= _SCAN:
            return None
        pos += _SCAN
    return None


def _record(rec: Any, offset: int = 0) -> Record | Damage:
    content = rec.content_stream().read()
    left = getattr(rec.raw_stream, "limit", 0)
    if left:
        return Damage(offset, None, f"record cut short: {left} bytes of its Content-Length missing")
    http = rec.http_headers
    status = None
    if http is not None and rec.rec_type in ("response", "revisit"):
        code = http.get_statuscode()
        status = int(code) if code and code.isdigit() else None
    return Record(
        offset=offset,
        rec_type=rec.rec_type,
        headers={k: v for k, v in rec.rec_headers.headers},
        http_status=status,
        http_content_type=http.get_header("Content-Type") if http is not None else None,
        content=content,
    )


def records(fh: IO[bytes], start: int, end: int | None, size: int) -> Iterator[Record | Damage]:
    """The records that start in ``[start, end)``, and the damage met on the way, in file order."""
    gzipped = is_gzipped(fh)
    stop = size if end is None else min(end, size)
    pos: int | None = start
    while pos is not None and pos < stop:
        pos = yield from _read_from(fh, pos, stop, size, gzipped)


def _read_from(
    fh: IO[bytes], pos: int, stop: int, size: int, gzipped: bool
) -> Generator[Record | Damage, None, int | None]:
    """Records from ``pos`` until damage or ``stop``; returns where to resume (None: done)."""
    archive_iterator, errors = _warcio()
    fh.seek(pos)
    it = archive_iterator(fh, arc2warc=True)
    base = pos - it.offset  # warcio counts from the stream's position when it can tell it
    try:
        for rec in it:
            item = _record(rec)  # first: get_record_offset() reads the record to its end
            offset = base + it.get_record_offset()
            if offset >= stop:
                return None
            item = attrs.evolve(item, offset=offset)
            yield item
            if isinstance(item, Damage):
                return next_boundary(fh, offset + 1, gzipped)
    except (*errors, OSError) as exc:  # type: ignore[misc]  # a runtime tuple of classes
        bad = base + it.offset
        resume = next_boundary(fh, bad + 1, gzipped)
        yield Damage(bad, resume, f"unreadable record ({type(exc).__name__}: {exc})"[:300])
        return resume
    ended = base + it.offset
    if it.record is not None:
        ended = max(ended, base + it.get_record_offset() + it.get_record_length())
    if ended >= stop or not _rest_is_data(fh, ended, size):
        return None
    resume = next_boundary(fh, ended + 1, gzipped)
    yield Damage(ended, resume, "bytes after the last readable record that do not parse as one (cut file?)")
    return resume


def _rest_is_data(fh: IO[bytes], pos: int, size: int) -> bool:
    """Whether anything but whitespace lies between ``pos`` and the end of the file."""
    fh.seek(pos)
    while chunk := fh.read(_SCAN):
        if chunk.strip():
            return True
    return False
