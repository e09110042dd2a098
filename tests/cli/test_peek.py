"""corpuskit peek: the loader chosen from the path, the first documents shown as they are read."""

from __future__ import annotations

import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from corpuskit.cli import main
from corpuskit.cli.peek import loader_for
from tests.helpers import REPO


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", "1")
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_peek_a_parquet_file_shows_id_text_meta_and_rejects(cli, tmp_path):
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": ["First text.", None, "x" * 300], "lang": ["en"] * 3}),
                   tmp_path / "train.parquet")
    result = cli("peek", "train.parquet", "-n", "3")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "train.parquet: read with read_parquet (1 shard); the first 3 records:",
        "",
        "[1] id:   a",
        '    text: "First text."',
        '    meta: {"lang":"en","source":{"path":"train.parquet","row_group":0,"row":0}}',
        "",
        "[2] rejected (missing text): train.parquet: row group 0, row 1: null 'text'",
        "    id:   b",
        "",
        "[3] id:   c",
        f'    text: "{"x" * 200}" ... (300 characters)',
        '    meta: {"lang":"en","source":{"path":"train.parquet","row_group":0,"row":2}}',
    ]


def test_peek_passes_loader_parameters_and_reports_a_missing_column(cli, tmp_path):
    (tmp_path / "export.csv").write_text("key,body\n1,Hello there\n")
    result = cli("peek", "export.csv", "--set", "text_field=body", "--set", "id_field=key", "-n", "1")
    assert result.exit_code == 0 and "[1] id:   1\n    text: \"Hello there\"" in result.output
    result = cli("peek", "export.csv")
    assert result.exit_code == 2
    assert "read_csv.text_field: 'export.csv' has no column 'text' (its columns: key, body)" in result.output


@pytest.mark.parametrize("name, loader", [
    ("data/train-00000-of-00002.parquet", "read_parquet"), ("x.arrow", "read_arrow"), ("x.tsv.gz", "read_csv"),
    ("x.jsonl.zst", "read_jsonl"), ("crawl.warc.gz", "read_warc"), ("page.html", "read_html"),
    ("notes.txt", "read_text"),
])
def test_the_loader_is_chosen_from_the_extension(name, loader):
    assert loader_for(name) == loader


def test_a_folder_by_its_files_and_a_save_to_disk_folder(tmp_path):
    (tmp_path / "pages").mkdir()
    for name in ("a.jsonl", "b.jsonl", "readme.txt"):
        (tmp_path / "pages" / name).write_text("")
    assert loader_for(str(tmp_path / "pages")) == "read_jsonl"
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "state.json").write_text("{}")
    assert loader_for(str(tmp_path / "ds")) == "read_arrow"


def test_the_real_command(tmp_path):
    pq.write_table(pa.table({"text": ["Hello."]}), tmp_path / "in.parquet")
    done = subprocess.run([sys.executable, "-m", "corpuskit", "peek", "in.parquet"], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": f"{REPO}:{REPO / 'plugins'}", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "[1] id:   in:0\n    text: \"Hello.\"" in done.stdout
