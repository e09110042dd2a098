"""The ``stories`` stage (reports of one event, grouped by their leads); imports nothing else of the plugin."""
