"""Stages that break their contracts on purpose: wrong return values, meta, unpicklable keys.

Importable by worker processes (the repository root on their path); registered as a
plugin with ``make_plugins(contractstages)``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from corpuskit import (
    Document,
    Filter,
    GlobalStage,
    Loader,
    Mapper,
    Ref,
    Shard,
    StageContext,
    hookimpl,
    param,
    stage,
)


@stage("test.returns", kind="clean")
@attrs.frozen
class Returns(Mapper):
    """Returns ``what`` instead of a document: none, text or record."""

    what: str = param("none", doc="none, text or record")

    def map(self, doc: Document, ctx: StageContext) -> Any:
        if self.what == "text":
            return doc.text
        if self.what == "record":
            return doc.to_record()
        doc.with_meta(seen=True)  # forgot `return`


@stage("test.bad_meta", kind="extract")
@attrs.frozen
class BadMeta(Mapper):
    """Puts a set or a date in meta."""

    what: str = param("set", doc="set or date")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        value: Any = {"b", "a"} if self.what == "set" else datetime.date(2024, 1, 2)
        return doc.with_meta(tags=value)


@stage("test.forgets_true", kind="clean")
@attrs.frozen
class ForgetsTrue(Filter):
    """Rejects short documents with a detail; forgets to return True for the others."""

    def keep(self, doc: Document, ctx: StageContext) -> Any:
        if len(doc.text) < 3:
            return ("too short", f"{len(doc.text)} characters")


@stage("test.drops", kind="clean")
@attrs.frozen
class Drops:
    """Yields every other document and rejects none."""

    def process(self, docs: Iterator[Document], ctx: StageContext) -> Iterator[Document]:
        for i, doc in enumerate(docs):
            if i % 2 == 0:
                yield doc


def _local_key() -> Any:
    class Local:  # cannot be pickled
        pass

    return Local()


@stage("test.local_keys", kind="deduplicate")
@attrs.frozen
class LocalKeys(GlobalStage):
    """Keys whose values are instances of a local class (cannot travel between processes)."""

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        yield doc.text, (ref, _local_key())

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        for _, (ref, _value) in items:
            yield ref, None

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        return doc


@stage("test.fails_in", kind="clean")
@attrs.frozen
class FailsIn(GlobalStage):
    """Raises in ``phase`` (setup or reduce): a model file that is not there."""

    phase: str = param("setup", doc="setup or reduce")

    def setup(self, ctx: StageContext) -> None:
        if self.phase == "setup":
            _load_model()

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        yield doc.id, ref

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        if self.phase == "reduce":
            _load_model()
        for _, ref in items:
            yield ref, None

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        return doc


def _load_model() -> None:
    Path("model.bin").read_bytes()


@stage("test.parses_json", kind="extract")
@attrs.frozen
class ParsesJson(Mapper):
    """Parses the text as JSON (a library raises for most texts)."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        return doc.with_meta(parsed=json.loads(doc.text))


@stage("test.record_loader", kind="load")
@attrs.frozen
class RecordLoader(Loader):
    """Yields plain records instead of documents."""

    def plan(self, ctx: StageContext) -> list[Shard]:
        return [Shard(source="nowhere")]

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Any]:
        yield {"id": "a", "text": "x"}


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    for cls in (Returns, BadMeta, ForgetsTrue, Drops, LocalKeys, FailsIn, ParsesJson, RecordLoader):
        registry.add(cls)
