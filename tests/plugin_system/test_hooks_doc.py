"""docs/hooks.md documents every hook with its exact signature, and its third-party example runs."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from corpuskit import Pipeline, load_plugins
from corpuskit._plugins import hookspecs
from tests.helpers import REPO

DOC = (REPO / "docs" / "hooks.md").read_text()
HOOKS = {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("corpuskit_")}


def _signature(fn) -> str:
    sig = inspect.signature(fn)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"{fn.__name__}({params}) -> {sig.return_annotation}"


def test_every_hook_is_documented_with_its_signature() -> None:
    documented = re.findall(r"^### `(corpuskit_\w+\(.*\) -> .*)`$", DOC, flags=re.M)
    assert sorted(documented) == sorted(_signature(fn) for fn in HOOKS.values())


def test_every_documented_hook_says_when_it_runs_and_what_it_returns() -> None:
    sections = re.split(r"^### ", DOC, flags=re.M)[1:]
    for section in sections:
        if section.startswith("`corpuskit_"):
            assert "*When:*" in section and "*Returns:*" in section and "```python" in section, section[:60]


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC, flags=re.S)
    return next(b for b in blocks if b.startswith("# example: tsv_plugin"))


def test_the_third_party_loader_exporter_and_executor_run(tmp_path: Path) -> None:
    (tmp_path / "tsv_plugin.py").write_text(_example())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.tsv").write_text("a\tHello   world\nbroken line\n")
    (tmp_path / "data" / "b.tsv").write_text("b\tSecond  doc\n")
    (tmp_path / "p.yaml").write_text(
        'plugins: [tsv_plugin.py]\nexecutor: threads\nstages:\n  - tsv.read: {paths: ["data/*.tsv"]}\n'
        "  - normalize\n  - tsv.write: {path: out.tsv}\n")
    result = Pipeline.from_yaml(tmp_path / "p.yaml", plugins=load_plugins(autoload=False)).run(workers=2)
    assert result.executor == "threads"
    assert Path("out.tsv").read_text() == "a\tHello world\nb\tSecond doc\n"
    assert result.rejected == 1
