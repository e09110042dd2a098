"""news.boilerplate and news.metadata as stages: through run_stage and a real pipeline."""

from __future__ import annotations

import pytest
from corpuskit_news.metadata.stage import NewsMetadata
from corpuskit_news.page.boilerplate import NewsBoilerplate

from corpuskit import Document, Pipeline
from corpuskit._plugins.manager import load_plugins
from corpuskit.testing import run_stage
from tests.plugins.corpuskit_news.pages import PARAGRAPHS, page

OUTLET_NOTE = "Readers can reach the newsroom at the address printed on the last page of every edition."


def _corpus(n: int) -> list[Document]:
    """``n`` pages of one outlet: same furniture (and an outlet note with no cue), different articles."""
    docs = []
    for i in range(n):
        text = page(extra_footer=OUTLET_NOTE)
        for paragraph in PARAGRAPHS:  # a different article on each page
            text = text.replace(paragraph, paragraph.replace(" the ", f" the {i}th ", 1))
        docs.append(Document(f"p{i}", text, {}))
    return docs


def test_boilerplate_meta_records_every_removed_line():
    out = run_stage(NewsBoilerplate(), [page()])
    doc = out.docs[0]
    record = doc.meta["boilerplate"]
    assert doc.text.split("\n") == PARAGRAPHS
    total = len([line for line in page().split("\n") if line.strip()])
    assert len(record["removed"]) + record["kept"] == total
    assert all(set(r) == {"line", "reason", "lineno"} for r in record["removed"])
    assert record["title_line"] == "County will rebuild the Alder River bridge"
    assert record["author"] == "Tomas Lindgren"
    assert record["dateline"].startswith("Published March 3, 2025")


def test_corpus_signal_removes_a_line_repeated_across_many_pages():
    out = run_stage(NewsBoilerplate(min_docs=4), _corpus(6))
    for doc in out.docs:
        reasons = {r["line"]: r["reason"] for r in doc.meta["boilerplate"]["removed"]}
        assert reasons[OUTLET_NOTE] == "frequent in corpus"
    assert out.stats.counters["frequent lines"] > 0


def test_tiny_corpus_never_triggers_the_corpus_signal():
    out = run_stage(NewsBoilerplate(), _corpus(5))  # default min_docs=10
    for doc in out.docs:
        reasons = [r["reason"] for r in doc.meta["boilerplate"]["removed"]]
        assert "frequent in corpus" not in reasons


def test_min_fraction_raises_the_bar():
    out = run_stage(NewsBoilerplate(min_docs=2, min_fraction=0.9), [*_corpus(3), *_other_pages(3)])
    for doc in out.docs:
        assert "frequent in corpus" not in [r["reason"] for r in doc.meta["boilerplate"]["removed"]]


def _other_pages(n: int) -> list[Document]:
    return [Document(f"o{i}", "\n".join(["Other Outlet", f"Headline number {i} about the harbour", *PARAGRAPHS]),
                     {}) for i in range(n)]


def test_page_without_article_is_rejected_or_kept():
    text = "Home\nNews\nSports\nContact us"
    assert run_stage(NewsBoilerplate(), [text]).reasons == ["no article"]
    kept = run_stage(NewsBoilerplate(drop_empty=False), [text])
    assert kept.texts == [text] and kept.docs[0].meta["boilerplate"]["kept"] == 0


def test_parameters_are_validated():
    with pytest.raises(ValueError, match="min_docs"):
        NewsBoilerplate(min_docs=0)
    with pytest.raises(ValueError, match="min_fraction"):
        NewsBoilerplate(min_fraction=1.5)


def test_metadata_after_boilerplate():
    cleaned = run_stage(NewsBoilerplate(), [page()]).docs
    meta = run_stage(NewsMetadata(), cleaned).docs[0].meta
    assert meta["title"] == "County will rebuild the Alder River bridge"
    assert meta["author"] == "Tomas Lindgren"
    assert meta["publisher"] == "The Valley Ledger"
    assert meta["published"] == "2025-03-03"
    assert meta["language"] == "en"
    assert meta["word_count"] == sum(len(p.split()) for p in PARAGRAPHS)


