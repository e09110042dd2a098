"""The README's quick start is what CI runs."""

from __future__ import annotations

import re

from tests.helpers import REPO


def quick_start_commands() -> list[str]:
    text = (REPO / "README.md").read_text()
    block = re.search(r"^## Quick start\n.*?^```\w*\n(.*?)^```", text, re.S | re.M)
    assert block, "README.md needs a '## Quick start' section with a code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "configs/news.yaml" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    assert quick_start_commands()[1] in (REPO / ".ci" / "run").read_text()
