"""The news plugin's imports go one way: no cycle, no import against the layer order, core only via `corpuskit`.

Read from the source with :mod:`ast` (nothing of the plugin is imported), so a bad import
fails here even when it would not fail at import time (inside a function).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "plugins" / "corpuskit_news"

LAYERS: dict[str, set[str]] = {
    "text": set(),  # lexicon, dates, folding, caches: depends on nothing of the plugin
    "page": {"text"},  # lines, headline, bylines, comments, article, the news.boilerplate stage
    "metadata": {"text", "page"},  # news.metadata, publisher, page names, language
    "entities": {"text"},  # mentions, gazetteer, merge, the news.entities stage
    "quotes": {"text", "entities"},  # quote marks, the news.quotes stage
    "stories": {"text"},  # the stories stage
}
"""Each layer (a subpackage) and the layers it may import; ``plugin.py`` sits on top of all."""
TOP = {"plugin": set(LAYERS), "__init__": set()}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> list[tuple[int, str]]:
    """``(line, module)`` for every import in the file, at any depth; ``from pkg import mod`` names ``pkg.mod``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            base = node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((node.lineno, full if full in modules else base))
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_violations(modules: dict[str, Path]) -> list[str]:
    bad = []
    for module, path in modules.items():
        own = _layer(module)
        allowed = LAYERS.get(own, TOP.get(own, set())) | {own}
        for line, target in _imports(path, modules):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if target.startswith("corpuskit."):
                bad.append(f"{where}: imports {target}; plugins import only from the root `corpuskit` package")
            elif target in modules and _layer(target) not in allowed:
                bad.append(f"{where}: {own} imports {target} ({_layer(target)}); {own} may import {sorted(allowed)}")
    return bad


def import_cycles(modules: dict[str, Path]) -> list[list[str]]:
    graph = {m: sorted({t for _, t in _imports(p, modules) if t in modules and t != m}) for m, p in modules.items()}
    cycles, state = [], dict.fromkeys(graph, 0)  # 0 new, 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state[nxt] == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if state[node] == 0:
            visit(node)
    return cycles


def test_every_module_is_in_a_declared_layer():
    modules = _modules()
    assert modules, PACKAGE
    unknown = sorted(m for m in modules if _layer(m) not in LAYERS and _layer(m) not in TOP)
    assert not unknown, f"modules outside the declared layers (add them to LAYERS): {unknown}"


def test_imports_follow_the_layer_order():
    assert layer_violations(_modules()) == []


def test_no_import_cycle():
    assert import_cycles(_modules()) == []


def test_the_checks_catch_a_bad_import(tmp_path, monkeypatch):
    fake = tmp_path / "corpuskit_news"
    for sub in ("text", "page"):
        (fake / sub).mkdir(parents=True)
        (fake / sub / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "text" / "words.py").write_text("def f():\n    from corpuskit_news.page.lines import x\n")
    (fake / "page" / "lines.py").write_text("from corpuskit_news.text.words import f\nimport corpuskit.stage\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    modules = _modules()
    assert layer_violations(modules) == [
        "corpuskit_news/page/lines.py:2: imports corpuskit.stage;"
        " plugins import only from the root `corpuskit` package",
        "corpuskit_news/text/words.py:2: text imports corpuskit_news.page.lines (page); text may import ['text']",
    ]
    assert import_cycles(modules) == [
        ["corpuskit_news.page.lines", "corpuskit_news.text.words", "corpuskit_news.page.lines"]
    ]
