"""The pluggy markers. ``hookimpl`` is re-exported from the package root."""

import pluggy

PROJECT = "corpuskit"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
