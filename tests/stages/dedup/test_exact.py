"""exact_dedup through the global-stage protocol."""

from __future__ import annotations

from corpuskit._stages.dedup.exact import ExactDedup


def test_keeps_first_of_equal_normalized_texts(run_stage):
    out = run_stage(ExactDedup(), ["a  b", "c", "a b", "C", "a\u00a0b"])
    assert [d.id for d in out.docs] == ["d0", "d1", "d3"]
    assert [r["document"]["meta"]["duplicate_of"] for r in out.rejects] == ["d0", "d0"]
    assert out.stats.docs_in == 5 and out.stats.docs_out == 3


def test_ignore_case(run_stage):
    out = run_stage(ExactDedup(ignore_case=True), ["Hello", "hello", "HELLO there"])
    assert [d.text for d in out.docs] == ["Hello", "HELLO there"]


def test_empty_and_single(run_stage):
    assert run_stage(ExactDedup(), []).docs == []
    assert run_stage(ExactDedup(), ["only"]).texts == ["only"]
