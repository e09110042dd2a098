"""Web pages in: ``read_html``, ``read_warc`` and ``extract_html`` (registered as one builtin plugin)."""

from __future__ import annotations

from typing import Any

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._stages.web.extract import ExtractHtml
from corpuskit._stages.web.html_reader import ReadHtml
from corpuskit._stages.web.warc_reader import ReadWarc

__all__ = ["ExtractHtml", "ReadHtml", "ReadWarc"]


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(ReadHtml)
    registry.add(ReadWarc)
    registry.add(ExtractHtml)
