"""A third-party plugin written only against corpuskit's public API."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from corpuskit import Document, StageContext, StageRegistry, StreamStage, hookimpl, param, stage


@stage("sample.shout", kind="clean")
@attrs.frozen
class Shout(StreamStage):
    """Upper-cases each document; rejects those under ``min_words`` words.

    meta: ``shouted`` = true on every document it keeps.
    """

    min_words: int = param(0, doc="documents with fewer words are rejected ('too short')")

    def process(self, docs: Iterator[Document], ctx: StageContext) -> Iterator[Document]:
        for doc in docs:
            if len(doc.text.split()) < self.min_words:
                ctx.reject(doc, "too short", f"{len(doc.text.split())} words")
            else:
                yield Document(doc.id, doc.text.upper(), {**doc.meta, "shouted": True})


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    registry.add(Shout)
