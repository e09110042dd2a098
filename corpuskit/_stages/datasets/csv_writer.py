"""``write_csv``: the surviving documents as one CSV or TSV file (plain, .gz or .zst)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._io.files import atomic_concat, compression_of
from corpuskit._io.jsonl import dumps_line
from corpuskit._stages.context import StageContext
from corpuskit._stages.datasets.csv_reader import csv_dialect, delimiter_of
from corpuskit._stages.kinds import Exporter, param, stage
from corpuskit._stages.writers import (
    check_fields_differ,
    max_bytes_per_file_param,
    max_records_per_file_param,
    names_a_file,
    prepare_file_output,
)

__all__ = ["CsvPartWriter", "WriteCsv", "combine_csv"]


def _cell(value: Any) -> str:
    """A meta value as a CSV field: strings as they are, None empty, anything else as JSON."""
    if isinstance(value, str):
        return value
    return "" if value is None else dumps_line(value)[:-1].decode("utf-8")


class CsvPartWriter:
    """Writes one shard's documents as CSV rows (no header) to a plain part file."""

    def __init__(self, path: Path, dialect: dict[str, Any], columns: tuple[str, ...], meta_json: bool) -> None:
        self._fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
        self._csv = csv.writer(self._fh, **dialect)
        self._columns, self._meta_json = columns, meta_json

    def write(self, doc: Document) -> None:
        row = [doc.id, doc.text, *(_cell(doc.meta.get(c)) for c in self._columns)]
        if self._meta_json:
            rest = {k: v for k, v in doc.meta.items() if k not in self._columns} if self._columns else doc.meta
            row.append(_cell(rest))
        self._csv.writerow(row)

    def close(self) -> None:
        self._fh.close()


def combine_csv(parts: list[Path], final: Path | str, header: list[str], dialect: dict[str, Any],
                compression: str | None) -> None:
    """Write ``header`` and the rows of ``parts``, in order, to ``final`` atomically (compressed)."""
    line = io.StringIO()
    csv.writer(line, **dialect).writerow(header)
    atomic_concat(parts, final, compression, header=line.getvalue().encode("utf-8"))


@stage("write_csv", kind="export", writes=[])
@attrs.frozen
class WriteCsv(Exporter):
    """Writes the surviving documents to one CSV file with a header row (TSV for .tsv/.tab; .gz/.zst compress).

    Columns: ``id``, ``text``, each meta key listed in ``columns`` (strings as they
    are, other values as JSON, a missing key empty), then ``meta``: the rest of
    ``meta`` as a JSON object (``meta_json: false`` leaves it out). Fields holding the
    delimiter, a quote or a newline are quoted. With the default columns a file written
    here reads back with ``read_csv`` into the same documents; listed columns come back
    as strings (CSV has no types). Parts are joined in input order under a temporary
    name and renamed to ``path``, so a crashed run never leaves a half file there.
    ``path`` may name document fields and ``max_records_per_file`` /
    ``max_bytes_per_file`` split the output into numbered files, as for every writer
    (docs/user-guide.md, "Outputs split by field"); each file has its header row.
    """

    path: str = param(doc="output file or fsspec URL; .tsv writes tabs, .gz or .zst compresses; {meta.KEY} or {id} "
                      "in it splits the output by that field",
                      validator=names_a_file)
    columns: tuple[str, ...] = param((), doc="meta keys written as their own columns")
    meta_json: bool = param(True, doc="write the rest of meta as one JSON column")
    delimiter: str | None = param(None, doc="field separator (default: tab for .tsv/.tab, else comma)")
    compression: Literal["auto", "none", "gzip", "zstd"] = param("auto", doc="auto: from the file extension")
    id_field: str = param("id", doc="column for the id")
    text_field: str = param("text", doc="column for the text")
    meta_field: str = param("meta", doc="column for the meta JSON")
    max_records_per_file: int | None = max_records_per_file_param()
    max_bytes_per_file: int | None = max_bytes_per_file_param()

    def __attrs_post_init__(self) -> None:
        check_fields_differ([("id_field", self.id_field), ("text_field", self.text_field),
                             ("meta_field", self.meta_field),
                             *((f"columns[{i}]", c) for i, c in enumerate(self.columns))])

    def dialect(self) -> dict[str, Any]:
        return csv_dialect(delimiter_of(self.path, self.delimiter), "minimal")

    def header(self) -> list[str]:
        return [self.id_field, self.text_field, *self.columns, *([self.meta_field] if self.meta_json else [])]

    def outputs(self) -> dict[str, str]:
        return {"path": self.path}

    def prepare_output(self, ctx: StageContext) -> None:
        """Before the run: create the output's directory and check it is writable (OSError if not)."""
        prepare_file_output(self.path, "write_csv.path")

    def open_part(self, path: Path, ctx: StageContext) -> CsvPartWriter:
        return CsvPartWriter(path, self.dialect(), self.columns, self.meta_json)

    def commit(self, parts: list[Path], ctx: StageContext) -> list[str]:
        compression = compression_of(self.path) if self.compression == "auto" else self.compression
        combine_csv(parts, self.path, self.header(), self.dialect(), None if compression == "none" else compression)
        return [self.path]
