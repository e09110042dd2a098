"""The tests never import from benchmarks/: what they share with it lives in evaluation/."""

from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

TESTS = REPO / "tests"
# Loading a file as a module by its path, which would get around an import check.
PATH_LOADERS = {"spec_from_file_location", "run_path", "SourceFileLoader", "exec_module"}


def benchmark_imports(source: str) -> list[str]:
    """Each place in ``source`` that imports benchmarks/ or loads one of its files by path."""
    tree = ast.parse(source)
    found = []
    mentions_benchmarks = any(
        isinstance(node, ast.Constant) and isinstance(node.value, str) and "benchmarks" in node.value
        for node in ast.walk(tree)
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] == "benchmarks"]
            found += [f"line {node.lineno}: import {name}" for name in names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "benchmarks":
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call) and mentions_benchmarks:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in PATH_LOADERS:
                found.append(f"line {node.lineno}: {name}(...) in a module that names benchmarks/")
    return found


def test_no_test_imports_benchmarks():
    offenders = {}
    for path in sorted(TESTS.rglob("*.py")):
        found = benchmark_imports(path.read_text(encoding="utf-8"))
        if found:
            offenders[path.relative_to(REPO).as_posix()] = found
    assert not offenders, (
        f"tests import from benchmarks/: {offenders}\n"
        "  hint: move what the test and the benchmark share into evaluation/ and import it from there")


@pytest.mark.parametrize("source", [
    "import benchmarks",
    "import benchmarks.gen_corpus as gen",
    "from benchmarks.eval_news import evaluate",
    "from benchmarks import gen_corpus",
    "import importlib.util\nspec = importlib.util.spec_from_file_location('g', ROOT / 'benchmarks' / 'gen_corpus.py')",
    "import runpy\nrunpy.run_path('benchmarks/gen_corpus.py')",
])
def test_the_check_sees_each_way_of_importing_benchmarks(source):
    assert benchmark_imports(source)


@pytest.mark.parametrize("source", [
    "from evaluation.corpus import generate",
    "import benchmarking_tools",
    "from .benchmarks import x",
    "subprocess.run(['ruff', 'check', 'benchmarks'])",
])
def test_the_check_lets_the_rest_through(source):
    assert benchmark_imports(source) == []
