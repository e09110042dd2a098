"""corpuskit's bundled news plugin: clean scraped news pages and extract their metadata.

It registers through the ``corpuskit`` entry-point group exactly as a third-party
plugin would (see ``plugin.py``), and imports only from the root ``corpuskit`` package.

Layout
------
Subpackages, each importing only those below it (tests/plugins/corpuskit_news/test_layers.py
checks it)::

    plugin.py      registers the stages                      imports every stage
    metadata/      news.metadata, publisher, page names       -> page, text
    page/          lines, headline, bylines, comments,        -> text
                   article segmenter, news.boilerplate
    quotes/        news.quotes, quote marks                   -> entities, text
    entities/      news.entities, mentions, gazetteer, merge  -> text
    stories/       stories (reports of one event)             -> text
    text/          lexicon, dates, folding, caches            -> nothing

``page/boilerplate_record.py`` owns the ``meta["boilerplate"]`` record that
``news.boilerplate`` writes and ``news.metadata`` reads.
"""
