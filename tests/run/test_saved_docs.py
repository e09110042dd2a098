"""Documents saved between segments come back as a JSON line would have given them back."""

from __future__ import annotations

import enum
import math

import pytest

from corpuskit import Document, RunError
from corpuskit._io import jsonl
from corpuskit._run.saved_docs import SavedDocuments, read_saved

KEY = b"k" * 32


class Colour(enum.IntEnum):
    RED = 1


class Name(str):
    pass


def _round_trip(docs: list[Document], path) -> list[Document]:
    with SavedDocuments(path, KEY) as saved:
        for doc in docs:
            saved.add(doc)
        assert saved.finish() == len(docs)
    return list(read_saved(path, KEY))


def _as_json_line(doc: Document) -> Document:
    record = jsonl.loads(jsonl.dumps_line({"id": doc.id, "text": doc.text, "meta": doc.meta}))
    return Document(record["id"], record["text"], record["meta"])


def test_documents_come_back_equal_in_order_across_chunks(tmp_path):
    docs = [Document(f"d{i}", f"text {i}", {"n": i, "f": i / 3, "big": 2**70 + i, "ok": True, "none": None,
                                            "source": {"path": "a.parquet", "row": i}, "tags": ["x", {"y": [1]}]})
            for i in range(2500)]
    counter = [0]
    back = _round_trip(docs, tmp_path / "shard.pkl")
    assert back == docs
    assert list(read_saved(tmp_path / "shard.pkl", KEY, counter)) == docs and counter == [2500]


@pytest.mark.parametrize("meta", [
    {"pair": (1, 2)},  # a tuple: a JSON line gives a list
    {"deep": {"pair": ("a", [("b",)])}},
    {"nan": math.nan, "inf": [math.inf]},  # null in a JSON line
    {"colour": Colour.RED, "name": Name("x")},  # subclasses: their base type
    {"name": [Name("x")]},
])
def test_meta_beyond_json_types_comes_back_as_its_json_line(tmp_path, meta):
    docs = [Document("d0", "text", meta), Document(Name("d1"), Name("text"), {})]
    back = _round_trip(docs, tmp_path / "shard.pkl")
    expected = [_as_json_line(doc) for doc in docs]
    assert back == expected
    assert [repr(doc) for doc in back] == [repr(doc) for doc in expected]
    assert type(back[1].id) is str and type(back[1].text) is str


def test_a_file_not_sealed_with_the_run_key_is_never_unpickled(tmp_path):
    path = tmp_path / "shard.pkl"
    _round_trip([Document("d0", "text")], path)
    with pytest.raises(RunError, match="was not written by this run"):
        list(read_saved(path, b"x" * 32))

