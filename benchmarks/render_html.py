"""Render an HTML page to page text, the way a plain HTML-to-text dump would.

    python benchmarks/render_html.py PAGE.html            # the text on stdout
    python benchmarks/render_html.py PAGE.html -n         # with line numbers

The command line of ``evaluation/render_html.py``, where the renderer lives (the tests and
the held-out gold loaders share it).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.render_html import main, render, render_file

__all__ = ["main", "render", "render_file"]

if __name__ == "__main__":
    raise SystemExit(main())
