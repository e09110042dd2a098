"""Outputs split by field and size (``{meta.lang}`` templates, numbered files), through the command line."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.helpers import REPO

CLI = [sys.executable, "-m", "corpuskit"]
LANGS = ["en", "fr", "de", None, "../up", "en", "a/b", ""]


def write_corpus(path: Path, n: int) -> Path:
    with open(path, "wb") as fh:
        for i in range(n):
            meta = {"n": i} if LANGS[i % len(LANGS)] is None else {"n": i, "lang": LANGS[i % len(LANGS)]}
            fh.write(orjson.dumps({"id": f"d{i:05d}", "text": f"text of document {i} " * (i % 9 + 1), **meta}) + b"\n")
    return path


def config(path: str, *, shard_size: int = 4000, **params: object) -> str:
    extra = "".join(f", {k}: {v}" for k, v in params.items())
    return ("name: split\nstages:\n"
            f"  - read_jsonl: {{paths: [corpus.jsonl], shard_size: {shard_size}}}\n"
            "  - normalize\n"
            f"  - write_jsonl: {{path: \"{path}\"{extra}}}\n")


def corpuskit(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "plugins")])}
    done = subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (hidden ones too) by relative path, with its content's hash."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def records(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus.jsonl", 400)
    return tmp_path


def test_a_template_splits_by_field_the_same_under_serial_and_local_with_any_workers(corpus):
    (corpus / "p.yaml").write_text(config("out/{meta.lang}/part.jsonl"))
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    assert len(orjson.loads((corpus / ".corpuskit/runs/split/plan.json").read_bytes())["shards"]) >= 8
    expected = tree(corpus / "out")
    names = sorted(n for n in expected if not n.startswith("."))
    assert names == ["___up/part.jsonl", "a_b/part.jsonl", "de/part.jsonl", "en/part.jsonl", "fr/part.jsonl"]
    en = records(corpus / "out/en/part.jsonl")
    assert [r["id"] for r in en] == [f"d{i:05d}" for i in range(400) if LANGS[i % 8] == "en"]  # input order
    assert {r["meta"]["lang"] for r in records(corpus / "out/___up/part.jsonl")} == {"../up"}
    rejects = records(corpus / ".corpuskit/runs/split/rejects.jsonl")
    assert {(r["reason"], r["detail"]) for r in rejects} == {
        ("output path: no meta.lang", "the path template 'out/{meta.lang}/part.jsonl' needs meta.lang")}
    assert len(rejects) == 100  # absent (None) and empty: 2 of every 8
    for executor, workers in (("local", "1"), ("local", "3"), ("serial", "2")):
        corpuskit(corpus, "run", "p.yaml", "--executor", executor, "--workers", workers)
        assert tree(corpus / "out") == expected, (executor, workers)
    assert tree(corpus / "out") == expected
    assert not list(corpus.glob("out/**/.corpuskit-*.*.jsonl"))  # no staged file is left


def test_files_roll_by_records_and_bytes_with_the_same_records_as_one_file(corpus):
    (corpus / "one.yaml").write_text(config("whole.jsonl"))
    corpuskit(corpus, "run", "one.yaml", "--executor", "serial", "--run-dir", "run1")
    whole = (corpus / "whole.jsonl").read_bytes()
    (corpus / "p.yaml").write_text(config("out/docs.jsonl", max_records_per_file=45))
    corpuskit(corpus, "run", "p.yaml", "--executor", "local", "--workers", "3")
    files = sorted((corpus / "out").glob("docs-*.jsonl"))
    assert [f.name for f in files] == [f"docs-{i:05d}.jsonl" for i in range(9)]
    assert [len(f.read_bytes().splitlines()) for f in files] == [45] * 8 + [40]
    assert b"".join(f.read_bytes() for f in files) == whole

    limit = 2000
    (corpus / "p.yaml").write_text(config("out/docs.jsonl", max_bytes_per_file=limit))
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    by_bytes = sorted((corpus / "out").glob("docs-*.jsonl"))
    assert b"".join(f.read_bytes() for f in by_bytes) == whole  # the 45-record files were replaced, none is left
    sizes = [f.stat().st_size for f in by_bytes]
    assert max(sizes) <= limit and len(by_bytes) > 9
    for f, nxt in itertools.pairwise(by_bytes):  # each file is as full as the next record allows
        assert f.stat().st_size + len(nxt.read_bytes().splitlines(keepends=True)[0]) > limit
    corpuskit(corpus, "run", "p.yaml", "--executor", "local", "--workers", "2")
    assert sorted((corpus / "out").glob("docs-*.jsonl")) == by_bytes


def test_a_record_larger_than_max_bytes_gets_a_file_of_its_own(corpus):
    (corpus / "p.yaml").write_text(config("out/{meta.lang}.jsonl.gz", max_bytes_per_file=10))
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    en = sorted((corpus / "out").glob("en-*.jsonl.gz"))
    assert len(en) == 100 and en[0].name == "en-00000.jsonl.gz"
    assert all(len(gzip.decompress(f.read_bytes()).splitlines()) == 1 for f in en)


def test_the_next_commit_removes_the_files_of_the_previous_one_it_no_longer_writes_and_nothing_else(corpus):
    (corpus / "p.yaml").write_text(config("out/{meta.lang}/part.jsonl"))
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    (corpus / "out/fr/notes.txt").write_text("mine")  # the user's, not listed in the manifest
    (corpus / "out/zz").mkdir()
    (corpus / "out/zz/part.jsonl").write_text("mine too")
    (corpus / "p.yaml").write_text(config("out/{meta.lang}/part.jsonl").replace(
        "  - normalize\n", "  - length_filter: {min_words: 0}\n").replace("corpus.jsonl", "fewer.jsonl"))
    write_corpus(corpus / "fewer.jsonl", 3)  # en, fr, de only... and d00002 is de
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    left = sorted(n for n in tree(corpus / "out") if not n.startswith("."))
    assert left == ["de/part.jsonl", "en/part.jsonl", "fr/notes.txt", "fr/part.jsonl", "zz/part.jsonl"]
    assert (corpus / "out/zz/part.jsonl").read_text() == "mine too"


def test_unsafe_values_stay_inside_the_output_directory(tmp_path):
    values = ["..", ".", "/etc/passwd", "../../escape", "a\\b", "x" * 400, ".hidden", "tab\there", "nul\x00",
              "ok", 7, 2.5, False]
    with open(tmp_path / "corpus.jsonl", "wb") as fh:
        for i, v in enumerate(values):
            fh.write(orjson.dumps({"id": f"d{i}", "text": "t", "site": v}) + b"\n")
        fh.write(orjson.dumps({"id": "nested", "text": "t", "site": {"a": 1}}) + b"\n")
    (tmp_path / "p.yaml").write_text(config("out/{meta.site}/{id}.jsonl"))
    corpuskit(tmp_path, "run", "p.yaml", "--executor", "serial")
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(files) == len(values)
    for f in files:
        assert f.resolve().parent.parent == (tmp_path / "out").resolve()
        assert not f.parent.name.startswith(".") and len(f.parent.name.encode()) <= 100
    assert {f.parent.name for f in files} >= {"__", "_", "_etc_passwd", "_hidden", "tab_here", "nul_", "ok", "7",
                                               "2.5", "false"}
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "escape").exists()
    (reject,) = records(tmp_path / ".corpuskit/runs/split/rejects.jsonl")
    assert (reject["reason"], reject["document"]["id"]) == ("output path: meta.site is not a scalar", "nested")


def test_a_template_file_that_would_replace_an_input_fails_the_run_and_commits_nothing(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 16)
    (tmp_path / "p.yaml").write_text(config("{meta.lang}.jsonl").replace(
        "[corpus.jsonl]", "[corpus.jsonl, en.jsonl]"))
    (tmp_path / "en.jsonl").write_bytes(b'{"id": "mine", "text": "keep me"}\n')
    done = corpuskit(tmp_path, "run", "p.yaml", "--executor", "serial", check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("error: stage '2:write_jsonl' refuses to write 'en.jsonl' (write_jsonl.path): "
                                  "it is an input of this pipeline; nothing was committed\n"), done.stderr
    assert (tmp_path / "en.jsonl").read_bytes() == b'{"id": "mine", "text": "keep me"}\n'
    assert not (tmp_path / "fr.jsonl").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".corpuskit-")]  # staged files removed


def test_config_errors_for_templates(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 4)
    (tmp_path / "p.yaml").write_text(config("out/{text}.jsonl"))
    done = corpuskit(tmp_path, "run", "p.yaml", check=False)
    assert done.returncode == 2
    assert "{text} in 'out/{text}.jsonl' is not a document field: write {id} or {meta.KEY}" in done.stderr
    assert "p.yaml:5:" in done.stderr
    (tmp_path / "p.yaml").write_text(config(".corpuskit/runs/split/{id}.jsonl"))
    done = corpuskit(tmp_path, "run", "p.yaml", check=False)
    assert done.returncode == 2
    assert "refusing to write '.corpuskit/runs/split/{id}.jsonl': it is inside the run directory" in done.stderr
    (tmp_path / "p.yaml").write_text(config("out/d.jsonl", max_records_per_file=0))
    done = corpuskit(tmp_path, "run", "p.yaml", check=False)
    assert done.returncode == 2 and "max_records_per_file" in done.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.slow
def test_ray_writes_the_same_files(corpus):
    (corpus / "p.yaml").write_text(config("out/{meta.lang}/part.jsonl", max_records_per_file=17))
    corpuskit(corpus, "run", "p.yaml", "--executor", "serial")
    expected = tree(corpus / "out")
    corpuskit(corpus, "run", "p.yaml", "--executor", "ray", "--workers", "2")
    assert tree(corpus / "out") == expected


def test_one_file_per_document_and_the_summary_lists_the_first_20(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 45)
    (tmp_path / "p.yaml").write_text(config("out/{id}.jsonl"))
    done = corpuskit(tmp_path, "run", "p.yaml", "--executor", "local", "--workers", "2")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jsonl")) == [f"d{i:05d}.jsonl" for i in range(45)]
    assert all(len(p.read_bytes().splitlines()) == 1 for p in (tmp_path / "out").glob("*.jsonl"))
    report = (tmp_path / ".corpuskit/runs/split/report.txt").read_text()
    shown = [line for line in report.splitlines() if line.startswith("output: ")]
    assert shown[:20] == [f"output: out/d{i:05d}.jsonl" for i in range(20)]
    assert shown[20:] == ["output: ... and 25 more files (RunResult.outputs lists them; a split output's manifest, "
                          ".corpuskit-files-*.json, too)"]
    assert done.stdout.count("output: ") == 21
