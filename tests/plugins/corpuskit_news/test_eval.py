"""The figures on the project's evaluation set stay above the issue's targets."""

from __future__ import annotations

import pytest

from evaluation.news.pipeline import evaluate

TARGETS = {"bp_P": 0.95, "bp_R": 0.95, "title": 0.9, "publisher": 0.9, "published": 0.9}


@pytest.fixture(scope="module")
def figures():
    return evaluate()


def test_enough_pages(figures):
    rows, _ = figures
    assert len(rows) >= 25  # 20+ written pages and the five seeds


@pytest.mark.parametrize(("figure", "target"), sorted(TARGETS.items()))
def test_target(figures, figure, target):
    _, overall = figures
    assert overall[figure] >= target


def test_no_page_collapses(figures):
    rows, _ = figures
    bad = [r["page"] for r in rows if r["bp_R"] < 0.6 or r["bp_P"] < 0.6]
    assert not bad, bad
