"""Outputs split by field or size: routing documents to files, the same under every executor.

An exporter's output is *split* when its output path (the one parameter ``outputs()``
names) is a template over the document's fields (:mod:`corpuskit._stages.pathtemplate`),
or when it has ``max_records_per_file`` / ``max_bytes_per_file`` set.

A shard then writes its documents once, in input order, to its part in the run
directory in the run's own document format (:class:`KeyedPart`), and beside it an index:
for each document, the file it goes to (the rendered path) and its size. At commit,
:func:`plan_files` walks the shards' indexes in input order and cuts each path's
documents into files (``-00000``, ``-00001``...), which depends only on the documents
and their order, never on how the input was sharded. Each file is then written by the
exporter's own ``open_part`` and ``commit`` (:func:`write_files`, one executor task per
group of files) under a staging name next to its final name; :mod:`corpuskit._run.commit_set`
renames the whole set into place.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import orjson

from corpuskit._config.pipeline import StageSpec
from corpuskit._document import Document
from corpuskit._errors import RunError
from corpuskit._io import jsonl
from corpuskit._io.remote import is_url
from corpuskit._run.contracts import in_phase
from corpuskit._run.plan import refuse_rejects
from corpuskit._run.rundir import RunDir
from corpuskit._run.setup_cache import prepared
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Resources, resources_of
from corpuskit._stages.pathtemplate import PathTemplate, TemplateError, numbered
from corpuskit._stages.stats import StageStats

__all__ = ["FileTask", "KeyedPart", "OutputFile", "SplitOutput", "plan_files", "split_of", "write_files"]


@attrs.frozen
class SplitOutput:
    """How one exporter's output is split: its path parameter, template and file limits."""

    param: str
    template: PathTemplate
    max_records: int | None = None
    max_bytes: int | None = None

    @property
    def rolled(self) -> bool:
        return bool(self.max_records or self.max_bytes)


def split_of(stage: Any) -> SplitOutput | None:
    """The exporter's split, or None for one plain output; TemplateError for a bad one."""
    outputs = stage.outputs() if callable(getattr(stage, "outputs", None)) else {}
    max_records = getattr(stage, "max_records_per_file", None)
    max_bytes = getattr(stage, "max_bytes_per_file", None)
    if len(outputs) != 1:
        if max_records or max_bytes:
            raise TemplateError("max_records_per_file and max_bytes_per_file need an exporter whose outputs() "
                                f"names exactly one path (it names {len(outputs)})")
        return None
    ((param, path),) = outputs.items()
    template = PathTemplate.parse(path)
    if not template.is_template and not (max_records or max_bytes):
        return None
    if is_url(path):
        raise TemplateError(f"'{path}': path templates and max_records_per_file / max_bytes_per_file "
                            "need a local path, not a URL")
    return SplitOutput(param, template, max_records, max_bytes)


def index_path(part: Path) -> Path:
    return part.with_suffix(".index")


class KeyedPart:
    """One shard's documents for a split output, with the path each goes to and its size."""

    def __init__(self, path: Path, split: SplitOutput, ctx: StageContext) -> None:
        self._path, self._split, self._ctx = path, split, ctx
        self._fh = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._keys: dict[str, int] = {}
        self._key_of = array("I")
        self._sizes = array("Q")

    def write(self, doc: Document) -> bool:
        """Write ``doc``, or reject it (a template field it lacks) and return False."""
        rendered = self._split.template.render(doc.id, doc.meta)
        if isinstance(rendered, tuple):
            self._ctx.reject(doc, *rendered)
            return False
        line = jsonl.dumps_line(doc.to_record())
        self._fh.write(line)
        self._key_of.append(self._keys.setdefault(rendered, len(self._keys)))
        self._sizes.append(len(line))
        return True

    def close(self) -> None:
        self._fh.close()
        index = {"keys": list(self._keys), "key": self._key_of.tolist(), "size": self._sizes.tolist()}
        index_path(self._path).write_bytes(orjson.dumps(index))


@attrs.frozen
class OutputFile:
    """One final file: its path and where its documents lie, ``(shard, offset, length)`` runs, in order."""

    final: str
    runs: tuple[tuple[int, int, int], ...]


