"""Exporters: ``write_jsonl``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._io.files import atomic_concat, compression_of
from corpuskit._io.jsonl import dumps_line
from corpuskit._io.remote import is_url, url_prepare_output
from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Exporter, param, stage
from corpuskit._stages.pathtemplate import PathTemplate

__all__ = [
    "JsonlPartWriter", "WriteJsonl", "check_fields_differ", "max_bytes_per_file_param", "max_records_per_file_param",
    "names_a_file", "prepare_file_output",
]


class JsonlPartWriter:
    """Writes one JSON object per line to a plain part file."""

    def __init__(self, path: Path, fields: tuple[str, str, str]) -> None:
        self._fh: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._id, self._text, self._meta = fields

    def write(self, doc: Document) -> None:
        record = {self._id: doc.id, self._text: doc.text, self._meta: doc.meta}
        self._fh.write(dumps_line(record))

    def close(self) -> None:
        self._fh.close()


def names_a_file(instance: Any, attribute: Any, value: str) -> None:
    """An output path must name a file: not empty, not '.', '..' or a path ending in '/';
    a path template must name document fields (:mod:`corpuskit._stages.pathtemplate`)."""
    if not value.strip() or Path(value).name in ("", ".", "..") or value.endswith(("/", os.sep)):
        raise ValueError(f"'{attribute.name}' must name a file, like out/docs.jsonl: {value!r}")
    PathTemplate.parse(value)


def check_fields_differ(fields: list[tuple[str, str]]) -> None:
    """ValueError if two of the ``(parameter, column name)`` pairs name the same column."""
    for i, (name, value) in enumerate(fields):
        for earlier, earlier_value in fields[:i]:
            if value == earlier_value:
                raise ValueError(f"'{name}' must differ from {earlier} (both are {value!r}): "
                                 "one would silently replace the other in every record")


def prepare_file_output(path: str, key: str) -> None:
    """Create the directory of the output ``path`` (or URL) and check it is writable (OSError if not)."""
    if is_url(path):
        url_prepare_output(path, key=key)
        return
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    probe = final.with_name(f".{final.name}.probe-{os.getpid()}")
    probe.write_bytes(b"")
    probe.unlink()


def max_records_per_file_param() -> Any:
    """The ``max_records_per_file`` parameter every file exporter shares (docs/user-guide.md)."""
    return param(None, doc="split the output into numbered files (docs-00000.jsonl, ...) of at most this many "
                 "records", validator=attrs.validators.optional(attrs.validators.ge(1)))


def max_bytes_per_file_param() -> Any:
    """The ``max_bytes_per_file`` parameter every file exporter shares (docs/user-guide.md)."""
    return param(None, doc="split the output into numbered files whose records (as JSON lines) add up to at most "
                 "this many bytes; a larger record gets a file of its own",
                 validator=attrs.validators.optional(attrs.validators.ge(1)))


@stage("write_jsonl", kind="export", writes=[])
@attrs.frozen
class WriteJsonl(Exporter):
    """Writes the surviving documents to one JSON-lines file (plain, .gz or .zst).

    Each shard is written to a part in the run directory; at the end the parts are
    joined in input order under a temporary name and renamed to ``path``, so a crashed
    run never leaves a half file there. Records are ``{"id", "text", "meta"}``.

    ``path`` may name document fields, ``out/{meta.language}/part.jsonl``: each document
    goes to the file its values name, and ``max_records_per_file`` / ``max_bytes_per_file``
    split an output into numbered files (``docs-00000.jsonl``); the files are renamed into
    place together at the end (docs/user-guide.md, "Outputs split by field").

    ``path`` may be an fsspec URL (``s3://bucket/out.jsonl.zst``): the parts are still
    written in the run directory, and the commit streams them to a temporary object next
    to ``path`` and moves it into place (``fs.mv``).
    """

    path: str = param(
        doc="output file or fsspec URL; .gz or .zst compresses (relative to the working directory); "
        "{meta.KEY} or {id} in it splits the output by that field",
        validator=names_a_file,
    )
    compression: Literal["auto", "none", "gzip", "zstd"] = param(
        "auto", doc="auto: from the file extension"
    )
    id_field: str = param("id", doc="record field for the id")
    text_field: str = param("text", doc="record field for the text")
    meta_field: str = param("meta", doc="record field for the metadata object")
    max_records_per_file: int | None = max_records_per_file_param()
    max_bytes_per_file: int | None = max_bytes_per_file_param()

    def __attrs_post_init__(self) -> None:
        check_fields_differ([("id_field", self.id_field), ("text_field", self.text_field),
                             ("meta_field", self.meta_field)])

    def outputs(self) -> dict[str, str]:
        return {"path": self.path}

    def prepare_output(self, ctx: StageContext) -> None:
        """Before the run: create the output's directory and check it is writable (OSError if not)."""
        prepare_file_output(self.path, "write_jsonl.path")

    def open_part(self, path: Path, ctx: StageContext) -> JsonlPartWriter:
        return JsonlPartWriter(path, (self.id_field, self.text_field, self.meta_field))

    def commit(self, parts: list[Path], ctx: StageContext) -> list[str]:
        compression = compression_of(self.path) if self.compression == "auto" else self.compression
        final = self.path if is_url(self.path) else Path(self.path)
        atomic_concat(parts, final, None if compression == "none" else compression)
        return [self.path]


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(WriteJsonl)
