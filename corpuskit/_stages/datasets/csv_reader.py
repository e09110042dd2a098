"""``read_csv``: one document per row of CSV and TSV files (plain, .gz or .zst)."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs
import orjson

from corpuskit._document import Document
from corpuskit._errors import DataError, InputError
from corpuskit._io import jsonl
from corpuskit._io.files import file_size, open_read
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.columns import ColumnMap
from corpuskit._stages.datasets.parquet_reader import COLUMNS, POSITIVE
from corpuskit._stages.kinds import Loader, Shard, param, stage
from corpuskit._stages.lazy import lazy_module
from corpuskit._stages.readers import expand_paths
from corpuskit._stages.records import DEFAULT_MAX_DOCUMENT_BYTES, PREVIEW_BYTES, record_meta, reject_too_large

if TYPE_CHECKING:
    import pyarrow as pa

    from corpuskit._stages.datasets import shards
else:  # pyarrow checks the headers as it checks Parquet schemas, imported when a pipeline plans CSV
    shards = lazy_module("corpuskit._stages.datasets.shards")

__all__ = ["ReadCsv", "csv_dialect", "delimiter_of"]

_TSV = (".tsv", ".tab")
RAGGED = "ragged row"


def delimiter_of(path: str, delimiter: str | None) -> str:
    """``delimiter``, or a tab for ``.tsv``/``.tab`` files (compressed too) and a comma otherwise."""
    if delimiter is not None:
        return delimiter
    name = path.lower().removesuffix(".gz").removesuffix(".zst").removesuffix(".zstd")
    return "\t" if name.endswith(_TSV) else ","


def csv_dialect(delimiter: str, quoting: str) -> dict[str, Any]:
    """The ``csv`` module's formatting parameters (``"`` quotes; ``none``: quotes are plain characters)."""
    return {"delimiter": delimiter, "quotechar": '"', "doublequote": True, "lineterminator": "\n",
            "quoting": csv.QUOTE_NONE if quoting == "none" else csv.QUOTE_MINIMAL}


