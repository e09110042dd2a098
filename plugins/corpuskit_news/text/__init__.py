"""Bottom layer: text utilities with no news-page knowledge of their own.

``lexicon`` (function words and cue phrases), ``dates`` (dates in many formats),
``folding`` (comparison forms of words), ``caches`` (one switch for the plugin's caches).
Imports nothing else of the plugin.
"""
