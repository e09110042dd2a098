"""A pytest plugin for people who write corpuskit stages (entry point ``pytest11``).

Fixtures:

* ``corpuskit_plugins`` - a fresh :class:`~corpuskit._plugins.manager.Plugins` with the
  builtin stages only (installed plugins do not leak in); register yours with
  ``load_plugins(autoload=False, extra=[my_plugin])``.
* ``run_stage`` - :func:`run_stage`: run one stage on a few documents and get the
  documents out, the rejects and the stats.

Example::

    def test_shout(run_stage):
        out = run_stage(Shout(min_words=2), ["a b", "c"])
        assert out.texts == ["A B"]
        assert out.reasons == ["too short"]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pytest

from corpuskit._config.pipeline import PipelineConfig, StageSpec
from corpuskit._document import Document
from corpuskit._plugins.manager import Plugins, load_plugins
from corpuskit._run.inmemory import process_documents
from corpuskit._stages.kinds import stage_info
from corpuskit._stages.stats import StageStats

__all__ = ["StageRun", "as_documents", "corpuskit_plugins", "run_stage"]


@attrs.frozen
class StageRun:
    """What :func:`run_stage` returns."""

    docs: list[Document]
    rejects: list[dict[str, Any]]
    stats: StageStats

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.docs]

    @property
    def reasons(self) -> list[str]:
        return [r["reason"] for r in self.rejects]


def as_documents(items: Iterable[Document | str | dict[str, Any]]) -> list[Document]:
    """Documents from strings (ids ``d0, d1, ...``), records or documents."""
    docs = []
    for i, item in enumerate(items):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, str):
            docs.append(Document(f"d{i}", item, {}))
        else:
            docs.append(Document(str(item.get("id", f"d{i}")), item["text"], dict(item.get("meta") or {})))
    return docs


def run_stage(stage: Any, docs: Iterable[Document | str | dict[str, Any]], *, max_errors: int = 10,
              buckets: int = 4) -> StageRun:
    """Run one stage instance (streaming or global) over ``docs`` in this process."""
    info = stage_info(type(stage))
    name = info.name if info else type(stage).__name__
    kind = info.kind if info else "clean"
    spec = StageSpec(index=0, name=name, kind=kind, stage=stage, plugin="test", where="<run_stage>")
    config = PipelineConfig(name="run_stage", source="<run_stage>", stages=(spec,), max_errors=max_errors,
                            buckets=buckets)
    rejects: list[dict[str, Any]] = []
    stats: dict[str, StageStats] = {}
    out = list(process_documents(config, as_documents(docs), rejects.append, stats))
    return StageRun(out, rejects, stats[spec.label])


@pytest.fixture
def corpuskit_plugins() -> Plugins:
    """A fresh plugin set with the builtin stages only."""
    return load_plugins(autoload=False)


@pytest.fixture(name="run_stage")
def run_stage_fixture() -> Any:
    """:func:`run_stage` as a fixture."""
    return run_stage
