"""The ``local`` executor from an embedding script: the ``__main__`` guard that ``spawn`` needs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers import REPO

SCRIPT = """
from corpuskit import Pipeline

def main():
    pipeline = Pipeline.from_dict({{"name": "embedded", "executor": "local", "stages": [
        {{"read_text": {{"paths": [{seeds!r}]}}}}, "normalize", "exact_dedup",
        {{"write_jsonl": {{"path": "out.jsonl"}}}}]}})
    print(pipeline.run(workers=2).stats["1:normalize"].docs_out)

{call}
"""


def run_script(tmp_path: Path, call: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "embed.py"
    script.write_text(textwrap.dedent(SCRIPT.format(seeds=str(REPO / "seeds" / "*.txt"), call=call)))
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_a_guarded_script_runs_the_local_executor(tmp_path):
    done = run_script(tmp_path, 'if __name__ == "__main__":\n    main()')
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 5


def test_a_script_without_the_main_guard_fails_with_the_fix_in_the_message(tmp_path):
    done = run_script(tmp_path, "main()")
    assert done.returncode == 1
    [failure] = [line for line in done.stderr.splitlines() if line.startswith("corpuskit._errors.RunError")]
    assert "no worker ever finished a unit" in failure
    assert 'must guard it with `if __name__ == "__main__":`' in failure
    assert "  hint: add the guard to the script, then run it again" in done.stderr
    assert "--resume" not in done.stderr
    assert "corpuskit: a worker process was asked to run a pipeline while it started" in done.stderr
    assert not (tmp_path / "out.jsonl").exists()
