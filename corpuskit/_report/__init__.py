"""The run report: what shards record while a run goes (probe), and report.html built from it."""
