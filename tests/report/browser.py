"""Open a report.html in headless Chromium (Debian's ``chromium``, driven by playwright) and
read what a user would see: console errors, drawn charts, the document browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# every canvas: how many of its pixels are painted (0: an empty chart)
PAINTED = """() => [...document.querySelectorAll('canvas')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return [c.dataset.chart, n]; })"""


@contextmanager
def opened(path: Path) -> Iterator[tuple[Any, list[str]]]:
    """The page of ``path`` (file://, no network) once its script has run, and its console errors."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install 'corpuskit[test]' (playwright)")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else errors.append(r.url))
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=30_000)
            yield page, errors
        finally:
            browser.close()


def check_page(page: Any, errors: list[str]) -> list[tuple[str, int]]:
    """No console error or request; every chart box drew a chart or says why it has none."""
    assert errors == []
    painted = page.evaluate(PAINTED)
    assert painted and all(n > 500 for _, n in painted), painted
    boxes = page.evaluate("() => [...document.querySelectorAll('.chart')].map(b => [b.id, "
                          "!!b.querySelector('canvas'), !!b.querySelector('.empty')])")
    assert all(canvas != empty for _, canvas, empty in boxes), boxes
    return [(name, n) for name, n in painted]


def search(page: Any, query: str) -> None:
    page.fill("#search", query)
