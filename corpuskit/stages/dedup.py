"""Registers the deduplication stages: ``minhash``, ``line_dedup`` and ``stories``."""

from __future__ import annotations

from corpuskit.markers import hookimpl
from corpuskit.registry import StageRegistry
from corpuskit.stages.line_dedup import LineDedup
from corpuskit.stages.minhash import MinHashDedup
from corpuskit.stages.stories import Stories


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Add the deduplication stages to the registry."""
    for cls in (MinHashDedup, LineDedup, Stories):
        registry.add(cls)
