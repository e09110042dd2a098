"""Pipeline.process: the caller's items are checked, and the caller's exceptions stay the caller's."""

from __future__ import annotations

import pytest

from corpuskit import DataError, Document, Pipeline

STAGES = "stages:\n  - normalize\n  - {stage}\n  - length_filter: {{min_words: 1}}\n"


@pytest.fixture(params=["exact_dedup", "normalize"])  # through a global stage, and streaming only
def pipeline(request, make_plugins):
    return Pipeline.from_string(STAGES.format(stage=request.param), plugins=make_plugins())


class SourceBroke(Exception):
    pass


def test_an_exception_of_the_callers_iterator_reaches_the_caller_unchanged(pipeline):
    error = SourceBroke("the caller's source broke")

    def documents():
        yield Document("a", "hello world", {})
        yield Document("b", "second doc", {})
        raise error

    rejects, out = [], []
    with pytest.raises(SourceBroke) as raised:
        out.extend(pipeline.process(documents(), rejects=rejects))
    assert raised.value is error
    assert raised.value.__context__ is None and raised.value.__cause__ is None
    assert rejects == []  # not a stage's failure: nothing rejected
    assert [d.id for d in out] in ([], ["a", "b"])  # what came out before is whole, nothing doubled


@pytest.mark.parametrize("bad, found", [
    (None, "None"),
    ({"id": "x", "text": "a dict"}, "a dict"),
    ("a string", "a str"),
    (Document("x", None, {}), "a Document whose id is str and text NoneType"),  # type: ignore[arg-type]
])
def test_an_item_that_is_not_a_document_is_an_error_naming_its_position(pipeline, bad, found):
    rejects = []
    with pytest.raises(DataError) as raised:
        list(pipeline.process([Document("a", "x y", {}), bad, Document("c", "z w", {})], rejects=rejects))
    assert str(raised.value).splitlines()[0] == (
        f"item 1 of the documents given to Pipeline.process is {found}, not a Document(id: str, text: str, meta: dict)")
    assert rejects == []
