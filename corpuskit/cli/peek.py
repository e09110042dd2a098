"""``corpuskit peek PATH``: the first documents of an input as a pipeline would read them.

The loader is chosen from the path (its extension, compressed or not; a folder by the
files in it) unless ``--loader`` names one; ``--set`` passes it parameters. Each
document is shown with its id, the start of its text and its ``meta``, so a user sees how
columns map before writing a pipeline; a record the loader rejects is shown with its
reason.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
import orjson

from corpuskit._document import Document
from corpuskit._plugins.manager import Plugins
from corpuskit._stages.context import StageContext
from corpuskit._stages.stats import StageStats

__all__ = ["Peeked", "loader_for", "peek", "render"]

_BY_EXTENSION = {
    ".parquet": "read_parquet", ".pq": "read_parquet",
    ".arrow": "read_arrow", ".feather": "read_arrow", ".ipc": "read_arrow",
    ".csv": "read_csv", ".tsv": "read_csv", ".tab": "read_csv",
    ".jsonl": "read_jsonl", ".ndjson": "read_jsonl", ".json": "read_jsonl",
    ".warc": "read_warc", ".arc": "read_warc", ".wet": "read_warc",
    ".html": "read_html", ".htm": "read_html",
}
_DATASET_FOLDER = ("state.json", "dataset_info.json", "dataset_dict.json")
_COMPRESSED = (".gz", ".zst", ".zstd")
TEXT_CHARS = 200
META_CHARS = 600


def loader_for(path: str) -> str:
    """The name of the loader that reads ``path``: by extension; a folder by its files; else read_text."""
    if os.path.isdir(path):
        if any(os.path.isfile(os.path.join(path, name)) for name in _DATASET_FOLDER):
            return "read_arrow"
        names = Counter(_loader_of_name(f) for f in _files_under(path) if os.path.isfile(f))
        return names.most_common(1)[0][0] if names else "read_text"
    return _loader_of_name(path)


def _loader_of_name(path: str) -> str:
    name = path.lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    return _BY_EXTENSION.get(os.path.splitext(name)[1], "read_text")


def _files_under(folder: str) -> list[str]:
    return sorted(glob.glob(os.path.join(glob.escape(folder), "**", "*"), recursive=True))[:1000]


@attrs.frozen
class Peeked:
    """What ``peek`` found: the loader, how many shards it planned, and the first records."""

    loader: str
    shards: int
    records: list[Document | dict[str, Any]]  # a document, or a reject record (reason, detail, document)


def peek(path: str, n: int, plugins: Plugins, loader: str | None = None,
         params: dict[str, Any] | None = None) -> Peeked:
    """The first ``n`` documents (and the rejects among them) of ``path``, as ``loader`` reads it."""
    from corpuskit._run.pipeline import Pipeline

    name = loader or loader_for(path)
    stage_params = {"paths": [path], **(params or {})}
    pipeline = Pipeline.from_dict({"stages": [{name: stage_params}]}, name="peek", plugins=plugins)
    spec = pipeline.config.stages[0]
    rejects: list[dict[str, Any]] = []
    ctx = StageContext(spec.label, StageStats(spec.label), rejects.append, options={"workers": 1},
                       plugin=spec.plugin)
    shards = spec.stage.plan(ctx)
    records: list[Document | dict[str, Any]] = []
    for doc in _documents(spec.stage, shards, ctx):
        records.extend(rejects)
        rejects.clear()
        records.append(doc)
        if len(records) >= n:
            break
    records.extend(rejects)
    return Peeked(name, len(shards), records[:n])


def _documents(stage: Any, shards: list[Any], ctx: StageContext) -> Iterator[Document]:
    for shard in shards:
        docs = stage.read(shard, ctx)
        try:
            yield from docs
        finally:
            close = getattr(docs, "close", None)
            if close is not None:
                close()


def render(path: str, found: Peeked) -> list[str]:
    """The lines ``corpuskit peek`` prints."""
    shards = f"{found.shards} shard{'' if found.shards == 1 else 's'}"
    lines = [f"{path}: read with {found.loader} ({shards}); the first {len(found.records)} records:"]
    for i, record in enumerate(found.records, 1):
        lines.append("")
        if isinstance(record, Document):
            lines += [f"[{i}] id:   {record.id}", f"    text: {_start(record.text)}",
                      f"    meta: {_short(orjson.dumps(record.meta).decode(), META_CHARS)}"]
        else:
            doc = record.get("document", {})
            lines += [f"[{i}] rejected ({record.get('reason')}): {record.get('detail', '')}",
                      f"    id:   {doc.get('id')}"]
    return lines


def _start(text: str) -> str:
    shown = orjson.dumps(text[:TEXT_CHARS]).decode()
    more = f" ... ({len(text):,} characters)" if len(text) > TEXT_CHARS else ""
    return shown + more


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " ..."
