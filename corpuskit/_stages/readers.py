"""Loaders: ``read_text`` (one document per file) and ``read_jsonl`` (one per line)."""

from __future__ import annotations

import codecs
import glob
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import attrs
import orjson

from corpuskit._document import Document
from corpuskit._errors import DataError, InputError
from corpuskit._io import jsonl
from corpuskit._io.files import compression_of, file_size, open_binary, open_read
from corpuskit._io.remote import expand_url, is_url
from corpuskit._io.walk import files_under, glob_files
from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.records import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    PREVIEW_BYTES,
    bounded_lines,
    record_meta,
    short_names,
)
from corpuskit._stages.records import reject_too_large as _too_large

__all__ = ["ReadJsonl", "ReadText", "expand_paths"]

MiB = 1 << 20


def expand_paths(patterns: tuple[str, ...], stage_name: str) -> list[str]:
    """Files matching each glob pattern, in pattern order then sorted; missing -> InputError.

    A pattern with a scheme (``s3://bucket/*.jsonl``) is expanded by fsspec.
    """
    files: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        if is_url(pattern):
            matched = expand_url(pattern, stage_name)
        elif glob.has_magic(pattern):
            matched = sorted(p for p in glob_files(pattern) if os.path.isfile(p))
            if not matched:
                raise InputError(
                    f"no file matches '{pattern}' (working directory {os.getcwd()})",
                    key=f"{stage_name}.paths",
                    hint="relative paths resolve against the working directory",
                )
        elif os.path.isdir(pattern):
            matched = files_under(pattern)
            if not matched:
                raise InputError(f"directory '{pattern}' holds no file", key=f"{stage_name}.paths")
        elif os.path.isfile(pattern):
            matched = [pattern]
        else:
            raise InputError(
                f"input '{pattern}' does not exist (working directory {os.getcwd()})",
                key=f"{stage_name}.paths",
                hint="check the path; relative paths resolve against the working directory",
            )
        for path in matched:
            if path not in seen:
                seen.add(path)
                files.append(path)
    return files


_POSITIVE = attrs.validators.ge(1)


def _known_encoding(instance: Any, attribute: Any, value: str) -> None:
    try:
        codecs.lookup(value)
    except LookupError:
        raise ValueError(f"'{attribute.name}' must name a text encoding Python knows (utf-8, latin-1, "
                         f"cp1252...): {value!r}") from None


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
    """(text kept with the bad bytes escaped, detail naming the offset)."""
    bad = data[exc.start : exc.start + 1].hex()
    return data.decode("utf-8", errors="backslashreplace"), f"invalid byte 0x{bad} at byte offset {exc.start}"


@stage("read_text", kind="load", writes=["source"])
@attrs.frozen
class ReadText(Loader):
    """Reads one document per text file (local or an fsspec URL); the id is the file's stem.

    meta: ``source`` = ``{"path": ...}``. A file that is not valid in ``encoding``
    is rejected (reason ``not utf-8``) with its path and byte offset; the run goes on.
    A file over ``max_document_bytes`` is rejected (reason ``too large``) with its size,
    without being read whole; the reject's text is its first 1 KiB.
    """

    paths: tuple[str, ...] = param(
        doc="files, directories or glob patterns (** recurses); fsspec URLs (s3://...) too",
        validator=attrs.validators.min_len(1),
    )
    encoding: str = param("utf-8", doc="text encoding of the files", validator=_known_encoding)
    files_per_shard: int = param(256, doc="files read together as one unit of parallel work", validator=_POSITIVE)
    max_document_bytes: int = param(
        DEFAULT_MAX_DOCUMENT_BYTES, doc="larger files are rejected (reason 'too large') without being read whole",
        validator=_POSITIVE,
    )

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = expand_paths(self.paths, "read_text")
        shards = []
        for i in range(0, len(files), self.files_per_shard):
            group = tuple(files[i : i + self.files_per_shard])
            weight = sum(file_size(f) for f in group)
            shards.append(Shard(source=group[0], items=group, weight=weight))
        return shards

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        for path in shard.items or (shard.source,):
            size = file_size(path)
            if size > self.max_document_bytes:
                with open_binary(path) as fh:
                    preview = fh.read(PREVIEW_BYTES)
                _too_large(Path(path).stem, {"path": path}, size, preview, f"{path}", self.max_document_bytes, ctx)
                continue
            if is_url(path):
                with open_binary(path) as fh:
                    data = fh.read()
            else:
                data = Path(path).read_bytes()
            doc_id = Path(path).stem
            meta: dict[str, Any] = {"source": {"path": path}}
            try:
                text = data.decode(self.encoding)
            except UnicodeDecodeError as exc:
                text, detail = _not_utf8(data, exc)
                ctx.reject(Document(doc_id, text, meta), f"not {self.encoding}", f"{path}: {detail}")
                continue
            yield Document(doc_id, text, meta)


