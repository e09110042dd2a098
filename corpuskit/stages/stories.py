"""``stories``: group documents that report the same event (placeholder, being written)."""
