"""read_warc: HTML responses only, metadata, sharding at record boundaries, damage and bad pages as rejects."""

from __future__ import annotations

import logging

import pytest

from corpuskit._stages.web.extract import ExtractHtml
from corpuskit._stages.web.warc_reader import ReadWarc, plan_ranges
from corpuskit.testing import run_stage
from tests.helpers import loader_ctx, read_all
from tests.stages.web.webpages import article_page, write_warc


def pages(n: int) -> list[tuple[str, bytes, str]]:
    return [(f"https://velmarherald.example/story/{i}", article_page(title=f"Story {i}").encode(),
             "text/html; charset=utf-8") for i in range(n)]


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_documents_others_are_counted(tmp_path, gz):
    body = [*pages(2), ("https://velmarherald.example/logo.png", b"\x89PNG....", "image/png")]
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), body, gzip=gz)
    loader = ReadWarc(paths=(str(path),))
    ctx = loader_ctx()
    docs = [d for s in loader.plan(ctx) for d in loader.read(s, ctx)]
    assert [d.meta["url"] for d in docs] == ["https://velmarherald.example/story/0",
                                             "https://velmarherald.example/story/1"]
    first = docs[0]
    assert first.id == "crawl:" + str(first.meta["source"]["offset"])
    assert first.meta["content_type"] == "text/html"
    assert first.meta["warc"]["status"] == 200 and first.meta["warc"]["file"] == str(path)
    assert first.meta["warc"]["record_id"].startswith("<urn:uuid:")
    assert "<title>Story 0 | Velmar Herald</title>" in first.text
    counts = dict(ctx.stats.counters)
    assert counts == {"skipped request": 3, "skipped metadata": 3, "skipped content type": 1}


@pytest.mark.parametrize("gz", [True, False])
def test_a_big_file_is_split_at_record_boundaries(tmp_path, gz):
    path = write_warc(tmp_path / "big.warc.gz", pages(40), gzip=gz)
    shards = plan_ranges(str(path), path.stat().st_size, 8000)
    assert len(shards) > 3
    whole = read_all(ReadWarc(paths=(str(path),)))
    split = [d for s in shards for d in ReadWarc(paths=(str(path),)).read(s, loader_ctx())]
    assert [d.id for d in split] == [d.id for d in whole]
    assert len(whole) == 40


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_rejects_the_cut_record_and_keeps_the_rest(tmp_path, gz):
    path = write_warc(tmp_path / "cut.warc", pages(5), gzip=gz, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[:-400])
    rejects: list = []
    docs = read_all(ReadWarc(paths=(str(path),)), rejects)
    assert len(docs) == 4
    (reject,) = rejects
    assert reject["reason"] == "corrupt record"
    offset = reject["document"]["meta"]["source"]["offset"]
    assert reject["detail"].startswith(f"{path}:{offset}: ")
    assert offset > docs[-1].meta["source"]["offset"]


def test_cut_gzip_member_in_the_middle_loses_only_that_record(tmp_path):
    path = write_warc(tmp_path / "hole.warc.gz", pages(5), extra=False)
    docs = read_all(ReadWarc(paths=(str(path),)))
    offsets = [d.meta["source"]["offset"] for d in docs]
    data = path.read_bytes()
    hole = offsets[2] + 60  # inside the third record's gzip member
    path.write_bytes(data[:hole] + data[hole + 100 :])
    rejects: list = []
    docs = read_all(ReadWarc(paths=(str(path),)), rejects)
    assert [d.meta["url"][-1] for d in docs] == ["0", "1", "3", "4"]
    (reject,) = rejects
    assert reject["detail"].startswith(f"{path}:{offsets[2]}: unreadable record")


def test_warc_without_html_gives_no_documents_counts_and_warns_with_the_file(tmp_path, caplog):
    path = write_warc(tmp_path / "images.warc.gz", [("https://x.example/a.png", b"\x89PNG", "image/png")])
    loader = ReadWarc(paths=(str(path),))
    ctx = loader_ctx()
    with caplog.at_level(logging.WARNING):
        assert [d for s in loader.plan(ctx) for d in loader.read(s, ctx)] == []
    assert ctx.stats.counters["skipped content type"] == 1
    assert ctx.stats.counters["parts without pages"] == 1
    assert caplog.messages == [f"{path}:0: no page among its 3 records (content types read: text/html, "
                               "application/xhtml+xml); see the skipped counts"]


def test_empty_undecodable_and_lying_charset_records(tmp_path):
    latin = article_page(title="Café au port", charset="iso-8859-1").encode("iso-8859-1")
    utf8 = article_page(title="Café au port").encode("utf-8")
    mixed = ("<html><body>" + "é" * 100).encode()[:-1] + "ü".encode("latin-1") * 50 + "日本".encode("utf-16-le") * 30
    body = [("https://x.example/empty", b"", "text/html"),
            ("https://x.example/latin", latin, "text/html; charset=utf-8"),  # the HTTP header lies
            ("https://x.example/utf8", utf8, "text/html; charset=iso-8859-1"),  # so does this one
            ("https://x.example/mixed", mixed, "text/html"),
            *pages(1)]
    path = write_warc(tmp_path / "bad.warc.gz", body, extra=False)
    rejects: list = []
    docs = read_all(ReadWarc(paths=(str(path),)), rejects)
    assert [(d.meta["url"].rsplit("/", 1)[-1], d.meta["charset"]) for d in docs] == [
        ("latin", "iso8859-1"), ("utf8", "utf-8"), ("0", "utf-8")]
    assert all("Café au port" in d.text for d in docs[:2])
    offsets = {r["document"]["meta"]["url"]: r["document"]["meta"]["source"]["offset"] for r in rejects}
    assert [(r["reason"], r["detail"]) for r in rejects] == [
        ("empty page", f"{path}:0: the page has no content"),
        ("unknown charset", f"{path}:{offsets['https://x.example/mixed']}: no declared charset decodes the page "
                            "and detection found none")]


def test_a_50_mb_page_in_a_warc_is_rejected_by_extract_html_with_file_and_offset(tmp_path):
    big = article_page(paragraphs=("word " * 200_000,)) + "<!--" + "x" * (50 << 20) + "-->"
    path = write_warc(tmp_path / "big.warc.gz", [("https://x.example/big", big.encode(), "text/html"), *pages(1)],
                      extra=False)
    docs = read_all(ReadWarc(paths=(str(path),)))
    run = run_stage(ExtractHtml(site_repeats=0), docs)
    assert [d.meta["url"] for d in run.docs] == ["https://velmarherald.example/story/0"]
    (reject,) = run.rejects
    assert (reject["reason"], reject["detail"]) == (
        "page too large", f"{path}:0: {len(big.encode())} bytes, over max_bytes {16 << 20}")
    assert len(reject["document"]["text"]) == len(big)  # nothing lost


def test_binary_body_labelled_html_is_rejected_with_file_and_offset(tmp_path):
    body = [("https://x.example/fake.html", b"\x00\x01\x02binary" * 50, "text/html"), *pages(1)]
    path = write_warc(tmp_path / "fake.warc.gz", body, extra=False)
    rejects: list = []
    docs = read_all(ReadWarc(paths=(str(path),)), rejects)
    assert len(docs) == 1
    (reject,) = rejects
    assert reject["reason"] == "not text"
    assert reject["detail"] == f"{path}:0: NUL byte at byte offset 0: not a text page"
