"""Registers the filters for web-scale corpora: ``language_filter``, ``pii``, ``fix_text``,
``regex``, ``keep_if`` and ``sample`` (docs/filters.md)."""

from __future__ import annotations

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._plugins.registry import StageRegistry
from corpuskit._stages.filters.fix_text import FixText
from corpuskit._stages.filters.keep_if import KeepIf
from corpuskit._stages.filters.language import LanguageFilter
from corpuskit._stages.filters.patterns import RegexFilter
from corpuskit._stages.filters.pii import Pii
from corpuskit._stages.filters.sample import Sample


@hookimpl
def corpuskit_register_stages(registry: StageRegistry) -> None:
    """Add the filter stages to the registry."""
    for cls in (LanguageFilter, Pii, FixText, RegexFilter, KeepIf, Sample):
        registry.add(cls)