def test_metadata_alone_reads_the_raw_page_and_leaves_the_text():
    doc = run_stage(NewsMetadata(), [page()]).docs[0]
    assert doc.text == page()
    assert doc.meta["published"] == "2025-03-03" and doc.meta["author"] == "Tomas Lindgren"


def test_absent_fields_are_null():
    text = "\n".join(["Trending", "County will rebuild the Alder River bridge", "Updated 2 hours ago", *PARAGRAPHS])
    meta = run_stage(NewsMetadata(), [text]).docs[0].meta
    assert meta["published"] is None
    assert meta["author"] is None
    assert meta["publisher"] is None


def test_registered_and_usable_in_a_pipeline():
    plugins = load_plugins()
    assert "news.boilerplate" in plugins.stages and "news.metadata" in plugins.stages
    pipeline = Pipeline.from_dict({"name": "t", "stages": ["news.boilerplate", "news.metadata"]}, plugins=plugins)
    (doc,) = pipeline.process([Document("a", page(), {})])
    assert doc.text.split("\n") == PARAGRAPHS and doc.meta["title"].startswith("County will rebuild")


def test_same_output_under_serial_and_local_executors(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for doc in _corpus(6):
        (pages / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    outputs = {}
    for executor in ("serial", "local"):
        out = tmp_path / f"{executor}.jsonl"
        pipeline = Pipeline.from_dict({
            "name": f"news-{executor}",
            "stages": [
                {"read_text": {"paths": [str(pages / "*.txt")]}},
                {"news.boilerplate": {"min_docs": 4}},
                "news.metadata",
                {"write_jsonl": {"path": str(out)}},
            ],
        })
        pipeline.run(executor=executor, workers=2, run_dir=tmp_path / f"run-{executor}")
        outputs[executor] = out.read_bytes()
    assert outputs["serial"] == outputs["local"]
    assert b"frequent in corpus" in outputs["serial"]


KOREAN_PAGE = "\n".join([
    "밸리 신문",
    "사회",
    "군, 홍수로 무너진 옛 돌다리 다시 짓기로",
    "입력 2025-03-03 09:21:00",
    "군의회는 월요일 홍수로 교각이 손상된 뒤 2년 동안 차량 통행이 막혔던 앨더강의 옛 돌다리를 다시 짓기로 의결했다. "
    "공사는 봄에 강물이 줄어들면 시작될 예정이다.",
    "기술자들은 보수 공사에 약 18개월이 걸리고 비용은 대부분 농촌 도로를 위한 "
    "도 보조금으로 충당된다고 의회에 보고했다. "
    "주민들은 매일 계곡을 돌아 20분을 더 운전해 왔다.",
    "공사 기간에도 임시 보행교는 계속 열려 동쪽 강변의 학교에 다니는 학생들이 "
    "걸어서 등교할 수 있다고 관계자들은 말했다.",
    "한다리 기자 hdari@valley.example",
    "많이 본 뉴스",
    "1 시내버스 새 노선 개통",
    "2 도서관 주말 운영 시간 연장",
    "회사소개 광고안내 개인정보처리방침",
])


def test_reporter_sign_off_under_the_article_is_the_author():
    pipeline = Pipeline.from_dict({"name": "t", "stages": ["news.boilerplate", "news.metadata"]},
                                  plugins=load_plugins())
    (doc,) = pipeline.process([Document("ko", KOREAN_PAGE, {})])
    assert "한다리 기자" not in doc.text
    assert doc.meta["author"] == "한다리"


def test_sign_off_forms():
    from corpuskit_news.page.bylines import signoff_author

    assert signoff_author(["한다리 기자 hdari@valley.example"]) == "한다리"
    assert signoff_author(["（记者 王小明）"]) == "王小明"
    assert signoff_author(["한다리 기자의 맛집 탐방"]) is None  # a column's name, not a sign-off
    assert signoff_author(["Share this story"]) is None
