"""``read_warc``: one document per HTML response record of WARC, ARC and WET files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from corpuskit._document import Document
from corpuskit._io.files import file_size, open_binary
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.readers import MiB, expand_paths
from corpuskit._stages.web.charset import declared_charset
from corpuskit._stages.web.html_reader import page_document
from corpuskit._stages.web.warc_records import Damage, Record, is_gzipped, next_boundary, records

__all__ = ["ReadWarc", "plan_ranges"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in (".gz", ".warc", ".arc", ".wet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def plan_ranges(path: str, size: int, shard_size: int) -> list[Shard]:
    """Byte ranges of about ``shard_size`` that start on record boundaries (one per file if small)."""
    if size <= shard_size:
        return [Shard(source=path, start=0, end=None, weight=size)]
    starts = [0]
    with open_binary(path) as fh:
        gzipped = is_gzipped(fh)
        target = shard_size
        while target < size:
            at = next_boundary(fh, max(target, starts[-1] + 1), gzipped, limit=size)
            if at is None:
                break
            starts.append(at)
            target = at + shard_size
    ends: list[int | None] = [*starts[1:], None]
    return [Shard(source=path, start=s, end=e, weight=(size if e is None else e) - s)
            for s, e in zip(starts, ends, strict=True)]


@stage("read_warc", kind="load", writes=["source", "url", "content_type", "charset", "warc"])
@attrs.frozen
class ReadWarc(Loader):
    """Reads web pages from WARC and ARC files (gzipped or not) and text from WET files.

    One document per ``response`` (or ``resource``) record whose content type is HTML
    (``content_types`` widens it), decoded as ``read_html`` decodes pages (the HTTP
    header's charset first); one ``text/plain`` document per WET ``conversion`` record.
    Request, metadata, warcinfo and revisit records, other content types and non-2xx
    responses are skipped and counted (``skipped <type>``, ``skipped content type``,
    ``skipped status``). The id is ``FILESTEM:OFFSET``.

    meta: ``url`` (the record's target URI), ``content_type``, ``charset``, ``warc`` =
    ``{"record_id", "date", "status", "file", "offset"}``, ``source`` = ``{"path",
    "offset", "record_id"}``. A big file is split into byte ranges that start on record
    boundaries (a gzip member, or a ``WARC/1.`` line that parses as a record), so one
    file uses every worker. A record cut short, bytes that do not parse as a record
    (a cut gzip member, a truncated file) and pages that are empty, binary or in no
    known charset are rejected with ``file:offset``; the records after them are read. A
    part of a file with records but no page among them (a WARC of images) is counted
    (``parts without pages``) and logged as a warning naming ``file:start-end``.
    Reader: warcio (WARC, ARC and WET; checked for short blocks and unread bytes here).
    """

    paths: tuple[str, ...] = param(doc="WARC/ARC/WET files, directories or glob patterns; fsspec URLs too")
    content_types: tuple[str, ...] = param(_HTML_TYPES, doc="HTTP content types read as pages")
    only_ok: bool = param(True, doc="skip responses whose HTTP status is not 2xx")
    shard_size: int | None = param(
        None, doc="bytes per shard of a big file (default: the input split 4 ways per worker, 16-256 MiB)"
    )

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = expand_paths(self.paths, "read_warc")
        sizes = [file_size(f) for f in files]
        workers = max(1, int(ctx.options.get("workers", 1)))
        size = self.shard_size or min(256 * MiB, max(16 * MiB, sum(sizes) // (4 * workers)))
        shards: list[Shard] = []
        for path, length in zip(files, sizes, strict=True):
            shards.extend(plan_ranges(path, length, size))
        return shards

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        path = shard.source
        stem = _stem(path)
        seen, pages = 0, 0
        with open_binary(path) as fh:
            size = file_size(path)
            for item in records(fh, shard.start, shard.end, size):
                if isinstance(item, Damage):
                    self._damaged(item, path, stem, ctx)
                    continue
                seen += 1
                if not self._wanted(item, ctx):
                    continue
                pages += 1
                doc = self._document(item, path, stem, ctx)
                if doc is not None:
                    yield doc
        if seen and not pages:
            where = f"{path}:{shard.start}" + (f"-{shard.end}" if shard.end is not None else "")
            ctx.count("parts without pages")
            ctx.logger.warning("%s: no page among its %d records (content types read: %s); see the skipped counts",
                               where, seen, ", ".join(self.content_types))

    def _damaged(self, damage: Damage, path: str, stem: str, ctx: StageContext) -> None:
        source = {"path": path, "offset": damage.offset, "end": damage.end}
        where = f"{path}:{damage.offset}"
        ctx.reject(Document(f"{stem}:{damage.offset}", "", {"source": source}), "corrupt record",
                   f"{where}: {damage.detail}")

    def _document(self, rec: Record, path: str, stem: str, ctx: StageContext) -> Document | None:
        record_id = rec.headers.get("WARC-Record-ID")
        source: dict[str, Any] = {"path": path, "offset": rec.offset, "record_id": record_id}
        url = rec.headers.get("WARC-Target-URI")
        warc = {"record_id": record_id, "date": rec.headers.get("WARC-Date"), "status": rec.http_status,
                "file": path, "offset": rec.offset}
        doc_id = f"{stem}:{rec.offset}"
        if rec.rec_type == "conversion":
            text = rec.content.decode("utf-8", errors="replace")
            return Document(doc_id, text, {"source": source, "url": url, "content_type": "text/plain", "warc": warc})
        meta: dict[str, Any] = {"source": source, "url": url, "warc": warc}
        return page_document(doc_id, rec.content, meta, f"{path}:{rec.offset}", ctx,
                             declared_charset(_content_type(rec)))

    def _wanted(self, rec: Record, ctx: StageContext) -> bool:
        """Whether the record is a page (or WET text) to read; the others are counted by why."""
        if rec.rec_type == "conversion":
            return True
        if rec.rec_type not in ("response", "resource"):
            ctx.count(f"skipped {rec.rec_type}")
            return False
        mime = (_content_type(rec) or "").split(";")[0].strip().lower()
        if mime not in self.content_types:
            ctx.count("skipped content type")
            return False
        if self.only_ok and rec.http_status is not None and not 200 <= rec.http_status < 300:
            ctx.count("skipped status")
            return False
        return True


def _content_type(rec: Record) -> str | None:
    return rec.http_content_type if rec.rec_type == "response" else rec.headers.get("Content-Type")
