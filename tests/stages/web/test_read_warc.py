"""read_warc: HTML responses only, metadata, sharding at record boundaries, damage as rejects."""

from __future__ import annotations

import pytest

from corpuskit._stages.web.warc_reader import ReadWarc, plan_ranges
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


def test_warc_without_html_gives_no_documents_and_counts(tmp_path):
    path = write_warc(tmp_path / "images.warc.gz", [("https://x.example/a.png", b"\x89PNG", "image/png")])
    loader = ReadWarc(paths=(str(path),))
    ctx = loader_ctx()
    assert [d for s in loader.plan(ctx) for d in loader.read(s, ctx)] == []
    assert ctx.stats.counters["skipped content type"] == 1


def test_binary_body_labelled_html_is_rejected_with_file_and_offset(tmp_path):
    body = [("https://x.example/fake.html", b"\x00\x01\x02binary" * 50, "text/html"), *pages(1)]
    path = write_warc(tmp_path / "fake.warc.gz", body, extra=False)
    rejects: list = []
    docs = read_all(ReadWarc(paths=(str(path),)), rejects)
    assert len(docs) == 1
    (reject,) = rejects
    assert reject["reason"] == "not text"
    assert reject["detail"] == f"{path}:0: NUL byte at byte offset 0: not a text page"
