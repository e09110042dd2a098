"""Registers the deduplication stages: ``minhash`` and ``line_dedup``."""

from __future__ import annotations

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._plugins.registry import StageRegistry
from corpuskit._stages.dedup.lines import LineDedup
from corpuskit._stages.dedup.minhash import MinHashDedup


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Add the deduplication stages to the registry."""
    for cls in (MinHashDedup, LineDedup):
        registry.add(cls)
