"""The code stays ruff clean (ruff comes with the test extra)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO


def test_ruff_clean():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "corpuskit", "plugins", "tests",
                           "benchmarks", "evaluation"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
