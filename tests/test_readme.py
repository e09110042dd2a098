"""The README's quick start is what CI runs; its Python examples run and print what it says."""

from __future__ import annotations

import re
import types

from corpuskit import Document, Pipeline
from tests.helpers import REPO


def section(title: str) -> str:
    text = (REPO / "README.md").read_text()
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found, f"README.md needs a '## {title}' section"
    return found.group(1)


def code_blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


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


def test_the_library_example_prints_what_the_readme_says(capsys, monkeypatch):
    """The example under 'In a Python application', pasted as it is, prints the block under 'It prints:'."""
    text = section("In a Python application")
    [example] = code_blocks(text, "python")
    printed = re.search(r"^It prints:\n\n```text\n(.*?)^```", text, re.S | re.M)
    assert printed, "the library example needs an 'It prints:' block with its output"
    monkeypatch.chdir(REPO)
    exec(compile(example, "README.md", "exec"), {})
    assert capsys.readouterr().out == printed.group(1)


def test_the_plugin_example_registers_a_working_stage(make_plugins):
    """The plugin under 'Writing a plugin', pasted as a module, registers ``shout`` and runs."""
    [example] = code_blocks(section("Writing a plugin"), "python")
    module = types.ModuleType("my_plugin")
    exec(compile(example, "README.md", "exec"), module.__dict__)
    plugins = make_plugins(module)
    assert plugins.stages.get("shout").kind == "clean"
    pipeline = Pipeline.from_dict({"stages": [{"shout": {"min_words": 2}}]}, plugins=plugins)
    rejects: list[dict] = []
    out = list(pipeline.process([Document("a", "hello world"), Document("b", "hi")], rejects=rejects))
    assert [(d.id, d.text) for d in out] == [("a", "HELLO WORLD")]
    assert [(r["document"]["id"], r["reason"]) for r in rejects] == [("b", "too short")]