@stage("read_jsonl", kind="load", writes=["*"])
@attrs.frozen
class ReadJsonl(Loader):
    """Reads one document per JSON line (plain, .gz or .zst files).

    Large plain files are split into byte ranges on line boundaries so one file
    still uses every worker. Paths may be fsspec URLs (``s3://bucket/*.jsonl``): ranges
    are then read through the filesystem's seek and ranged reads; numbering the lines of
    a split file reads it once while planning (set ``shard_size`` above the file sizes to
    keep one shard per file and skip that). Records are ``{"id", "text", "meta"}``; the field names
    are configurable.

    meta: the record's meta object, every other top-level field as ``meta[field]``,
    and ``source`` = ``{"path": ..., "line": ...}``. A top-level field whose name the
    meta object already uses, or named ``source``, is kept under ``meta["record"]``
    (so is a ``source`` key of the meta object). A record without an id gets
    ``NAME:LINE``: NAME is the file name up to its first dot, or, for files that share
    it, their path relative to their common folder. Integers of any size stay exact.

    A malformed line is rejected as ``file:line`` (reason ``malformed json`` /
    ``missing text``) and the run goes on, unless ``on_error: fail``; so is a line over
    ``max_document_bytes`` (reason ``too large``, with its size and byte offset; read
    in chunks, never held whole; the reject's text is its first 1 KiB). A truncated
    or corrupt .gz/.zst file stops the run with an error naming the file and byte.
    """

    paths: tuple[str, ...] = param(
        doc="files, directories or glob patterns (** recurses); fsspec URLs (s3://...) too",
        validator=attrs.validators.min_len(1),
    )
    id_field: str = param("id", doc="record field holding the id (missing: NAME:LINE, NAME unique per file)")
    text_field: str = param("text", doc="record field holding the text")
    meta_field: str = param("meta", doc="record field holding a metadata object")
    on_error: Literal["skip", "fail"] = param("skip", doc="skip: reject malformed lines; fail: stop the run")
    shard_size: int | None = param(
        None, doc="bytes per shard of a plain file (default: the input split 4 ways per worker, 1-64 MiB)",
        validator=attrs.validators.optional(_POSITIVE),
    )
    max_document_bytes: int = param(
        DEFAULT_MAX_DOCUMENT_BYTES, doc="longer lines are rejected (reason 'too large') without being read whole",
        validator=_POSITIVE,
    )

    def plan(self, ctx: StageContext) -> list[Shard]:
        files = expand_paths(self.paths, "read_jsonl")
        sizes = [file_size(f) for f in files]
        total = sum(sizes)
        size = self.shard_size or min(64 * MiB, max(MiB, total // max(1, 4 * int(ctx.options.get("workers", 1)))))
        names = short_names(files)
        shards: list[Shard] = []
        for path, length in zip(files, sizes, strict=True):
            if compression_of(path):
                shards.append(Shard(source=path, weight=length, name=names[path]))
            else:
                shards.extend(attrs.evolve(sh, name=names[path]) for sh in split_lines(path, size, length))
        return shards

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        stem = shard.name or Path(shard.source).name.split(".")[0]
        with open_read(shard.source) as fh:
            if shard.start:
                fh.seek(shard.start)
            position = shard.start
            for line_no, (raw, length, preview) in enumerate(bounded_lines(fh, self.max_document_bytes), shard.line):
                if shard.end is not None and position >= shard.end:
                    break
                start, position = position, position + length
                if raw is None:
                    self._too_large(shard.source, line_no, start, length, preview, stem, ctx)
                    continue
                if not raw.strip():
                    continue
                doc = self._parse(raw, shard.source, line_no, stem, ctx)
                if doc is not None:
                    yield doc

    def _parse(self, raw: bytes, path: str, line_no: int, stem: str, ctx: StageContext) -> Document | None:
        source = {"path": path, "line": line_no}
        try:
            record = jsonl.loads(raw)
        except orjson.JSONDecodeError as exc:
            self._bad(raw, source, stem, "malformed json", str(exc), ctx)
            return None
        if not isinstance(record, dict):
            self._bad(raw, source, stem, "malformed json", "a line must hold a JSON object", ctx)
            return None
        text = record.get(self.text_field)
        if not isinstance(text, str):
            found = "no" if text is None else f"a non-string ({type(text).__name__})"
            self._bad(raw, source, stem, "missing text", f"{found} '{self.text_field}' field", ctx)
            return None
        meta = record_meta(record, self.id_field, self.text_field, self.meta_field, source)
        doc_id = record.get(self.id_field)
        return Document(f"{stem}:{line_no}" if doc_id is None else str(doc_id), text, meta)

    def _too_large(self, path: str, line_no: int, offset: int, size: int, preview: bytes, stem: str,
                   ctx: StageContext) -> None:
        where = f"{path}:{line_no}"
        if self.on_error == "fail":
            raise DataError(f"{where}: a line of {size} bytes at byte offset {offset} is over max_document_bytes "
                            f"({self.max_document_bytes})", hint="raise max_document_bytes, or set on_error: skip")
        source = {"path": path, "line": line_no, "offset": offset}
        _too_large(f"{stem}:{line_no}", source, size, preview, where, self.max_document_bytes, ctx)

    def _bad(
        self, raw: bytes, source: dict[str, Any], stem: str, reason: str, detail: str, ctx: StageContext
    ) -> None:
        where = f"{source['path']}:{source['line']}"
        if self.on_error == "fail":
            raise DataError(f"{where}: {reason}: {detail}", hint="fix the line, or set on_error: skip")
        try:
            text = raw.decode("utf-8").rstrip("\n")
        except UnicodeDecodeError as exc:
            text, detail = _not_utf8(raw.rstrip(b"\n"), exc)
            reason = "not utf-8"
        ctx.reject(Document(f"{stem}:{source['line']}", text, {"source": source}), reason, f"{where}: {detail}")
        return None


def split_lines(path: str, size: int, total: int | None = None) -> list[Shard]:
    """Byte ranges of about ``size`` bytes that start and end on line boundaries.

    Works on URLs too, through the filesystem's seek and read; numbering the lines
    reads the file once (for a URL: downloads it once, at planning time).
    """
    total = file_size(path) if total is None else total
    if total <= size:
        return [Shard(source=path, start=0, end=None, line=1, weight=total)]
    shards: list[Shard] = []
    start, line = 0, 1
    with open_binary(path) as fh:
        while start < total:
            target = start + size
            if target >= total:
                shards.append(Shard(source=path, start=start, end=None, line=line, weight=total - start))
                break
            fh.seek(target)
            fh.readline()  # finish the line that crosses the target
            end = fh.tell()
            if end >= total:
                shards.append(Shard(source=path, start=start, end=None, line=line, weight=total - start))
                break
            fh.seek(start)
            line_count = _count_newlines(fh, end - start)
            shards.append(Shard(source=path, start=start, end=end, line=line, weight=end - start))
            start, line = end, line + line_count
    return shards


def _count_newlines(fh: Any, length: int) -> int:
    count = 0
    while length > 0:
        chunk = fh.read(min(length, 4 * MiB))
        if not chunk:
            break
        count += chunk.count(b"\n")
        length -= len(chunk)
    return count


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(ReadText)
    registry.add(ReadJsonl)
