"""configs/news-html.yaml: the news pipeline over the bundled WARC, through the real CLI, with news.yaml's schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.helpers import REPO

WEB_FIELDS = {"url", "warc", "charset", "content_type", "modified", "canonical_url", "description", "field_sources"}
MARKUP = {"json-ld", "opengraph", "twitter", "meta", "time", "byline", "html"}


def _run(config: str, cwd: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'plugins'}"}
    done = subprocess.run([sys.executable, "-m", "corpuskit", "run", config], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    out = cwd / "out" / ("news-html.jsonl" if "html" in config else "news.jsonl")
    return [orjson.loads(line) for line in out.read_bytes().splitlines()]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[dict]]:
    root = tmp_path_factory.mktemp("news-html")
    shutil.copytree(REPO / "configs", root / "configs")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return _run("configs/news-html.yaml", root), _run("configs/news.yaml", root)


def _gold() -> dict[str, dict]:
    golds = (orjson.loads(p.read_bytes()) for p in (REPO / "tests/data/news/gold").glob("*.gold.json"))
    return {g["title"]: g for g in golds}


def test_records_have_the_schema_of_news_yaml(records):
    html, text = records
    assert len(html) == 38  # 39 pages, one crawled twice (minhash drops the copy)
    text_meta = set(text[0]["meta"])
    assert all(set(r["meta"]) == text_meta for r in text)
    for record in html:  # minhash's meta.dedup (the copies a record stands for) on the record that had one
        assert set(record["meta"]) - {"dedup"} == text_meta | WEB_FIELDS
    assert sum("dedup" in r["meta"] for r in html) == 1
    assert html[0]["meta"]["boilerplate"].keys() == text[0]["meta"]["boilerplate"].keys()


def test_titles_and_dates_come_from_the_markup(records):
    html, _ = records
    gold = _gold()
    from_markup = 0
    for record in html:
        meta = record["meta"]
        page = gold[meta["title"]]  # every title is the page's headline
        if meta["field_sources"].get("published") in MARKUP:
            assert meta["published"] == page["published"]
            from_markup += 1
        assert meta["author"] == page["author"]
    assert from_markup >= 24
    assert {r["meta"]["field_sources"]["title"] for r in html} >= {"json-ld", "opengraph"}
    assert all(r["text"].split("\n") == gold[r["meta"]["title"]]["article_lines"] for r in html)


def test_the_warc_is_rebuilt_byte_for_byte(tmp_path):
    out = tmp_path / "news.warc.gz"
    subprocess.run([sys.executable, str(REPO / "benchmarks/web/build_news_warc.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (REPO / "seeds/html/news.warc.gz").read_bytes()
