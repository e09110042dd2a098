"""Entry point of the news plugin: registers its stages through the public hook."""

from __future__ import annotations

from corpuskit import hookimpl
from corpuskit.registry import StageRegistry
from corpuskit_news.boilerplate import NewsBoilerplate
from corpuskit_news.metadata import NewsMetadata


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Register the news stages."""
    registry.add(NewsBoilerplate)
    registry.add(NewsMetadata)
    # news.entities and news.quotes are added here as they land.
