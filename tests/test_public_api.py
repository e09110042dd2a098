"""The public API is the real one: plugins and the docs' examples import only from ``corpuskit``.

Checked statically (AST), so a forbidden import fails here even where nothing runs it:

* the bundled news plugin and the tests' sample plugin (what a plugin author copies);
* every ``python`` code block of README.md and docs/*.md - the library example, the
  plugin guide, the user guide - except the pages written for corpuskit's own
  contributors (:data:`CONTRIBUTOR_DOCS`), which may name internal modules.

``corpuskit.testing`` is allowed: it is the shipped pytest plugin for plugin authors.
Also checked: every name in ``corpuskit.__all__`` resolves, and every type a hook
receives or returns is exported from ``corpuskit``.
"""

from __future__ import annotations

import ast
import builtins
import collections.abc
import inspect
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

import corpuskit
from corpuskit._plugins import hookspecs
from tests.helpers import REPO

PUBLIC_MODULES = {"corpuskit", "corpuskit.testing"}
"""The modules a plugin or an application may import from."""

PLUGIN_PACKAGES = [REPO / "plugins" / "corpuskit_news", REPO / "tests" / "plugins" / "sample_plugin"]

CONTRIBUTOR_DOCS = {"architecture.md"}
"""docs/ pages about corpuskit's internals: their code may import private modules."""

_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def forbidden_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """``(line, "statement  (module)")`` for every import that reaches past corpuskit's public API."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bad = [alias.name for alias in node.names if _is_private_module(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            bad = _private_names_from(node.module, [alias.name for alias in node.names])
        else:
            continue
        found.extend((node.lineno, f"{ast.unparse(node)}  ({name})") for name in bad)
    return found


def _is_private_module(module: str) -> bool:
    return module.startswith("corpuskit.") and module not in PUBLIC_MODULES


def _private_names_from(module: str, names: list[str]) -> list[str]:
    if module == "corpuskit":  # `from corpuskit import _errors` reaches a submodule too
        return [f"corpuskit.{name}" for name in names if name not in corpuskit.__all__ and name != "testing"]
    return [module] if _is_private_module(module) else []


def plugin_sources(package: Path) -> list[Path]:
    return sorted(package.rglob("*.py"))


def documentation_pages() -> list[Path]:
    docs = sorted(p for p in (REPO / "docs").glob("*.md") if p.name not in CONTRIBUTOR_DOCS)
    return [REPO / "README.md", *docs]


def python_blocks(page: Path) -> Iterator[tuple[int, str]]:
    """(line of the block's first code line, code) for each ```python block of ``page``."""
    text = page.read_text(encoding="utf-8")
    for match in _PYTHON_BLOCK.finditer(text):
        yield text.count("\n", 0, match.start(1)) + 1, match.group(1)


def _relative(path: Path) -> str:
    return str(path.relative_to(REPO))


# -- the checker itself -------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "import corpuskit._errors",
        "import corpuskit.cli as cli",
        "from corpuskit._stages.kinds import stage",
        "from corpuskit._run import runner",
        "from corpuskit import _errors",
        "def f():\n    from corpuskit._document import Document",
    ],
)
def test_checker_finds_an_import_past_the_public_api(source: str) -> None:
    assert forbidden_imports(ast.parse(source))


@pytest.mark.parametrize(
    "source",
    [
        "import corpuskit",
        "from corpuskit import Document, hookimpl, stage",
        "from corpuskit.testing import run_stage",
        "import corpuskit.testing",
        "from corpuskit import testing",
        "from . import lines",
        "import corpuskit_news.lines",
    ],
)
def test_checker_allows_the_public_api(source: str) -> None:
    assert forbidden_imports(ast.parse(source)) == []


def test_checker_sees_the_sample_plugin_and_the_docs() -> None:
    sample = REPO / "tests" / "plugins" / "sample_plugin" / "corpuskit_sample" / "__init__.py"
    assert sample in plugin_sources(PLUGIN_PACKAGES[1])
    pages = {page.name for page in documentation_pages() if any(python_blocks(page))}
    assert {"README.md", "plugins.md", "user-guide.md"} <= pages


# -- the code under test ------------------------------------------------------


@pytest.mark.parametrize("package", PLUGIN_PACKAGES, ids=_relative)
def test_plugin_imports_only_the_public_api(package: Path) -> None:
    bad = []
    for path in plugin_sources(package):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        bad.extend(f"{_relative(path)}:{line}: {statement}" for line, statement in forbidden_imports(tree))
    if bad:
        pytest.fail("the plugin imports corpuskit internals; import from `corpuskit`:\n" + "\n".join(bad))


@pytest.mark.parametrize("page", documentation_pages(), ids=_relative)
def test_documentation_examples_import_only_the_public_api(page: Path) -> None:
    bad = []
    for first_line, code in python_blocks(page):
        tree = ast.parse(code, filename=f"{_relative(page)}:{first_line}")
        for line, statement in forbidden_imports(tree):
            bad.append(f"{_relative(page)}:{first_line + line - 1}: {statement}")
    if bad:
        pytest.fail("the examples import corpuskit internals; import from `corpuskit`:\n" + "\n".join(bad))


def test_every_public_name_resolves() -> None:
    missing = [name for name in corpuskit.__all__ if not hasattr(corpuskit, name)]
    assert missing == []
    assert len(set(corpuskit.__all__)) == len(corpuskit.__all__)


def hook_specs() -> list[typing.Callable[..., object]]:
    return [f for _, f in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(f, "corpuskit_spec")]


def names_in_annotation(annotation: str) -> set[str]:
    """The names an annotation mentions: ``list[RunInfo] | None`` -> {list, RunInfo, None}."""
    return {node.id for node in ast.walk(ast.parse(annotation, mode="eval")) if isinstance(node, ast.Name)}


def _is_standard(name: str) -> bool:
    return name == "None" or any(hasattr(module, name) for module in (builtins, typing, collections.abc))


def test_every_type_a_hook_receives_or_returns_is_exported() -> None:
    specs = hook_specs()
    assert len(specs) >= 6
    unexported = set()
    for spec in specs:
        annotations = inspect.get_annotations(spec)  # strings: hookspecs uses `from __future__ import annotations`
        for annotation in annotations.values():
            names = names_in_annotation(str(annotation))
            unexported |= {f"{spec.__name__}: {n}" for n in names if not _is_standard(n) and n not in corpuskit.__all__}
    assert unexported == set()
