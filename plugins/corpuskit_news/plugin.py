"""Entry point of the news plugin: registers its stages through the public hook."""

from __future__ import annotations

from corpuskit import hookimpl
from corpuskit.registry import StageRegistry


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Register the news stages."""
    # Stages are added here as they land: news.boilerplate, news.metadata,
    # news.entities, news.quotes.
    from corpuskit_news.entities import NewsEntities
    from corpuskit_news.quotes import NewsQuotes

    registry.add(NewsEntities)
    registry.add(NewsQuotes)
