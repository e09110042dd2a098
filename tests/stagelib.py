"""Stages used by the tests, importable by worker processes, registered as a plugin."""

from __future__ import annotations

import gc
from typing import Any

import attrs

from corpuskit import Document, Filter, GlobalStage, Mapper, StageContext, hookimpl, param, stage


@stage("test.fail_on", kind="clean")
@attrs.frozen
class FailOn(Mapper):
    """Raises ValueError on documents whose text contains ``marker``."""

    marker: str = param("BOOM", doc="text that makes the stage raise")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        if self.marker in doc.text:
            raise ValueError(f"cannot handle {doc.id}")
        return doc.with_meta(checked=True)


@stage("test.lose", kind="clean")
@attrs.frozen
class Lose(Filter):
    """A broken stage: silently drops every second document (never do this)."""

    def process(self, docs: Any, ctx: StageContext) -> Any:
        for i, doc in enumerate(docs):
            if i % 2 == 0:
                yield doc


@stage("test.exit", kind="clean")
@attrs.frozen
class Exit(Mapper):
    """A broken plugin: calls ``sys.exit(code)`` on the first document."""

    code: int = param(3, doc="the exit status it asks for")

    def map(self, doc: Document, ctx: StageContext) -> Document:
        raise SystemExit(self.code)


@stage("test.setup_counter", kind="extract")
@attrs.frozen
class SetupCounter(Mapper):
    """Records in meta how many times setup ran in this worker for this run."""

    def setup(self, ctx: StageContext) -> None:
        ctx.state["setups"] = ctx.state.get("setups", 0) + 1

    def map(self, doc: Document, ctx: StageContext) -> Document:
        return doc.with_meta(setups=ctx.state["setups"])


@stage("test.log", kind="extract")
@attrs.frozen
class LogEach(Mapper):
    """Logs each document's id at INFO through the stage's logger (``ctx.logger``)."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        ctx.logger.info("saw %s", doc.id)
        return doc


@stage("test.gc_threshold", kind="extract")
@attrs.frozen
class GcThreshold(Mapper):
    """Records in meta the collector's youngest threshold while the document goes through."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        return doc.with_meta(gc_threshold=gc.get_threshold()[0])


@stage("test.word_rank", kind="extract")
@attrs.frozen
class WordRank(GlobalStage):
    """Ranks documents by word count across the corpus; counts words once, in prepare."""

    def prepare(self, doc: Document, ctx: StageContext) -> Document:
        ctx.count("prepared")
        return doc.with_meta(_words=len(doc.text.split()))

    def keys(self, doc: Document, ref: Any, ctx: StageContext) -> Any:
        yield 0, (doc.meta["_words"], tuple(ref))

    def reduce(self, bucket: int, items: Any, ctx: StageContext) -> Any:
        ordered = sorted(items, key=lambda kv: (-kv[1][0], kv[1][1]))
        for rank, (_, (_, ref)) in enumerate(ordered, start=1):
            yield ref, rank

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        meta = {k: v for k, v in doc.meta.items() if k != "_words"}
        return Document(doc.id, doc.text, {**meta, "words": doc.meta["_words"], "rank": decisions[0]})


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(WordRank)
    registry.add(FailOn)
    registry.add(Lose)
    registry.add(Exit)
    registry.add(SetupCounter)
    registry.add(LogEach)
    registry.add(GcThreshold)
