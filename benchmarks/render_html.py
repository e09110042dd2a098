"""The page renderer's command line; the renderer lives in evaluation/render_html.py.

    python benchmarks/render_html.py PAGE.html            # the text on stdout
    python benchmarks/render_html.py PAGE.html -n         # with line numbers

Kept here because the held-out READMEs name this path; tests and benchmarks import
``evaluation.render_html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.render_html import main, render, render_file

__all__ = ["main", "render", "render_file"]

if __name__ == "__main__":
    sys.exit(main())
