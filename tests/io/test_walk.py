"""Recursive globs and directory walks visit each real directory once (symlink loops)."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

from corpuskit._io.walk import files_under, glob_files
from corpuskit._stages.readers import ReadJsonl
from tests.helpers import read_all, write_jsonl


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel in ["data/a/x.jsonl", "data/a/b/y.jsonl", "data/c/z.jsonl", "data/top.jsonl",
                "data/.hidden/h.jsonl", "data/a/.h.jsonl", "data/[odd]/o.jsonl"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        write_jsonl(tmp_path / rel, [{"id": rel, "text": "t"}])
    return tmp_path


@pytest.mark.parametrize("pattern", ["data/**/*.jsonl", "**/*.jsonl", "data/**", "data/*/**/y.jsonl",
                                     "data/**/b/**/*.jsonl", "**", "data/[[]odd]/**/*.jsonl"])
def test_same_matches_as_glob_without_links(tree, pattern):
    def files(paths):
        return sorted(p for p in paths if os.path.isfile(p))

    assert files(glob_files(pattern)) == files(glob.glob(pattern, recursive=True))
    absolute = str(tree / pattern)
    assert files(glob_files(absolute)) == files(glob.glob(absolute, recursive=True))


def test_directory_walk_matches_rglob_without_links(tree):
    assert files_under("data") == sorted(str(p) for p in Path("data").rglob("*") if p.is_file())
    assert files_under("./data/") == files_under("data")


def test_symlink_loops_are_visited_once(tree):
    os.symlink("..", "data/a/up")  # a loop back to data/
    os.symlink("../..", "data/a/b/upup")
    os.symlink(".", "data/c/self")
    os.symlink("../a", "data/c/sibling")  # a second way into data/a
    found = sorted(p for p in glob_files("data/**/*.jsonl") if os.path.isfile(p))
    assert found == ["data/[odd]/o.jsonl", "data/a/b/y.jsonl", "data/a/x.jsonl", "data/c/z.jsonl", "data/top.jsonl"]
    assert [os.path.basename(p) for p in files_under("data")].count("x.jsonl") == 1


def test_read_jsonl_reads_a_file_once_under_a_loop(tmp_path):
    (tmp_path / "d").mkdir()
    write_jsonl(tmp_path / "d" / "one.jsonl", [{"id": "1", "text": "t"}])
    os.symlink("..", tmp_path / "d" / "loop")  # glob.glob read one.jsonl 41 times
    for paths in ([str(tmp_path / "d" / "**" / "*.jsonl")], [str(tmp_path / "d")]):
        assert [d.id for d in read_all(ReadJsonl(paths=tuple(paths)))] == ["1"]
