"""Document: attrs, slotted, frozen; its __init__ sets the slots directly (corpuskit/_document.py)."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

from corpuskit import Document


def test_meta_defaults_to_a_new_dict_and_a_given_one_is_kept_as_is() -> None:
    a, b = Document("a", "t"), Document("a", "t")
    assert a.meta == {} and a.meta is not b.meta
    meta = {"k": 1}
    assert Document("a", "t", meta).meta is meta
    assert Document(id="a", text="t", meta=meta) == Document("a", "t", {"k": 1})


def test_a_document_is_frozen_and_slotted() -> None:
    doc = Document("a", "t")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.text = "u"  # type: ignore[misc]
    assert not hasattr(doc, "__dict__")


def test_a_document_copies_evolves_and_pickles_like_any_attrs_class() -> None:
    doc = Document("a", "t", {"k": [1, 2]})
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert copy.deepcopy(doc) == doc and copy.copy(doc) == doc
    assert attrs.evolve(doc, text="u") == Document("a", "u", {"k": [1, 2]})
    assert doc.with_text("u").meta is not doc.meta
    assert repr(doc) == "Document(id='a', text='t', meta={'k': [1, 2]})"
