"""mypy, configured in pyproject.toml, passes on corpuskit and on a plugin typed against it.

corpuskit ships ``py.typed``, so its annotations are part of the public contract: a
plugin author's type checker reads them. The sample plugin is checked with the same
(strict) settings, which catches a public name a strict plugin cannot import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("target", ["corpuskit", "tests/plugins/sample_plugin"])
def test_mypy_reports_no_errors(target: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", target],
        cwd=REPO,  # the default .mypy_cache in the checkout keeps reruns at about a second
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"mypy {target} failed:\n{proc.stdout}{proc.stderr}"
