"""Planning a run: the pipeline split into segments at its global stages, the input into shards."""

from __future__ import annotations

from typing import Any

import attrs

from corpuskit._config.pipeline import PipelineConfig, StageSpec
from corpuskit._errors import ConfigError, CorpuskitError, InputError
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Resources, Shard, resources_of
from corpuskit._stages.stats import StageStats

__all__ = ["Segment", "plan_segments", "plan_shards", "refuse_rejects"]


@attrs.frozen
class Segment:
    """Stages that run shard by shard without needing the whole corpus.

    A segment starts with the loaders (the first segment) or with the apply phase of
    the global stage that ended the previous segment (``head``), runs its streaming
    ``stages``, then either computes the keys of the next global stage (``tail``)
    while saving its documents, or hands them to the exporters (the last segment).
    """

    index: int
    loaders: tuple[StageSpec, ...] = ()
    head: StageSpec | None = None
    stages: tuple[StageSpec, ...] = ()
    tail: StageSpec | None = None
    exporters: tuple[StageSpec, ...] = ()

    def specs(self) -> list[StageSpec]:
        """Every stage whose stats a shard of this segment reports, in order."""
        out = [*self.loaders]
        if self.head is not None:
            out.append(self.head)
        out.extend(self.stages)
        if self.tail is not None:
            out.append(self.tail)
        out.extend(self.exporters)
        return out

    def resources(self) -> Resources:
        """What a worker running a shard of this segment needs: the largest of its stages' needs."""
        return Resources.largest(resources_of(spec.stage) for spec in self.specs())

    def finished_stages(self) -> list[StageSpec]:
        """Stages complete once every shard of this segment is done (not the tail)."""
        return [s for s in self.specs() if s is not self.tail]


def plan_segments(config: PipelineConfig) -> list[Segment]:
    """The segments of a pipeline, in order (one more than its global stages)."""
    loaders = tuple(s for s in config.stages if s.kind == "load")
    exporters = tuple(s for s in config.stages if s.kind == "export")
    middle = [s for s in config.stages if s.kind not in ("load", "export")]
    segments: list[Segment] = []
    head: StageSpec | None = None
    current: list[StageSpec] = []
    for spec in middle:
        if spec.is_global:
            segments.append(Segment(len(segments), loaders if not segments else (), head, tuple(current), spec))
            head, current = spec, []
        else:
            current.append(spec)
    segments.append(Segment(len(segments), loaders if not segments else (), head, tuple(current), None, exporters))
    return segments


def plan_shards(config: PipelineConfig, segments: list[Segment], workers: int) -> list[tuple[int, Shard]]:
    """Every loader's shards in input order, as ``(loader index, shard)``; checks the inputs exist."""
    loaders = segments[0].loaders
    if not loaders:
        raise ConfigError(
            "the pipeline has no load stage, so 'run' has nothing to read",
            where=config.source,
            hint="start 'stages' with read_text or read_jsonl, or call pipeline.process(docs)",
        )
    shards: list[tuple[int, Shard]] = []
    for li, spec in enumerate(loaders):
        ctx = StageContext(spec.label, StageStats(spec.label), refuse_rejects, options={"workers": workers},
                           plugin=spec.plugin)
        try:
            planned = spec.stage.plan(ctx)
        except InputError as exc:
            if exc.where:
                raise
            param = (exc.key or "").rsplit(".", 1)[-1]
            where = spec.param_where.get(param, spec.where)
            raise InputError(exc.detail, where=where, key=exc.key, hint=exc.hint) from None
        shards.extend((li, shard) for shard in planned)
    return shards


def refuse_rejects(record: dict[str, Any]) -> None:
    """The reject sink of stage calls outside a shard (planning, output checks, commit)."""
    raise CorpuskitError(f"stage '{record.get('stage')}' cannot reject documents outside a shard")
