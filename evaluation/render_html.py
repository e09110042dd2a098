"""Render an HTML page to page text, the way a plain HTML-to-text dump would.

    python benchmarks/render_html.py PAGE.html            # the text on stdout
    python benchmarks/render_html.py PAGE.html -n         # with line numbers

Everything a reader sees stays: mastheads, menus, breadcrumbs, captions, teaser and
related-link blocks, share prompts, footers. Only what a browser does not show as text is
dropped: ``<head>``, scripts, styles, ``<noscript>``, templates, SVG, iframes, form
controls' option lists, and elements marked ``hidden`` / ``aria-hidden="true"`` /
``display:none``. Block elements (paragraphs, headings, list items, divs, table rows, ...)
start a new line; inline text is joined with collapsed whitespace; ``<br>`` breaks the line;
``<pre>`` keeps its lines. Blank lines are dropped, so the output has one block per line.

Standard library only (``html.parser``): no extraction library, which would pre-clean
the page. Used to rebuild the held-out evaluation pages (``benchmarks/holdout/``) and the
article text of the held-out entity gold on HTML pages (``evaluation.news.gold``); it lives
in ``evaluation/`` so the tests can use it, and ``benchmarks/render_html.py`` is its
command line. Changing its output moves the annotated line numbers: the gold files carry a
SHA-1 of their article lines, so such a change fails loudly.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["render", "render_file"]


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


BLOCK = _names(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary "
    "table tbody tfoot thead tr ul"
)
"""Elements that start and end a line."""

SKIP = _names("head script style noscript template svg iframe object canvas select datalist title")
"""Elements whose content a reader does not see as page text."""

VOID = _names("area base br col embed hr img input link meta param source track wbr")
"""Elements without an end tag."""

CELL = frozenset(("td", "th"))

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")


def _hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    if tag in SKIP:
        return True
    if "hidden" in values or (values.get("aria-hidden") or "").lower() == "true":
        return True
    if tag == "input":
        return False
    return bool(_HIDDEN_STYLE.search(values.get("style") or ""))


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.pre = 0

    # line handling
    def _flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        if self.pre:
            self.lines.extend(t.strip() for t in text.split("\n"))
        else:
            self.lines.append(_SPACE.sub(" ", text).strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag and tag not in VOID:
                self.skip_depth += 1
            return
        if tag not in VOID and _hidden(tag, attrs):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "br":
            self.current.append("\n" if self.pre else "")
            self._flush()
        elif tag in BLOCK:
            self._flush()
            if tag == "pre":
                self.pre += 1
        elif tag in CELL:
            self.current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is None and (tag == "br" or tag in BLOCK):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag in BLOCK:
            self._flush()
            if tag == "pre" and self.pre:
                self.pre -= 1
        elif tag in CELL:
            self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip_tag is None:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def render(html: str) -> str:
    """The page text of ``html``: one block per line, no blank lines."""
    parser = _Renderer()
    parser.feed(html)
    parser.close()
    return "\n".join(line for line in parser.lines if line) + "\n"


def render_file(path: Path) -> str:
    """:func:`render` of a page file read as UTF-8 (its declared charset is not trusted)."""
    return render(path.read_bytes().decode("utf-8", errors="replace"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("-n", "--numbers", action="store_true", help="prefix each line with its 1-based number")
    args = parser.parse_args(argv)
    text = render_file(args.page)
    if args.numbers:
        text = "".join(f"{i:4d}  {line}\n" for i, line in enumerate(text.splitlines(), 1))
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
