"""The py3langid identifier and its cached copy in the user's cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpuskit_news import language

TEXTS = [
    "The council voted on Tuesday to delay the waterfront parking plan until the spring.",
    "Le conseil municipal a reporté mardi le vote sur le projet de stationnement du port.",
    "Der Stadtrat hat die Abstimmung über den Parkplatzplan am Hafen auf den Frühling verschoben.",
]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _scores(identifier: object) -> list[list[float]]:
    return [identifier._decide(text).tolist() for text in TEXTS]  # type: ignore[attr-defined]


def test_cached_identifier_scores_exactly_as_a_fresh_one(cache_home: Path) -> None:
    fresh = language._cached_identifier()  # builds from the model and writes the cache
    (cached_file,) = (cache_home / "corpuskit").glob("py3langid-*.pkl")
    cached = language._cached_identifier()  # read back
    assert cached is not fresh
    assert _scores(cached) == _scores(fresh)
    assert cached_file.stat().st_size > 0


def test_an_unreadable_cache_file_is_rebuilt(cache_home: Path) -> None:
    language._cached_identifier()
    (cached_file,) = (cache_home / "corpuskit").glob("py3langid-*.pkl")
    cached_file.write_bytes(b"not a pickle")
    identifier = language._cached_identifier()
    assert identifier.classify(TEXTS[1])[0] == "fr"
    assert cached_file.stat().st_size > 1000  # written again
