"""configs/web.yaml, the FineWeb-style recipe, run by the real command on seeds/web/pages.jsonl."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter

from tests.helpers import REPO, read_jsonl


def _run(tmp_path, *extra):
    env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{REPO / 'plugins'}", CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD="1")
    return subprocess.run([sys.executable, "-m", "corpuskit", "run", "configs/web.yaml", "-q", *extra],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_web_recipe_keeps_the_articles_and_redacts_personal_data(tmp_path):
    shutil.copytree(REPO / "seeds" / "web", tmp_path / "seeds" / "web")
    shutil.copytree(REPO / "configs", tmp_path / "configs")
    proc = _run(tmp_path, "--executor", "serial", "--run-dir", "run-serial")
    assert proc.returncode == 0, proc.stderr
    out = read_jsonl(tmp_path / "out" / "web.jsonl")
    assert [d["id"] for d in out] == ["library-hours", "flood", "football", "bus-route", "mixed-en-de",
                                      "javascript", "contact", "letters"]
    assert {d["meta"]["language"] for d in out} == {"en"}
    contact = next(d for d in out if d["id"] == "contact")
    assert contact["meta"]["pii"] == {"email": 2, "phone": 1, "iban": 1}
    assert "<EMAIL>" in contact["text"] and "@" not in contact["text"] and "<IBAN>" in contact["text"]
    assert "Home | News" not in contact["text"]  # c4_quality removed the menu line
    rejects = read_jsonl(tmp_path / "run-serial" / "rejects.jsonl")
    by_stage = Counter(r["stage"].split(":", 1)[1] for r in rejects)
    assert by_stage == {"language_filter": 4, "gopher_repetition": 4, "c4_quality": 1, "minhash": 1}
    copy = next(r for r in rejects if r["stage"].endswith("minhash"))
    assert copy["document"]["id"] == "library-hours-copy"

    serial = (tmp_path / "out" / "web.jsonl").read_bytes()
    proc = _run(tmp_path, "--executor", "local", "--workers", "2", "--run-dir", "run-local")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "web.jsonl").read_bytes() == serial  # same bytes under every executor
