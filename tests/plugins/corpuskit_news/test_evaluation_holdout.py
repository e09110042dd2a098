"""Held-out gold on HTML pages and the alias-merge / per-type figures of the entity scorer.

The held-out sets under benchmarks/entities_holdout/ keep no article text: a gold file
names the page (path + sha256) and its article lines in the page as
evaluation/render_html.py renders it; these tests check that the loader rebuilds exactly
that text and refuses a page or renderer that changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evaluation.news import entities as entity_score
from evaluation.news import quotes as quote_score
from evaluation.news.gold import load_holdout
from evaluation.render_html import render
from tests.helpers import REPO

PAGE = """<html><head><title>Site</title></head><body>
<nav><a href="/">Home</a> <a href="/w">World</a></nav>
<h1>Keller wins the vote</h1>
<p>Senator Anna Keller won the vote on Monday.</p>
<div class="ad">Advertisement</div>
<p>"We did it together," Keller said.</p>
<footer>(c) Example News</footer>
</body></html>
"""


def _holdout(tmp_path: Path, article: list[int], sha1: str | None = None) -> Path:
    page = tmp_path / "src" / "html" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    lines = render(PAGE).splitlines()
    digest = sha1 or hashlib.sha1("\n".join(lines[n - 1] for n in article).encode()).hexdigest()
    gold = {"source": {"path": "html/page.html", "sha256": hashlib.sha256(PAGE.encode()).hexdigest()},
            "article": article, "article_sha1": digest, "outlet": "Example News",
            "entities": [{"name": "Anna Keller", "type": "person", "forms": ["Senator Anna Keller", "Keller"]}],
            "quotes": [{"speaker": "Anna Keller", "text": "We did it together"}]}
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "page.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_html_gold_text_is_the_rendered_article_lines(tmp_path):
    lines = render(PAGE).splitlines()
    article = [lines.index("Senator Anna Keller won the vote on Monday.") + 1,
               lines.index('"We did it together," Keller said.') + 1]
    [(name, text, gold)] = load_holdout(_holdout(tmp_path, article), tmp_path / "src")
    assert name == "page"
    assert text == 'Senator Anna Keller won the vote on Monday.\n\n"We did it together," Keller said.'
    assert gold["quotes"][0]["speaker"] == "Anna Keller"


def test_html_gold_refuses_changed_lines(tmp_path):
    with pytest.raises(SystemExit, match="rendered article lines changed"):
        load_holdout(_holdout(tmp_path, [3, 4], sha1="0" * 40), tmp_path / "src")


def test_html_gold_refuses_a_changed_page(tmp_path):
    folder = _holdout(tmp_path, [3])
    (tmp_path / "src" / "html" / "page.html").write_text(PAGE + "<p>more</p>", encoding="utf-8")
    with pytest.raises(SystemExit, match="not the text the gold was written for"):
        load_holdout(folder, tmp_path / "src")


GOLD = {"entities": [
    {"name": "Anna Keller", "type": "person", "forms": ["Anna Keller", "Keller", "Senator Keller"]},
    {"name": "Robert Gates", "type": "person", "forms": ["Defense Secretary Robert Gates", "Gates"]},
    {"name": "Senate Finance Committee", "type": "organization",
     "forms": ["Senate Finance Committee", "Finance Committee"]},
    {"name": "Ohio", "type": "place", "forms": ["Ohio", "OHIO"]},  # one form after folding case: no group
]}


def test_alias_merge_needs_every_form_in_one_predicted_entity():
    merged = {"entities": [
        {"name": "Anna Keller", "type": "person", "forms": ["Anna Keller", "Senator Keller", "Keller"]},
        {"name": "Robert Gates", "type": "person", "forms": ["Robert Gates", "Gates"]},
        {"name": "Senate Finance Committee", "type": "organization",
         "forms": ["Senate Finance Committee", "Finance Committee"]},
    ]}
    assert entity_score.alias_groups(merged, GOLD)[:2] == (3, 3)
    split = {"entities": [
        {"name": "Anna Keller", "type": "person", "forms": ["Anna Keller", "Keller"]},
        {"name": "Senator Keller", "type": "person", "forms": ["Senator Keller"]},
        {"name": "Robert Gates", "type": "person", "forms": ["Defense Secretary Robert Gates"]},
        {"name": "Gates", "type": "organization", "forms": ["Gates"]},
        {"name": "Senate Finance Committee", "type": "organization", "forms": ["Senate Finance Committee"]},
    ]}
    groups, merged_count, missed = entity_score.alias_groups(split, GOLD)
    assert (groups, merged_count) == (3, 0)
    assert missed[2] == "Senate Finance Committee (organization): finance committee->-, senate finance committee->[4]"


def test_per_type_figures_and_alias_share_over_pages():
    pred = {"entities": [
        {"name": "Anna Keller", "type": "person", "forms": ["Anna Keller", "Keller", "Senator Keller"]},
        {"name": "Robert Gates", "type": "organization", "forms": ["Robert Gates", "Gates"]},
        {"name": "Ohio", "type": "place", "forms": ["Ohio"]},
    ]}
    row = entity_score.score_page(pred, GOLD)
    assert (row["tp"], row["pred"], row["gold"]) == (2, 3, 4)
    details = entity_score.summarize_details([row, row])
    assert details["by_type"]["person"] == (1.0, 0.5, 2, 4)
    assert details["by_type"]["organization"] == (0.0, 0.0, 2, 2)
    assert details["by_type"]["place"] == (1.0, 1.0, 2, 2)
    assert (details["alias_merge"], details["alias_groups"]) == (2 / 3, 6)


def test_quotes_found_and_speaker_right_of_found():
    gold = {"entities": [], "quotes": [{"speaker": None, "text": "one two three four"},
                                       {"speaker": None, "text": "five six seven eight"}]}
    pred = {"quotes": [{"speaker": "X", "text": "one two three four"}]}
    summary = quote_score.summarize([quote_score.score_page(pred, gold)])
    assert (summary["recall"], summary["speaker_accuracy"], summary["speaker_of_found"]) == (0.5, 0.0, 0.0)


SETS = REPO / "benchmarks" / "entities_holdout"
DEVDATA = REPO.parent / "shared" / "devdata"


@pytest.mark.parametrize("name", ["dev2", "heldout2"])
def test_committed_page_gold_is_well_formed_and_loads(name):
    """Only loads the text and checks the gold's shape: the stages never run on heldout2 here."""
    if not (DEVDATA / "html").is_dir():
        pytest.skip(f"the devdata pages are not at {DEVDATA}")
    pages = load_holdout(SETS / name, DEVDATA)
    assert len(pages) >= 10
    for page, text, gold in pages:
        names = [e["name"] for e in gold["entities"]]
        assert len(names) == len(set(names)), page
        for entity in gold["entities"]:
            assert entity["type"] in {"person", "organization", "place"}, (page, entity)
            assert entity["forms"] and all(form in text.replace("\u2019", "'") or form in text
                                           for form in entity["forms"]), (page, entity)
        for quote in gold["quotes"]:
            assert quote["speaker"] is None or quote["speaker"] in names, (page, quote)
            assert len(quote["text"].split()) >= 4, (page, quote)
