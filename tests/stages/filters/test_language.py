"""language_filter: languages, scores, the paragraph mode, annotate, and config errors."""

from __future__ import annotations

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._stages.filters.language import LanguageFilter
from corpuskit._stages.filters.languages import LANGUAGES, identifier

EN = ("The council met on Tuesday evening to discuss the new budget for the public library, "
      "and most members agreed that the opening hours should be extended during the winter.")
DE = ("Der Gemeinderat traf sich am Dienstagabend, um den neuen Haushalt der Stadtbibliothek zu "
      "besprechen, und die meisten Mitglieder waren sich einig, die Öffnungszeiten zu verlängern.")
FR = ("Le conseil municipal s'est réuni mardi soir pour discuter du nouveau budget de la "
      "bibliothèque publique, et la plupart des membres ont voulu prolonger les horaires d'ouverture.")


def test_keeps_listed_languages_and_writes_meta(run_stage):
    out = run_stage(LanguageFilter(languages=("en", "de")), [EN, DE, FR])
    assert [d.meta["language"] for d in out.docs] == ["en", "de"]
    assert all(0.65 <= d.meta["language_score"] <= 1.0 for d in out.docs)
    assert out.reasons == ["language not in [en, de]"]
    assert out.rejects[0]["detail"].startswith("language fr (")
    assert out.rejects[0]["detail"].endswith(") not in [en, de]")


def test_empty_list_keeps_every_language_above_the_score(run_stage):
    out = run_stage(LanguageFilter(), [EN, FR])
    assert [d.meta["language"] for d in out.docs] == ["en", "fr"]


def test_min_score_rejects_uncertain_documents(run_stage):
    out = run_stage(LanguageFilter(min_score=1.0), ["ok ok ok"])
    assert out.reasons == ["language_score < 1"]
    assert out.rejects[0]["detail"].startswith("language_score 0.")


def test_texts_without_letters(run_stage):
    out = run_stage(LanguageFilter(languages=("en",)), ["", "   \n ", "1234 5678 !!! ---"])
    assert out.reasons == ["no letters"] * 3
    assert [r["detail"] for r in out.rejects] == ["empty text", "empty text", "no letters in the text read"]
    kept = run_stage(LanguageFilter(min_score=0.0), ["", "42"])
    assert [(d.meta["language"], d.meta["language_score"]) for d in kept.docs] == [(None, 0.0), (None, 0.0)]


def test_annotate_keeps_everything_and_records_the_verdict(run_stage):
    out = run_stage(LanguageFilter(languages=("en",), action="annotate"), [EN, DE])
    assert out.rejects == []
    en, de = (d.meta["language_filter"] for d in out.docs)
    assert en["keep"] is True and en["reason"] is None and en["language"] == "en"
    assert de["keep"] is False and de["reason"].startswith("language de (")
    assert out.docs[1].meta["language"] == "de"
    assert out.stats.counters["annotated: language not in [en]"] == 1


def test_paragraph_mode_removes_other_languages_from_mixed_pages(run_stage):
    page = f"{EN}\n\n{DE}\n\nShort line\n\n{EN.upper().lower()}"
    out = run_stage(LanguageFilter(languages=("en",), unit="paragraph"), [page, DE])
    assert len(out.docs) == 1
    doc = out.docs[0]
    assert DE not in doc.text and doc.text.count("The council met") == 1 and "Short line" in doc.text
    assert doc.meta["language"] == "en"
    assert set(doc.meta["language_shares"]) == {"en", "de"}
    assert doc.meta["language_shares"]["en"] > doc.meta["language_shares"]["de"]
    assert out.stats.counters["paragraphs_removed"] == 1
    assert out.reasons == ["no paragraph in [en] with language_score >= 0.65"]
    assert out.rejects[0]["detail"].startswith("shares de 1")


def test_paragraph_mode_splits_lines_when_there_are_no_blank_lines(run_stage):
    out = run_stage(LanguageFilter(languages=("de",), unit="paragraph"), [f"{EN}\n{DE}\n{FR}"])
    assert out.texts == [DE]


def test_paragraph_mode_annotate_leaves_the_text(run_stage):
    page = f"{EN}\n\n{DE}"
    out = run_stage(LanguageFilter(languages=("en",), unit="paragraph", action="annotate"), [page])
    assert out.texts == [page]
    assert out.docs[0].meta["language_filter"]["paragraphs_removed"] == 1


def test_unknown_language_code_is_a_config_error_with_did_you_mean():
    text = "stages:\n  - language_filter: {languages: [en, eng]}\n"
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text)
    message = str(err.value)
    assert message.startswith("<string>:2:39: language_filter.languages.1: unknown language code 'eng'\n"
                              "  hint: did you mean 'en'? codes are py3langid's")


@pytest.mark.parametrize("code, meant", [("German", "de"), ("fra", "fr"), ("en-US", "en"), ("deu", "de"), ("EN", "en")])
def test_did_you_mean_reads_names_and_other_codes(code, meant):
    with pytest.raises(ConfigError) as err:
        Pipeline.from_dict({"stages": [{"language_filter": {"languages": [code]}}]})
    assert f"did you mean '{meant}'?" in str(err.value)


def test_language_list_is_the_models():
    assert set(identifier().nb_classes) == LANGUAGES
