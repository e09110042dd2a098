"""Registers the deduplication stages: ``minhash`` and ``line_dedup``."""

from __future__ import annotations

from corpuskit.markers import hookimpl
from corpuskit.registry import StageRegistry
from corpuskit.stages.line_dedup import LineDedup
from corpuskit.stages.minhash import MinHashDedup


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Add the deduplication stages to the registry."""
    for cls in (MinHashDedup, LineDedup):
        registry.add(cls)
