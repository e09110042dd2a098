"""The news stages after extract_html: markup metadata first, boilerplate refuses raw HTML, the rest unchanged."""

from __future__ import annotations

import os
import subprocess
import sys

import orjson
import pytest

from corpuskit import ConfigError, Document, Pipeline, StageError
from corpuskit._plugins.manager import load_plugins
from tests.helpers import REPO
from tests.stages.web.webpages import PARAGRAPHS, article_page, write_warc

QUOTE_PARAGRAPH = ('"We will not let the sea take the harbour again," said Ilse Brandt, the director of the '
                   "Port Velmar harbour authority, at a press conference on Monday.")


def _html(doc_id: str, html: str) -> Document:
    return Document(doc_id, html, {"content_type": "text/html", "url": f"https://velmarherald.example/{doc_id}"})


def test_metadata_prefers_the_markup_and_records_sources():
    pipeline = Pipeline.from_dict({"name": "t", "stages": [{"extract_html": {"site_repeats": 0}}, "news.metadata"]},
                                  plugins=load_plugins())
    (doc,) = pipeline.process([_html("a", article_page(date="2024-03-05"))])
    meta = doc.meta
    assert (meta["title"], meta["author"], meta["publisher"], meta["published"]) == (
        "Breakwater nears completion in Port Velmar", "Mara Quell", "Velmar Herald", "2024-03-05")
    assert meta["field_sources"]["title"] == "json-ld"
    assert meta["field_sources"]["published"] == "json-ld"
    assert meta["language"] == "en" and meta["field_sources"]["language"] == "html"
    assert meta["word_count"] == len(doc.text.split())


def test_metadata_falls_back_to_the_text_when_the_markup_is_silent():
    html = ("<html><head><title></title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    pipeline = Pipeline.from_dict({"name": "t", "stages": [{"extract_html": {"site_repeats": 0}}, "news.metadata"]},
                                  plugins=load_plugins())
    (doc,) = pipeline.process([_html("a", html)])
    assert doc.meta["language"] == "en"
    assert doc.meta["field_sources"]["language"] == "text"  # py3langid on the text: the page declares none
    assert "author" not in doc.meta["field_sources"] and doc.meta["author"] is None


def test_metadata_on_plain_text_writes_no_field_sources():
    pipeline = Pipeline.from_dict({"name": "t", "stages": ["news.metadata"]}, plugins=load_plugins())
    (doc,) = pipeline.process([Document("a", "\n".join(PARAGRAPHS), {})])
    assert "field_sources" not in doc.meta


def test_boilerplate_on_html_says_to_run_extract_html_first():
    pipeline = Pipeline.from_dict({"name": "t", "stages": ["news.boilerplate"]}, plugins=load_plugins())
    with pytest.raises(StageError) as err:
        list(pipeline.process([_html("page1", article_page())]))
    assert str(err.value) == (
        "stage 'news.boilerplate' was given an HTML page (document 'page1', meta.content_type text/html); "
        "it works on page text\n  hint: add extract_html before news.boilerplate in the pipeline")


def test_validate_refuses_boilerplate_after_a_web_reader_without_extract_html(tmp_path):
    config = tmp_path / "web.yaml"
    config.write_text("name: web\nstages:\n  - read_warc: {paths: [crawl.warc.gz]}\n  - news.boilerplate\n"
                      "  - write_jsonl: {path: out.jsonl}\n")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'plugins'}"}
    done = subprocess.run([sys.executable, "-m", "corpuskit", "validate", str(config)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert (f"{config}:4:5: news.boilerplate: read_warc gives HTML pages and news.boilerplate works on page text\n"
            "  hint: run extract_html first: put it after read_warc, before news.boilerplate") in done.stderr
    plugins = load_plugins()
    with pytest.raises(ConfigError, match="read_html gives HTML pages"):
        Pipeline.from_dict({"name": "t", "stages": [{"read_html": {"paths": ["p/*.html"]}}, "news.boilerplate",
                                                    "extract_html"]}, plugins=plugins)
    Pipeline.from_dict({"name": "t", "stages": [{"read_html": {"paths": ["p/*.html"]}}, "extract_html",
                                                "news.boilerplate"]}, plugins=plugins)
    Pipeline.from_dict({"name": "t", "stages": ["news.boilerplate"]}, plugins=plugins)  # caller's documents


def test_entities_quotes_minhash_stories_on_extracted_text(tmp_path):
    pages = []
    for i in range(3):
        paragraphs = (*PARAGRAPHS, QUOTE_PARAGRAPH) if i < 2 else (PARAGRAPHS[0].replace("Monday", "Friday"),)
        pages.append((f"https://velmarherald.example/s/{i}",
                      article_page(title=f"Breakwater report {i}", paragraphs=paragraphs).encode(), "text/html"))
    warc = write_warc(tmp_path / "pages.warc.gz", pages)
    out = tmp_path / "out.jsonl"
    Pipeline.from_dict({"name": "t", "stages": [
        {"read_warc": {"paths": [str(warc)]}}, {"extract_html": {"site_repeats": 0}}, "minhash", "news.metadata",
        "news.entities", "news.quotes", "stories", {"write_jsonl": {"path": str(out)}}]},
        plugins=load_plugins()).run(executor="serial", run_dir=tmp_path / "run")

    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(records) == 2  # report 1 is a near-duplicate of report 0
    first = records[0]["meta"]
    assert any(q["speaker"] == "Ilse Brandt" for q in first["quotes"])
    assert ("Ilse Brandt", "person") in {(e["name"], e["type"]) for e in first["entities"]}
    assert all("story" in r["meta"] for r in records)
