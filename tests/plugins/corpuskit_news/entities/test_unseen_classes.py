"""news.entities on the failure classes of the second held-out run (issue 15), one invented text per class."""

from __future__ import annotations

from corpuskit import Document, Pipeline


def found(text: str) -> list[dict]:
    (doc,) = Pipeline.from_dict({"stages": ["news.entities"]}).process([Document("d", text)])
    return doc.meta["entities"]


def types(text: str) -> dict[str, str]:
    return {e["name"]: e["type"] for e in found(text)}


def forms(text: str) -> dict[str, set[str]]:
    return {e["name"]: set(e["forms"]) for e in found(text)}


# -- people ------------------------------------------------------------------------------
def test_a_surname_the_demonym_suffix_rules_would_make_is_still_a_surname():
    # "Martini" (Saint Martin + "i") and "Saban" (Saba + "n") are no demonyms
    text = "The hearing was delayed, Lena Martini said. Harbour coach Ivo Saban agreed with her."
    assert types(text) == {"Lena Martini": "person", "Harbour": "organization", "Ivo Saban": "person"}
