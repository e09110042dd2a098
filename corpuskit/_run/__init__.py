"""Internal: import from ``corpuskit``, not from here."""
