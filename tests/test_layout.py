"""The project's shape: no import cycle, modules under 500 lines, imports only in the intended direction.

Read from the source with ``ast`` (nothing is imported), so a new cycle or a wrong-way
import fails here before it confuses anyone at run time. Imports under
``if TYPE_CHECKING:`` are annotations only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGES = {"corpuskit": REPO / "corpuskit", "corpuskit_news": REPO / "plugins" / "corpuskit_news"}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package, root in PACKAGES.items():
        for path in sorted(root.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_imports(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    """Dotted names a module imports when it runs (not under TYPE_CHECKING)."""
    names: list[str] = []
    base = module.split(".") if is_package else module.split(".")[:-1]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                names.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                prefix = base[: len(base) - child.level + 1] if child.level else []
                target = ".".join(prefix + ([child.module] if child.module else []))
                names.append(target)
                names.extend(f"{target}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _runtime_imports(tree, module, path.name == "__init__.py"):
            parts = name.split(".")
            for k in range(len(parts), 0, -1):
                candidate = ".".join(parts[:k])
                if candidate in modules:
                    if candidate != module and not module.startswith(candidate + "."):
                        edges[module].add(candidate)
                    break
    return edges


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of modules larger than one (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return groups


def test_find_cycles_finds_a_cycle_and_nothing_else():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_anywhere():
    cycles = find_cycles(_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_module_over_500_lines():
    long = {str(path.relative_to(REPO)): n for path in _modules().values()
            if (n := path.read_text(encoding="utf-8").count("\n")) > MAX_LINES}
    assert not long, f"split these modules (one concept each, at most {MAX_LINES} lines): {long}"


# The core's direction: which internal packages each one may import at run time.
CORE_MAY_IMPORT = {
    "corpuskit._errors": set(),
    "corpuskit._document": set(),
    "corpuskit._io": {"corpuskit._errors"},
    "corpuskit._stages": {"corpuskit._errors", "corpuskit._document", "corpuskit._io", "corpuskit._plugins"},
    "corpuskit._plugins": {"corpuskit._errors", "corpuskit._document", "corpuskit._stages", "corpuskit._config"},
    "corpuskit._config": {"corpuskit._errors", "corpuskit._document", "corpuskit._stages", "corpuskit._plugins"},
    "corpuskit._report": {"corpuskit._errors", "corpuskit._document", "corpuskit._io"},
    "corpuskit._run": {"corpuskit._errors", "corpuskit._document", "corpuskit._io", "corpuskit._stages",
                       "corpuskit._plugins", "corpuskit._config", "corpuskit._report"},
}


def _core_package(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "corpuskit" or len(parts) < 2:
        return None
    return ".".join(parts[:2])


@pytest.mark.parametrize("package", sorted(CORE_MAY_IMPORT))
def test_core_packages_import_only_downwards(package):
    allowed = CORE_MAY_IMPORT[package] | {package}
    wrong = sorted(f"{m} imports {t}" for m, targets in _graph().items() if _core_package(m) == package
                   for t in targets if t.startswith("corpuskit") and _core_package(t) not in allowed)
    assert not wrong, "imports against the core's direction:\n" + "\n".join(wrong)


def test_the_core_never_imports_the_news_plugin():
    wrong = sorted(f"{m} imports {t}" for m, targets in _graph().items() if m.startswith("corpuskit.")
                   or m == "corpuskit" for t in targets if t.startswith("corpuskit_news"))
    assert not wrong, "\n".join(wrong)
