"""keep_if: the stage, its validation-time errors and warnings, and the CLI showing them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._stages.filters.keep_if import KeepIf
from tests.helpers import REPO, write_jsonl


def test_keeps_documents_where_the_expression_holds(run_stage):
    docs = [{"id": "a", "text": "one two three four", "meta": {"language": "en"}},
            {"id": "b", "text": "one two", "meta": {"language": "en"}},
            {"id": "c", "text": "eins zwei drei vier", "meta": {"language": "de"}}]
    out = run_stage(KeepIf(expr='meta.language == "en" and text.words >= 3'), docs)
    assert [d.id for d in out.docs] == ["a"]
    assert out.reasons == ["expression is false", "expression is false"]
    assert [r["detail"] for r in out.rejects] == ['meta.language = "en", text.words = 2',
                                                  'meta.language = "de", text.words = 4']


def test_annotate(run_stage):
    out = run_stage(KeepIf(expr="text.words > 1", action="annotate"), ["one", "one two"])
    assert [d.meta["keep_if"] for d in out.docs] == [{"keep": False, "reason": "text.words = 1"},
                                                     {"keep": True, "reason": None}]


def test_syntax_error_at_file_line_col_with_a_caret():
    text = 'stages:\n  - keep_if:\n      expr: meta.language == "en" and\n'
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text)
    assert str(err.value) == (
        "<string>:3:38: keep_if.expr: invalid expression: expected a value, found the end of the expression\n"
        '    meta.language == "en" and\n'
        "                             ^\n"
        "  hint: docs/filters.md, 'keep_if', has the grammar"
    )


def test_syntax_error_in_a_literal_block():
    text = "stages:\n  - keep_if:\n      expr: |\n        meta.a > 1\n        and text.wrds > 3\n"
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text)
    assert str(err.value).startswith("<string>:5:18: keep_if.expr: invalid expression: unknown text statistic "
                                     "'wrds'\n    and text.wrds > 3\n             ^\n  hint: did you mean 'words'?")


PIPELINE = """\
stages:
  - read_text: {paths: ["*.txt"]}
  - language_filter
  - keep_if: {expr: 'meta.langauge == "en" and meta.language_score > 0.9'}
"""


def test_field_no_stage_writes_is_a_warning_with_did_you_mean():
    pipeline = Pipeline.from_string(PIPELINE)
    assert [str(w) for w in pipeline.warnings] == [
        "<string>:4:22: keep_if.expr: no stage before keep_if writes meta.langauge\n"
        '    meta.langauge == "en" and meta.language_score > 0.9\n'
        "    ^\n"
        "  hint: did you mean meta.language? meta keys the stages before it write: language, language_filter, "
        "language_score, language_shares, source (a stage declares them with @stage(writes=[...]); documents "
        "without the key read it as null)"
    ]


def test_no_warning_after_a_loader_that_keeps_record_fields():
    assert Pipeline.from_string(PIPELINE.replace('read_text: {paths: ["*.txt"]}', "read_jsonl: {paths: [a]}")
                                ).warnings == ()


def test_cli_validate_and_run_print_the_warning(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "The council approved the library budget on Tuesday "
                                                             "after a long and lively debate."}])
    (tmp_path / "doc.txt").write_text("The council approved the library budget on Tuesday after a long debate.\n")
    config = tmp_path / "p.yaml"
    config.write_text(PIPELINE.replace('"*.txt"', "doc.txt") + "  - write_jsonl: {path: out.jsonl}\n")
    for command in ("validate", "run"):
        proc = subprocess.run([sys.executable, "-m", "corpuskit", command, str(config), "--set", "executor=serial"]
                              if command == "run" else [sys.executable, "-m", "corpuskit", command, str(config)],
                              cwd=tmp_path, capture_output=True, text=True, env=_env())
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.startswith(f"warning: {config}:4:22: keep_if.expr: no stage before keep_if writes "
                                      "meta.langauge\n")
    assert (tmp_path / "out.jsonl").read_text() == ""  # the misspelt field reads as null: nothing kept


def _env():
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{REPO / 'plugins'}"
    env["CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return env
