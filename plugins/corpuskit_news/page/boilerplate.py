"""``news.boilerplate``: keep a news page's article, remove the page furniture around it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from corpuskit import (
    Document,
    Finding,
    GlobalStage,
    Ref,
    StageContext,
    StageError,
    Upstream,
    frequent_line_decisions,
    line_keys,
    param,
    stage,
)
from corpuskit_news.page.article import analyse
from corpuskit_news.page.boilerplate_record import build_record

__all__ = ["NewsBoilerplate"]

_DOC_COUNT_KEY = "news.boilerplate/documents"


@stage("news.boilerplate", kind="clean", audit_key="boilerplate")
@attrs.frozen
class NewsBoilerplate(GlobalStage):
    """Keeps the article of a scraped news page and removes the page furniture around it.

    Works on pages as a browser's "select all, copy" or an HTML-to-text dump gives them:
    mastheads, menus, breadcrumbs, headline, byline and date lines, captions, teaser blocks
    ("Related News", "Also Read"... also inserted mid-article), share, newsletter and
    donation prompts, syndication notes, disclaimers, comments and footers go; every
    article paragraph stays, including those after a mid-article teaser block. One line
    of output per kept paragraph.

    Signals, combined per line: its shape (length, terminal punctuation, function-word
    density in seven languages, capitalisation, link-likeness), its position against the
    densest run of article prose, blocks of short headline-like lines, cue words, lines
    repeated on the same page, and lines repeated across many documents of the corpus.
    The last one is a global stage: map = hashes of each document's distinct lines
    (:func:`corpuskit.line_keys`), reduce = lines found in at least ``min_docs`` documents and
    ``min_fraction`` of the corpus, apply = the per-page decision using the local signals
    plus those frequent lines. A frequent line that is interior article prose stays, and
    pages whose prose is mostly frequent (syndicated copies) ignore the signal for prose.

    Writes ``meta["boilerplate"]``:

    - ``removed``: every removed line, ``{line, reason, lineno}`` (``lineno`` 1-based in the
      input). Reasons: ``title``, ``byline``, ``dateline``, ``standfirst``, ``caption``,
      ``before article``, ``after article``, ``teaser block``, ``short line``,
      ``repeated in page``, ``frequent in corpus``, ``cue: <category>``, ``edge: ...``
      (trimmed from the start or end of the article), ``comments`` (a reader comment thread
      found by its shape: repeated name + time signatures and action lines after the
      article, whatever its heading), ``no article prose``.
    - ``kept``: the number of kept lines; ``first_lineno``: the input line number of the
      first kept line (lines above it are the page header).
    - ``title_line``, ``byline``, ``author``, ``dateline``, ``standfirst``: the header
      lines found above the article (or None), handed to ``news.metadata``.

    Web pages go through ``extract_html`` first: a pipeline where it follows ``read_html``
    or ``read_warc`` with no ``extract_html`` between them is refused when it is
    validated, and an HTML document handed to it otherwise (``meta.content_type``
    ``text/html``, e.g. through ``Pipeline.process``) stops the run with a StageError.

    A page where no line looks like article prose is rejected with reason ``no article``
    (``drop_empty: false`` keeps it unchanged, with ``kept: 0``).
    """

    min_docs: int = param(10, doc="a line counts as corpus boilerplate only when found in at least this "
                          "many documents (protects small corpora)", validator=attrs.validators.ge(1))
    min_fraction: float = param(0.0, doc="... and in at least this fraction of the corpus's documents",
                                validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)])
    min_line_chars: int = param(3, doc="shorter lines are not counted across the corpus")
    corpus_signal: bool = param(True, doc="use the lines-repeated-across-documents signal")
    max_gap: int = param(15, doc="most non-article lines (a teaser block) after which paragraphs still "
                         "continue the article")
    drop_empty: bool = param(True, doc="reject pages where no article text is found (else keep them as they are)")

    def check_upstream(self, upstream: Upstream) -> Iterator[Finding]:
        pages = upstream.last("read_html", "read_warc")
        if pages is not None and not upstream.has("extract_html"):
            yield Finding.error(f"{pages.name} gives HTML pages and news.boilerplate works on page text",
                                hint=f"run extract_html first: put it after {pages.name}, before news.boilerplate")

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        if doc.meta.get("content_type") == "text/html":
            raise StageError(
                f"stage 'news.boilerplate' was given an HTML page (document '{doc.id}', meta.content_type "
                "text/html); it works on page text",
                hint="add extract_html before news.boilerplate in the pipeline")
        yield _DOC_COUNT_KEY, 1
        if self.corpus_signal:
            yield from line_keys(doc.text, ref, min_length=self.min_line_chars)

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        documents = 0

        def lines_only() -> Iterator[tuple[int, Any]]:
            nonlocal documents
            for key, value in items:
                if key == _DOC_COUNT_KEY:
                    documents += value
                else:
                    yield key, value

        yield from frequent_line_decisions(lines_only(), max_docs=self.min_docs - 1)
        if documents:
            yield _DOC_COUNT_KEY, documents

    def combine(self, partials: Iterator[Any], ctx: StageContext) -> Iterable[tuple[Ref, Any]]:
        documents = 0
        pairs: list[tuple[Ref, int]] = []
        for first, second in partials:
            if first == _DOC_COUNT_KEY:
                documents += second
            else:
                pairs.append((first, second))
        need = max(self.min_docs, math.ceil(self.min_fraction * documents))
        if need == self.min_docs:  # the reduce passed only lines in >= min_docs documents: all are frequent
            ctx.count("frequent lines", len({h for _, h in pairs}))
            yield from pairs
            return
        counts = Counter(h for _, h in pairs)
        frequent = {h for h, n in counts.items() if n >= need}
        ctx.count("frequent lines", len(frequent))
        for ref, h in pairs:
            if h in frequent:
                yield ref, h

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        page = analyse(doc.text, frozenset(decisions), max_gap=self.max_gap)
        meta = build_record(page)
        ctx.count("lines removed", len(page.removed))
        if not page.kept:
            ctx.count("no article")
            if self.drop_empty:
                ctx.reject(doc.with_meta(boilerplate=meta), "no article", "no line looks like article prose")
                return None
            return doc.with_meta(boilerplate=meta)
        out = doc.with_text(page.text)
        out.meta["boilerplate"] = meta
        return out
