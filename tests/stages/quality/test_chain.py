"""The four quality filters in a pipeline: YAML, annotate records side by side, huge input."""

from __future__ import annotations

import pytest

from corpuskit import Document, Pipeline
from tests.stages.quality.pages import ARTICLE, MENU_PAGE

CHAIN = """
stages:
  - gopher_quality: {action: annotate}
  - gopher_repetition: {action: annotate}
  - c4_quality: {action: annotate}
  - fineweb_quality: {action: annotate}
"""


def test_annotate_chain_writes_one_record_per_stage(make_plugins):
    pipeline = Pipeline.from_string(CHAIN, plugins=make_plugins())
    article, menu = pipeline.process([Document("a", ARTICLE), Document("m", MENU_PAGE)])
    for doc in (article, menu):
        assert {"gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"} <= set(doc.meta)
    assert all(article.meta[name]["keep"] for name in ("gopher_quality", "gopher_repetition", "c4_quality",
                                                         "fineweb_quality"))
    assert menu.meta["gopher_quality"]["reason"] == "word_count 24 < 50"
    assert menu.text == ""  # c4_quality removed every line (annotate still cleans)
    assert menu.meta["fineweb_quality"]["reason"] == "empty"


def test_drop_chain_rejects_with_stage_and_reason(make_plugins, tmp_path):
    source = tmp_path / "in.jsonl"
    import json

    source.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in (("a", ARTICLE), ("m", MENU_PAGE))))
    pipeline = Pipeline.from_string(
        f"stages:\n  - read_jsonl: {{paths: ['{source}']}}\n  - gopher_quality\n  - c4_quality\n"
        f"  - write_jsonl: {{path: '{tmp_path / 'out.jsonl'}'}}\n", plugins=make_plugins())
    result = pipeline.run(executor="serial", run_dir=tmp_path / "run")
    kept = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in kept] == ["a"]
    assert kept[0]["meta"]["c4_quality"]["removed"][0]["line"] == "Harbour town opens its new library"
    stats = {s.name: s for s in result.stats} if isinstance(result.stats, list) else result.stats
    assert any(dict(s.rejected) == {"word_count < 50": 1} for s in stats.values())


@pytest.mark.slow
def test_a_50mb_single_line_of_prose(make_plugins):
    line = ("the harbour library opened on Saturday and the town was glad of it. " * 740_000).strip()
    assert len(line) > 50_000_000 and "\n" not in line
    pipeline = Pipeline.from_string(CHAIN, plugins=make_plugins())
    (doc,) = pipeline.process([Document("big", line)])
    assert doc.meta["gopher_quality"]["reason"] == "word_count 9620000 > 100000"  # 13 words + '.' a sentence
    # one 68-character sentence repeated: its first 3-gram "the harbour library" is 19/68 of the text
    assert doc.meta["gopher_repetition"]["reason"] == "top_3_gram 0.2794 > 0.18"
    assert doc.meta["c4_quality"]["kept"] == 1
    assert doc.meta["fineweb_quality"]["keep"] is True


def test_keep_if_knows_the_meta_keys_the_quality_filters_write():
    """The four filters declare their annotate keys, so keep_if warns only about a misspelt one."""
    from corpuskit import Pipeline

    stages = "".join(f"  - {name}: {{action: annotate}}\n" for name in
                     ("gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"))
    head = 'stages:\n  - read_text: {paths: ["*.txt"]}\n' + stages
    good = " and ".join(f"meta.{name}.keep" for name in
                        ("gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"))
    assert Pipeline.from_string(head + f"  - keep_if: {{expr: '{good}'}}\n").warnings == ()
    warnings = Pipeline.from_string(head + "  - keep_if: {expr: 'meta.gopher_qualty.keep'}\n").warnings
    assert len(warnings) == 1
    assert "no stage before keep_if writes meta.gopher_qualty" in str(warnings[0])
    assert "did you mean meta.gopher_quality?" in str(warnings[0])
