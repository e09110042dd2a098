"""news.entities: recognition, in-document merging and the corpus-wide merge."""

from __future__ import annotations

import zlib

import pytest
from corpuskit_news.entities import stage as entities_module
from corpuskit_news.entities.stage import NewsEntities

from corpuskit import Document, Pipeline
from corpuskit._errors import ConfigError
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Ref
from corpuskit._stages.stats import StageStats


def _ctx() -> StageContext:
    return StageContext("news.entities", StageStats("news.entities"), [].append)


def run_pipeline(*texts: str) -> list[list[dict]]:
    docs = [Document(f"d{i}", text) for i, text in enumerate(texts)]
    out = Pipeline.from_dict({"stages": ["news.entities"]}).process(docs)
    return [doc.meta["entities"] for doc in out]


def run_protocol(stage: NewsEntities, texts: list[str], buckets: int) -> list[list[dict]]:
    """keys -> reduce per bucket -> combine -> apply, as the runner drives a global stage."""
    ctx = _ctx()
    stage.setup(ctx)
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    parts: list[list] = [[] for _ in range(buckets)]
    for i, doc in enumerate(docs):
        for key, value in stage.keys(doc, Ref(0, i), ctx):
            parts[zlib.crc32(str(key).encode()) % buckets].append((key, value))
    partials = [p for b, items in enumerate(parts) for p in stage.reduce(b, iter(items), ctx)]
    decisions: dict = {}
    for ref, decision in stage.combine(iter(partials), ctx):
        decisions.setdefault(ref, []).append(decision)
    return [stage.apply(doc, decisions.get(Ref(0, i), []), ctx).meta["entities"] for i, doc in enumerate(docs)]


def by_name(entities: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entities}


PUTIN = (
    "Russian President Vladimir Putin met bankers in Moscow on Tuesday. Speaking at the meeting, "
    "Mr. Putin said the economy was growing. Putin also praised Sberbank, the country's largest bank."
)


def test_title_honorific_and_surname_forms_merge_into_one_person():
    people = [e for e in run_pipeline(PUTIN)[0] if e["type"] == "person"]
    assert len(people) == 1
    putin = people[0]
    assert putin["name"] == "Vladimir Putin"
    assert putin["count"] == 3
    assert set(putin["forms"]) == {"President Vladimir Putin", "Mr. Putin", "Putin"}


def test_types_from_gazetteer_cues_and_context():
    found = by_name(run_pipeline(PUTIN + " The Bank of England and the BRICS bloc were not mentioned by TASS.")[0])
    assert found["Moscow"]["type"] == "place"
    assert found["Sberbank"]["type"] == "organization"  # "Sberbank, the ... bank" -> org suffix
    assert found["Bank of England"]["type"] == "organization"
    assert found["BRICS"]["type"] == "organization"
    assert found["TASS"]["type"] == "organization"
    assert "Russian" not in found  # a demonym is not an entity
    assert "Speaking" not in found and "The" not in found


def test_transliterated_names_merge_across_documents_through_the_global_protocol():
    first = "Sberbank chief executive German Gref said the bank would invest in AI. Gref spoke in Moscow."
    second = "Sberbank CEO Herman Gref met officials at the Kremlin. Sberbank shares rose."
    third = "Analysts at Sberbank said German Gref had backed the plan."
    for buckets in (1, 3, 8):
        results = run_protocol(NewsEntities(), [first, second, third], buckets)
        names = [{e["name"] for e in doc if e["type"] == "person"} for doc in results]
        assert names == [{"German Gref"}, {"German Gref"}, {"German Gref"}], buckets
    second_doc = by_name(results[1])
    assert second_doc["German Gref"]["forms"] == ["CEO Herman Gref"]  # the page's own spelling kept


def test_transliteration_variants_without_shared_context_stay_apart():
    first = "Gary Smith, a farmer in Iowa, said the harvest was late. The Farm Bureau agreed."
    second = "Harry Smith, who coaches Leeds United, praised his players."
    names = [{e["name"] for e in doc if e["type"] == "person"} for doc in run_pipeline(first, second)]
    assert names == [{"Gary Smith"}, {"Harry Smith"}]


def test_case_variants_merge_to_the_acronym():
    first = "The Brics partners met in Kazan. Brics countries want a new payment system, and BRICS leaders agreed."
    second = "The BRICS summit ended on Thursday."
    third = "Ministers from Brics states arrived."
    results = run_pipeline(first, second, third)
    for doc in results:
        orgs = [e for e in doc if e["type"] == "organization"]
        assert [e["name"] for e in orgs] == ["BRICS"]
    assert set(by_name(results[0])["BRICS"]["forms"]) == {"Brics", "BRICS"}


