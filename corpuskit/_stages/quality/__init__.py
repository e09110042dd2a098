"""Rule-based quality filters of the published web-corpus recipes: Gopher, C4, FineWeb.

Each is a :class:`~corpuskit.Filter` returning a :class:`~corpuskit.Verdict`, so each can
drop or annotate (``action``); words are counted by :mod:`.words`, a tokenizer that
follows spaCy's English rules without needing spaCy.
"""

from __future__ import annotations

from typing import Any

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.quality.c4 import C4Quality
from corpuskit._stages.quality.fineweb import FineWebQuality
from corpuskit._stages.quality.gopher_quality import GopherQuality
from corpuskit._stages.quality.gopher_repetition import GopherRepetition

__all__ = ["C4Quality", "FineWebQuality", "GopherQuality", "GopherRepetition"]


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(GopherQuality)
    registry.add(GopherRepetition)
    registry.add(C4Quality)
    registry.add(FineWebQuality)
