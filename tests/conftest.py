"""Shared fixtures: a small corpus on disk; every test runs in its own directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import corpus_records, write_jsonl


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", corpus_records())


@pytest.fixture(autouse=True)
def _run_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run in their own directory, so run directories and outputs stay there."""
    monkeypatch.chdir(tmp_path)
