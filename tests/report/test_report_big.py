"""report.html of a 20,000-document run: small, every chart drawn, the browser works."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from tests.helpers import write_jsonl
from tests.report.browser import check_page, opened, search

SYLLABLES = [c + v for c in "klmnrstvdfg" for v in "aeiou"]
WORDS = sorted({"".join(random.Random(i).choices(SYLLABLES, k=3)) for i in range(3000)})
NAV = ["Home | World | Business | Sport | Culture | Opinion", "Subscribe to our newsletter for the morning briefing",
       "Share this story on your favourite social network", "Copyright 2026 The Daily Example, all rights reserved"]


def corpus(n: int) -> list[dict]:
    rng = random.Random(14)
    records = []
    for i in range(n):
        if i % 10 == 9:  # an exact copy
            records.append({**records[i - 3], "id": f"d{i:05d}"})
            continue
        short = i % 17 == 0
        body = "\n".join(" ".join(rng.choice(WORDS) for _ in range(10 if short else rng.randint(15, 40))) + "."
                         for _ in range(1 if short else rng.randint(4, 9)))
        text = "\n".join([NAV[0], f"Report {i} on the {rng.choice(WORDS)}", body, *NAV[1:]])
        records.append({"id": f"d{i:05d}", "text": text, "language": rng.choice(["en", "en", "de", "fr"])})
    return records


@pytest.mark.slow
def test_a_20k_document_report_stays_small_and_works(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", corpus(20_000))
    (tmp_path / "p.yaml").write_text(
        "name: big\nexecutor: local\nworkers: 2\nstages:\n  - read_jsonl: {paths: [in.jsonl]}\n  - normalize\n"
        "  - length_filter: {min_words: 80}\n  - exact_dedup\n  - minhash: {threshold: 0.8}\n"
        "  - line_dedup: {max_docs: 100}\n  - write_jsonl: {path: out.jsonl}\n")
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "run", "p.yaml", "--run-dir", "run"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    html = tmp_path / "run" / "report.html"
    assert html.stat().st_size < 5_000_000
    with opened(html) as (page, errors):
        painted = dict(check_page(page, errors))
        assert {"chart-funnel", "chart-reasons", "chart-lengths", "chart-languages", "chart-clusters",
                "chart-removed"} <= set(painted)
        assert "1:normalize" not in page.inner_text("#lines")
        assert "5:line_dedup" in page.inner_text("#lines")
        counts = page.inner_text("#rejected")
        assert "3:exact_dedup" in counts and "duplicate" in counts and "2:length_filter" in counts
        recorded = json.loads((tmp_path / "run" / "report.json").read_text())
        kept, rejected = recorded["documents"][0]["id"], recorded["rejected"][-1]["documents"][0]
        assert len(recorded["documents"]) > 100 and [len(g["documents"]) for g in recorded["rejected"]] == [20, 20]
        search(page, kept)
        page.click("#results li")
        assert page.inner_text(".docid") == kept
        struck = page.query_selector_all("#doc del.removed")
        assert {s.get_attribute("data-stage") for s in struck} == {"5:line_dedup"}
        assert struck[0].inner_text() == NAV[0]
        search(page, rejected["document"]["id"])
        page.click("#results li.rejected")
        assert page.inner_text(".verdict") == f"rejected by 3:exact_dedup — duplicate: {rejected['detail']}"
        assert errors == []