def plan_files(split: SplitOutput, parts: list[Path]) -> list[OutputFile]:
    """Every file of the output, sorted by path, from the shards' indexes in input order.

    A path's documents fill a file until the next one would pass ``max_records`` or
    ``max_bytes`` (a file holds at least one document); then the next number starts.
    """
    state: dict[str, list[int]] = {}  # path -> [file number, records, bytes]
    runs: dict[tuple[str, int], list[list[int]]] = {}
    for s, part in enumerate(parts):
        index = orjson.loads(index_path(part).read_bytes())
        keys: list[str] = index["keys"]
        offset = 0
        for k, size in zip(index["key"], index["size"], strict=True):
            st = state.setdefault(keys[k], [0, 0, 0])
            if st[1] and ((split.max_records and st[1] >= split.max_records)
                          or (split.max_bytes and st[2] + size > split.max_bytes)):
                st[0], st[1], st[2] = st[0] + 1, 0, 0
            st[1] += 1
            st[2] += size
            file_runs = runs.setdefault((keys[k], st[0]), [])
            if file_runs and file_runs[-1][0] == s and file_runs[-1][1] + file_runs[-1][2] == offset:
                file_runs[-1][2] += size
            else:
                file_runs.append([s, offset, size])
            offset += size
    files = [OutputFile(numbered(key, n) if split.rolled else key, tuple((a, b, c) for a, b, c in r))
             for (key, n), r in runs.items()]
    return sorted(files, key=lambda f: f.final)


def staging_name(final: str, token: str) -> str:
    """A hidden name next to ``final`` that ends like it (so extensions still choose the format)."""
    head, sep, name = final.rpartition("/")
    return f"{head}{sep}.corpuskit-{token[:12]}.{name}"


@attrs.frozen
class FileTask:
    """Write a group of an exporter's files under their staging names."""

    run_root: str
    run_token: str
    spec: StageSpec
    param: str
    files: tuple[tuple[str, OutputFile], ...]  # (staging name, file)
    first: int  # number of the first file (names its part in the run directory)

    @property
    def resources(self) -> Resources:
        return resources_of(self.spec.stage)


def write_files(task: FileTask) -> dict[str, Any]:
    """Each file: its documents through the exporter's ``open_part``, then its ``commit`` to
    the staging name (the exporter with its path parameter set to that name), synced."""
    rd = RunDir(task.run_root)
    spec = task.spec
    ctx = StageContext(spec.label, StageStats(spec.label, spec.kind), refuse_rejects, workdir=rd.root,
                       plugin=spec.plugin)
    stage = prepared(task.run_token, spec, ctx)
    parts = rd.part(spec.label, 0).parent / "files"
    written = 0
    try:
        parts.mkdir(parents=True, exist_ok=True)
        for i, (staging, file) in enumerate(task.files, task.first):
            written += _write_file(stage, task.param, rd, spec.label, file, parts / f"file-{i:06d}.part", staging,
                                   ctx)
    except OSError as exc:  # a full disk, an unwritable folder
        raise RunError(
            f"stage '{spec.label}' could not write its output: {exc.strerror or exc}: {exc.filename or ''}",
            hint="check the output path and free disk space; nothing was committed",
        ) from None
    return {"docs_in": written}


def _write_file(stage: Any, param: str, rd: RunDir, label: str, file: OutputFile, part: Path, staging: str,
                ctx: StageContext) -> int:
    with in_phase(ctx, stage, "open_part", io_errors=True):
        writer = stage.open_part(part, ctx)
    written = 0
    try:
        for doc in _documents(rd, label, file.runs):
            writer.write(doc)
            written += 1
    finally:
        writer.close()
    Path(staging).parent.mkdir(parents=True, exist_ok=True)
    exporter = attrs.evolve(stage, **{param: staging})
    with in_phase(ctx, exporter, "commit", io_errors=True):
        exporter.commit([part], ctx)
    if not os.path.isfile(staging):
        raise RunError(f"stage '{label}': commit() did not write the file its '{param}' names ({staging}); "
                       "nothing was committed",
                       hint="an exporter whose outputs() names its path writes its commit there (docs/plugins.md)")
    with open(staging, "rb+") as fh:
        os.fsync(fh.fileno())
    part.unlink()
    return written


def _documents(rd: RunDir, label: str, runs: tuple[tuple[int, int, int], ...]) -> Iterator[Document]:
    """The documents of a file's runs, in order (each shard's part opened once)."""
    handles: dict[int, IO[bytes]] = {}
    try:
        for shard, offset, length in runs:
            fh = handles.get(shard)
            if fh is None:
                fh = handles[shard] = open(rd.part(label, shard), "rb")  # noqa: SIM115 - closed below
            fh.seek(offset)
            while length > 0:
                line = fh.readline()
                length -= len(line)
                record = jsonl.loads(line)
                yield Document(record["id"], record["text"], record["meta"])
    finally:
        for fh in handles.values():
            fh.close()
