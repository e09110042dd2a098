"""Entry point of the news plugin: registers its stages through the public hook."""

from __future__ import annotations

from typing import Any

from corpuskit import hookimpl
from corpuskit_news.entities.stage import NewsEntities
from corpuskit_news.metadata.stage import NewsMetadata
from corpuskit_news.page.boilerplate import NewsBoilerplate
from corpuskit_news.quotes.stage import NewsQuotes
from corpuskit_news.stories.stage import Stories


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    """Register the news stages."""
    registry.add(NewsBoilerplate)
    registry.add(NewsMetadata)
    registry.add(NewsEntities)
    registry.add(NewsQuotes)
    registry.add(Stories)