def _one_char(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None and len(value) != 1:
        raise ValueError(f"'{attribute.name}' must be one character (',', '\\t', ';', '|'): {value!r}")


@stage("read_csv", kind="load", writes=["*"])
@attrs.frozen
class ReadCsv(Loader):
    """Reads one document per row of CSV or TSV files with a header row (plain, .gz or .zst).

    The header names the columns, mapped as in ``read_parquet``: ``text_field``,
    ``id_field`` (without an ``id`` column, or where it is empty: ``NAME:LINE``), every
    other column (or only the listed ``columns``) to ``meta`` as strings. A ``meta_field``
    column holding a JSON object is merged into ``meta`` (what ``write_csv`` writes), so a
    file written by ``write_csv`` reads back into the same documents. Quoted fields may
    hold delimiters, quotes (doubled) and newlines; ``.tsv``/``.tab`` files are read
    tab-separated. One shard per file (a quoted newline makes byte ranges unsafe).

    meta: the columns, and ``source`` = ``{"path", "line"}`` (the row's first line). A
    column the stage names that a file lacks, or files whose headers differ: an error
    before any data is read, listing the file's columns. A row with more or fewer fields
    than the header is rejected (reason ``ragged row``, ``file:line``); a text over
    ``max_document_bytes`` too (``too large``). Reader: Python's csv module.
    """

    paths: tuple[str, ...] = param(
        doc="files, directories or glob patterns (** recurses); fsspec URLs (s3://...) too",
        validator=attrs.validators.min_len(1),
    )
    text_field: str = param("text", doc="column holding the text")
    id_field: str = param("id", doc="column holding the id (without an 'id' column: NAME:LINE)")
    columns: tuple[str, ...] | None = param(None, doc="columns kept in meta (default: every other)",
                                            validator=COLUMNS)
    meta_field: str = param("meta", doc="a column of JSON objects merged into meta")
    delimiter: str | None = param(None, doc="field separator (default: tab for .tsv/.tab, else comma)",
                                  validator=_one_char)
    quoting: Literal["minimal", "none"] = param("minimal", doc="minimal: \"-quoted fields; none: no quoting")
    encoding: str = param("utf-8", doc="text encoding of the files")
    max_document_bytes: int = param(
        DEFAULT_MAX_DOCUMENT_BYTES, doc="longer texts are rejected (reason 'too large'); longer fields stop the run",
        validator=POSITIVE,
    )

    def column_map(self) -> ColumnMap:
        return ColumnMap("read_csv", self.text_field, self.id_field, self.columns)

    def plan(self, ctx: StageContext) -> list[Shard]:
        return shards.plan_files(expand_paths(self.paths, "read_csv"), self.column_map(), self._describe, 1, ctx)

    def _describe(self, path: str) -> tuple[pa.Schema, list[int]]:
        import pyarrow as pa

        with self._rows(path) as (reader, _):
            header = self._header(reader, path)
        return pa.schema([(name, pa.string()) for name in header]), [file_size(path)]

    def _rows(self, path: str) -> Any:
        return _CsvFile(path, self.encoding, csv_dialect(delimiter_of(path, self.delimiter), self.quoting),
                        self.max_document_bytes)

    def _header(self, reader: Any, path: str) -> list[str]:
        try:
            header: list[str] = next(reader)
        except StopIteration:
            raise InputError(f"'{path}' is empty: a CSV file needs a header row", key="read_csv.paths") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"'{path}': the header row cannot be read: {exc}", key="read_csv.paths") from None
        if len(set(header)) < len(header):
            twice = sorted({h for h in header if header.count(h) > 1})
            raise InputError(f"'{path}': the header names a column twice: {', '.join(twice)}", key="read_csv.paths",
                             hint="rename the columns so each name is unique")
        return header

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        cmap, path = self.column_map(), shard.source
        name = shard.name or path
        with self._rows(path) as (reader, lines):
            header = self._header(reader, path)
            keep = [(i, h) for i, h in enumerate(header) if h in set(cmap.read_names(header))]
            line = lines() + 1
            while True:
                start = line
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise DataError(f"{path}:{start}: {exc}", hint=_csv_hint(exc, self.max_document_bytes)) from None
                except UnicodeDecodeError as exc:
                    raise DataError(f"{path}:{start}: not {self.encoding}: {exc}",
                                    hint="set encoding to the files' encoding") from None
                line = lines() + 1
                if not row:
                    continue
                doc = self._document(row, header, keep, path, start, name, ctx)
                if doc is not None:
                    yield doc

    def _document(self, row: list[str], header: list[str], keep: list[tuple[int, str]], path: str, line: int,
                  name: str, ctx: StageContext) -> Document | None:
        source = {"path": path, "line": line}
        doc_id = f"{name}:{line}"
        if len(row) != len(header):
            detail = f"{path}:{line}: {len(row)} fields, the header has {len(header)}"
            ctx.reject(Document(doc_id, self.delimiter_for(path).join(row), {"source": source}), RAGGED, detail)
            return None
        record = {h: row[i] for i, h in keep}
        own = record.get(self.meta_field)
        if own is not None and own.startswith("{"):
            with contextlib.suppress(orjson.JSONDecodeError):  # not JSON: kept as the text it is
                record[self.meta_field] = jsonl.loads(own.encode("utf-8"))
        text = record[self.text_field]
        doc_id = record.get(self.id_field) or doc_id
        if len(text) * 4 > self.max_document_bytes:
            data = text.encode("utf-8")
            if len(data) > self.max_document_bytes:
                reject_too_large(doc_id, source, len(data), data[:PREVIEW_BYTES], f"{path}:{line}",
                                 self.max_document_bytes, ctx)
                return None
        return Document(doc_id, text, record_meta(record, self.id_field, self.text_field, self.meta_field, source))

    def delimiter_for(self, path: str) -> str:
        return delimiter_of(path, self.delimiter)


def _csv_hint(exc: csv.Error, limit: int) -> str:
    if "field larger than field limit" in str(exc):
        return f"a field is over max_document_bytes ({limit}): raise it to read the file"
    return "the file is not valid CSV here (an unclosed quote?): fix the row, or set quoting: none"


class _CsvFile:
    """``with _CsvFile(...) as (reader, line_number)``: a csv reader on a (decompressed) file."""

    def __init__(self, path: str, encoding: str, dialect: dict[str, Any], limit: int) -> None:
        self._path, self._encoding, self._dialect, self._limit = path, encoding, dialect, limit
        self._fh: IO[bytes] | None = None
        self._previous_limit = 0

    def __enter__(self) -> tuple[Any, Any]:
        # the csv module's limit is the process's: set for this file, put back after it (a field
        # of more characters than max_document_bytes has more bytes than that too)
        self._fh = open_read(self._path)
        self._previous_limit = csv.field_size_limit(self._limit)
        text = io.TextIOWrapper(self._fh, encoding=self._encoding, newline="")
        reader = csv.reader(text, **self._dialect)
        return reader, lambda: reader.line_num

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            csv.field_size_limit(self._previous_limit)
            self._fh.close()
