"""Evaluation code the tests and the benchmarks share: gold loading, scoring, labelled corpora.

Importable from the repository root (the tests and benchmarks/ run from there); not part of
the installed distribution. Benchmarks time things; this package only scores and generates.
"""
