"""Splitting a pipeline into segments at its global stages."""

from __future__ import annotations

import attrs

from corpuskit._config.pipeline import PipelineConfig, StageSpec

__all__ = ["Segment", "plan_segments"]


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
