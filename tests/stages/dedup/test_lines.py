from __future__ import annotations

import pytest

from corpuskit._document import Document
from corpuskit._errors import ConfigError
from corpuskit._run.pipeline import Pipeline
from corpuskit._stages.dedup.linefreq import drop_units

FOOTER = "Terms of use | Privacy policy | Cookie settings | Contact us"
SHARE = "Share this article with your friends and family"


def page(i: int, *, footer: bool = True) -> Document:
    body = f"Story number {i} tells what happened in town {i} on a rainy day in spring."
    lines = ["Home | News | Sport", body, f"A second paragraph for story {i}, with its own words."]
    if footer:
        lines += ["", SHARE, FOOTER]
    return Document(f"p{i}", "\n".join(lines))


@pytest.fixture
def run(make_plugins):
    """``run(params, docs)``: what ``line_dedup(**params)`` keeps and rejects, and its counters."""

    def run(params: dict, docs: list[Document]) -> tuple[list[Document], list[dict], dict]:
        rejects: list[dict] = []
        stats: dict = {}
        pipeline = Pipeline.from_dict({"stages": [{"line_dedup": params}]}, plugins=make_plugins())
        kept = list(pipeline.process(docs, rejects=rejects, stats=stats))
        return kept, rejects, next(iter(stats.values())).counters

    return run


def test_lines_in_more_than_max_docs_documents_go_and_are_counted(run):
    docs = [page(i) for i in range(5)] + [page(9, footer=False)]
    kept, rejects, counters = run({"max_docs": 4, "min_length": 20}, docs)
    assert not rejects
    for doc in kept[:5]:
        assert FOOTER not in doc.text and SHARE not in doc.text
        assert f"Story number {doc.id[1:]}" in doc.text
        assert "Home | News | Sport" in doc.text  # shorter than min_length
        assert not doc.text.endswith("\n")
    assert kept[5] == docs[5]  # nothing frequent in it: the very same document
    assert counters["lines_removed"] == 10
    assert counters["docs_changed"] == 5
    assert counters["chars_removed"] == 5 * (len(FOOTER) + len(SHARE))


def test_lines_at_or_under_max_docs_stay(run):
    docs = [page(i) for i in range(4)]
    kept, _, counters = run({"max_docs": 4, "min_length": 20}, docs)
    assert kept == docs
    assert counters["lines_removed"] == 0


def test_repeats_inside_one_document_count_once(run):
    doc = Document("a", "\n".join([FOOTER] * 6))
    kept, _, _ = run({"max_docs": 1, "min_length": 10}, [doc, page(1, footer=False)])
    assert kept[0] == doc


def test_case_and_surrounding_space_do_not_hide_a_repeat(run):
    docs = [
        Document(str(i), f"unique line number {i} here\n  {FOOTER.upper() if i % 2 else FOOTER}  ") for i in range(4)
    ]
    kept, _, _ = run({"max_docs": 2, "min_length": 10}, docs)
    assert all("terms of use" not in d.text.lower() for d in kept)


def test_paragraph_unit(run):
    teaser = "Sign up for our newsletter.\nGet the top stories every morning."
    docs = [Document(str(i), f"Body of story {i}, which is long enough.\n\n{teaser}") for i in range(3)]
    kept, _, counters = run({"max_docs": 2, "min_length": 10, "unit": "paragraph"}, docs)
    assert [d.text for d in kept] == [f"Body of story {i}, which is long enough." for i in range(3)]
    assert counters["paragraphs_removed"] == 3


def test_document_left_empty_is_rejected(run):
    docs = [Document(str(i), f"{FOOTER}\n{SHARE}") for i in range(3)]
    kept, rejects, _ = run({"max_docs": 2, "min_length": 10}, docs)
    assert kept == []
    assert [r["reason"] for r in rejects] == ["empty"] * 3


def test_empty_and_single(run):
    assert run({}, [])[0] == []
    doc = page(1)
    assert run({"max_docs": 0, "record": False}, [doc])[0] == [Document("p1", "Home | News | Sport")]


def test_removed_lines_are_recorded_in_meta_with_their_input_line_numbers(run):
    docs = [page(i) for i in range(3)]
    kept, _, _ = run({"max_docs": 2, "min_length": 20}, docs)
    reason = "in more than 2 documents"
    assert kept[0].meta["line_dedup"] == {"removed": [{"line": SHARE, "reason": reason, "lineno": 5},
                                                      {"line": FOOTER, "reason": reason, "lineno": 6}]}
    assert "line_dedup" not in run({"max_docs": 2, "min_length": 20, "record": False}, docs)[0][0].meta


def test_paragraph_line_numbers_are_those_of_the_paragraphs_first_line():
    dropped: list[tuple[int, str]] = []
    from corpuskit._stages.dedup.linefreq import line_hash

    drop_units("a\nb\n\nteaser\nmore\n\nc", [line_hash("teaser\nmore")], paragraphs=True, dropped=dropped)
    assert dropped == [(4, "teaser\nmore")]


def test_drop_units_keeps_text_identical_when_nothing_matches():
    assert drop_units("a\n\nb", [123]) == ("a\n\nb", 0, 0)


@pytest.mark.parametrize("params", [{"unit": "sentence"}, {"max_docs": -1}])
def test_bad_parameters(params, make_plugins):
    with pytest.raises(ConfigError):
        Pipeline.from_dict({"stages": [{"line_dedup": params}]}, plugins=make_plugins())
