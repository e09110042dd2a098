"""report.html of configs/news.yaml, opened in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import REPO
from tests.report.browser import check_page, opened, search


@pytest.fixture(scope="module")
def news_run(tmp_path_factory):
    """The bundled news pipeline, run by the real command; its run directory."""
    tmp = tmp_path_factory.mktemp("news")
    proc = subprocess.run(
        [sys.executable, "-m", "corpuskit", "run", "configs/news.yaml", "--set",
         f"stages.-1.write_jsonl.path={tmp / 'news.jsonl'}", "--run-dir", str(tmp / "run"), "--workers", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"report: {tmp / 'run' / 'report.html'}" in proc.stdout
    return tmp / "run"


def test_every_run_leaves_a_self_contained_report(news_run):
    html = (news_run / "report.html").read_text(encoding="utf-8")
    assert "Chart.js v4" in html
    assert "<script src" not in html and "<link" not in html and "http://" not in html.split("/*!")[0]
    assert not (news_run / "probes").exists()  # merged into report.json, then removed


def test_the_news_report_draws_every_chart_without_console_errors(news_run):
    with opened(news_run / "report.html") as (page, errors):
        painted = dict(check_page(page, errors))
        charts = ("chart-funnel", "chart-lengths", "chart-languages", "chart-stories", "chart-removed", "chart-time")
        assert set(charts) <= set(painted)
        assert "Vladimir Putin" in page.inner_text("#entities")
        assert "President Vladimir Putin" in page.inner_text("#entities")  # a merged form
        assert "after article" in page.inner_text("#lines")


def test_the_browser_finds_a_document_and_strikes_its_removed_lines_in_place(news_run):
    with opened(news_run / "report.html") as (page, errors):
        search(page, "002_a6e8cfeadca644ef")
        assert page.inner_text("#found").startswith("1 of 5")
        page.click("#results li")
        assert page.inner_text(".docid") == "002_a6e8cfeadca644ef"
        struck = page.query_selector_all("#doc del.removed")
        assert struck
        first = struck[0]
        assert first.get_attribute("data-stage") == "1:news.boilerplate"
        assert first.get_attribute("data-reason")
        assert page.evaluate("e => getComputedStyle(e).textDecorationLine", first) == "line-through"
        # in place: the removed title line comes before the article's first kept line
        lines = page.evaluate("() => [...document.querySelectorAll('#doc .doctext > div')].map(d => d.className)")
        assert lines[0] == "removed-line" and "kept" in lines
        search(page, "artificial intelligence world leader")
        assert "000_6f904b36706eab63" in page.inner_text("#results")
        assert errors == []


def test_corpuskit_report_rebuilds_the_page_and_prints_a_summary(news_run):
    (news_run / "report.html").unlink()
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "report", str(news_run)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "run news-seeds: 5 in, 5 out, 0 rejected" in proc.stdout
    assert "removed lines: 1:news.boilerplate: after article:" in proc.stdout
    assert f"report: {news_run / 'report.html'}" in proc.stdout
    assert (news_run / "report.html").stat().st_size > 200_000
    data = json.loads((news_run / "report.json").read_text())
    assert data["audit"] == [["1:news.boilerplate", "boilerplate"]]


def test_corpuskit_report_names_a_directory_that_is_not_a_run(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "report", str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == (f"error: {tmp_path} has no stats.json: it is not the directory of a finished run\n"
                           "  hint: give the run directory of a run that finished (default .corpuskit/runs/NAME)\n")


def test_open_hands_the_page_to_the_users_browser(news_run, tmp_path):
    opener = tmp_path / "opener.py"
    opener.write_text("import pathlib, sys\npathlib.Path(sys.argv[2]).write_text(sys.argv[1])\n")
    seen = tmp_path / "seen.txt"
    env = {**os.environ, "BROWSER": f"{sys.executable} {opener} %s {seen}"}
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "report", str(news_run), "--open"], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert seen.read_text() == (news_run / "report.html").resolve().as_uri()


def test_a_run_directory_without_recorded_data_still_gets_a_page(news_run, tmp_path):
    """A run directory written before the report existed: stats and pipeline only, no console error."""
    old = tmp_path / "old"
    shutil.copytree(news_run, old)
    (old / "report.json").unlink()
    (old / "report.html").unlink()
    proc = subprocess.run([sys.executable, "-m", "corpuskit", "report", str(old)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    with opened(old / "report.html") as (page, errors):
        painted = dict(check_page(page, errors))
        assert set(painted) == {"chart-funnel", "chart-time"}
        assert page.inner_text("#found") == "0 of 0 sampled documents"
