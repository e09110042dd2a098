"""extract_html: article text, structured metadata with sources, per-site repeats, rejects."""

from __future__ import annotations

from corpuskit import Document
from corpuskit._stages.web.extract import ExtractHtml
from corpuskit.testing import run_stage
from tests.stages.web.webpages import PARAGRAPHS, article_page


def page_doc(doc_id: str, html: str, url: str = "https://velmarherald.example/harbour/breakwater") -> Document:
    return Document(doc_id, html, {"content_type": "text/html", "url": url, "source": {"path": f"{doc_id}.html"}})


def test_article_text_and_structured_metadata():
    run = run_stage(ExtractHtml(site_repeats=0), [page_doc("a", article_page())])
    (doc,) = run.docs
    assert doc.text.split("\n")[:3] == list(PARAGRAPHS)
    assert "Most read" not in doc.text and "All rights reserved" not in doc.text and "Home" not in doc.text
    meta = doc.meta
    assert meta["content_type"] == "text/plain"
    assert (meta["title"], meta["author"], meta["publisher"], meta["published"], meta["language"]) == (
        "Breakwater nears completion in Port Velmar", "Mara Quell", "Velmar Herald", "2024-03-05", "en")
    assert meta["field_sources"]["title"] == "json-ld"
    assert meta["field_sources"]["language"] == "html"
    assert "html" not in meta


def test_keep_html_keeps_the_page():
    html = article_page()
    (doc,) = run_stage(ExtractHtml(keep_html=True, site_repeats=0), [page_doc("a", html)]).docs
    assert doc.meta["html"] == html


def test_paragraph_repeated_across_a_sites_pages_is_removed():
    docs = []
    for i in range(5):
        paragraphs = tuple(f"{p} Report number {i} adds a detail of its own." for p in PARAGRAPHS)
        docs.append(page_doc(f"p{i}", article_page(title=f"Story {i}", paragraphs=paragraphs),
                             url=f"https://velmarherald.example/s/{i}"))
    kept = run_stage(ExtractHtml(site_repeats=0), docs).docs
    assert all("newsletter" in d.text for d in kept)  # the extractor keeps the site's newsletter line
    run = run_stage(ExtractHtml(site_repeats=4), docs)
    assert all("newsletter" not in d.text for d in run.docs)
    assert all(d.text.count("Report number") == 3 for d in run.docs)


def test_same_page_crawled_many_times_keeps_its_text():
    docs = [page_doc(f"c{i}", article_page()) for i in range(5)]
    run = run_stage(ExtractHtml(site_repeats=4), docs)
    assert all(d.text.split("\n")[:3] == list(PARAGRAPHS) for d in run.docs)


def test_too_large_and_empty_pages_are_rejected_and_plain_text_passes():
    big = article_page(paragraphs=("word " * 200_000,)) + "<!--" + "x" * (50 << 20) + "-->"  # a 50 MB page
    docs = [page_doc("big", big), page_doc("empty", "<html><head><title>Empty</title></head><body></body></html>"),
            Document("txt", "already text", {"content_type": "text/plain"}), page_doc("ok", article_page())]
    run = run_stage(ExtractHtml(site_repeats=0), docs)
    assert [d.id for d in run.docs] == ["txt", "ok"]
    assert [(r["reason"], r["detail"].split(":")[0]) for r in run.rejects] == [
        ("page too large", "big.html"), ("no article", "empty.html")]
    assert len(run.rejects[0]["document"]["text"]) == len(big)  # nothing lost
