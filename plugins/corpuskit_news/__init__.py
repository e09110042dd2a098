"""corpuskit's bundled news plugin: clean scraped news pages and extract their metadata.

It registers through the ``corpuskit`` entry-point group exactly as a third-party
plugin would (see ``plugin.py``).
"""