def test_bare_word_takes_its_type_from_another_document():
    first = "Shares in Yandex rose after Yandex chief executive Tigran Khudaverdyan spoke."
    second = "Investors were also watching Yandex on Friday."
    results = run_pipeline(first, second)
    assert by_name(results[1])["Yandex"]["type"] == "organization"


def test_per_document_mode_and_min_count():
    stage = NewsEntities(merge_across=False, min_count=2)
    assert list(stage.keys(Document("a", PUTIN), Ref(0, 0), _ctx())) == []
    out = stage.apply(Document("a", PUTIN), [], _ctx())
    assert [e["name"] for e in out.meta["entities"]] == ["Vladimir Putin"]


def test_unknown_entity_type_is_a_config_error_with_its_position():
    text = "name: t\nstages:\n  - news.entities: {types: [person, company]}\n"
    with pytest.raises(ConfigError, match="unknown entity type 'company'") as info:
        Pipeline.from_string(text)
    assert "<string>:3" in str(info.value)


def test_spacy_model_mentions_go_through_the_same_merge(monkeypatch):
    class Ent:
        def __init__(self, text: str, start: int, label: str) -> None:
            self.text, self.start_char, self.label_ = text, start, label

    class FakeDoc:
        def __init__(self, text: str) -> None:
            self.ents = [Ent(w, text.index(w), label) for w, label in
                         [("Ada Lovelace", "PERSON"), ("London", "GPE"), ("Lovelace", "PERSON"), ("1843", "DATE")]]

    monkeypatch.setitem(entities_module._NLP, "fake_model", FakeDoc)
    text = "Ada Lovelace lived in London. Lovelace wrote notes in 1843."
    out = NewsEntities(spacy_model="fake_model", merge_across=False).apply(Document("a", text), [], _ctx())
    assert out.meta["entities"] == [
        {"name": "Ada Lovelace", "type": "person", "count": 2, "forms": ["Ada Lovelace", "Lovelace"]},
        {"name": "London", "type": "place", "count": 1, "forms": ["London"]},
    ]


def test_missing_spacy_model_is_a_config_error():
    pytest.importorskip("spacy")
    with pytest.raises(ConfigError, match="not installed"):
        NewsEntities(spacy_model="no_such_model_xyz").setup(_ctx())


def test_acronyms_expansions_and_ampersand_names():
    text = (
        "The Securities and Exchange Commission has asked for documents. The SEC said Marsh & McLennan "
        "was co-operating. HOT STOCKS\nKEY EVENTS\nShare this story."
    )
    found = by_name(run_pipeline(text)[0])
    assert found["Securities and Exchange Commission"]["forms"] == ["SEC", "Securities and Exchange Commission"]
    assert found["Marsh & McLennan"]["type"] == "organization"
    assert not {"HOT STOCKS", "KEY EVENTS", "SHARE", "HOT", "KEY"} & set(found)


def test_a_bare_word_joins_only_an_exact_spelling_across_documents():
    first = "Sberbank chief executive German Gref spoke in Moscow."
    second = "Investors watched Gref closely, and analysts at Href agreed."
    results = run_pipeline(first, second)
    people = by_name(results[1])
    assert people["German Gref"]["forms"] == ["Gref"]  # the exact surname joins
    assert "Href" not in people  # a transliteration neighbour alone does not


def test_other_languages_places_and_names():
    found = by_name(run_pipeline(
        "Il mercato più grande d'Europa resterà aperto, ha detto la direttrice Elena Conti. "
        "Le trafic était perturbé en Île-de-France. Die Kosten trägt Deutschland. "
        "В Казани открыли мост, рассказала Ирина Волкова."
    )[0])
    assert found["Europe"]["forms"] == ["Europa"]  # canonical from the gazetteer, the page's spelling kept
    assert found["Germany"]["forms"] == ["Deutschland"]  # pycountry's translated country names
    assert found["Île-de-France"]["type"] == "place"
    assert found["Elena Conti"]["type"] == "person"
    assert found["Ирина Волкова"]["type"] == "person"  # Cyrillic folds to Latin: "Ирина" is a given name
    assert found["Казани"]["type"] == "place"


def test_company_contexts_type_bare_names():
    found = by_name(run_pipeline(
        "Analysts expect more cuts. Electrolux said it would close two plants, and shares in Parmalat "
        "fell. Investors watched Umbro's shareholders closely."
    )[0])
    assert {found[n]["type"] for n in ("Electrolux", "Parmalat", "Umbro")} == {"organization"}
