"""Workers die with their run: kill -9 of the main process, SIGTERM (exit 143, like Ctrl-C)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, corpus_records, write_jsonl

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
CONFIG = """\
name: slow
stages:
  - read_jsonl: {paths: [corpus.jsonl], shard_size: 1500}
  - test.slow: {seconds: 0.5}
  - write_jsonl: {path: out.jsonl}
"""


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has exited


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def start_run(tmp_path: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """``corpuskit run`` with 2 local workers, once both work on a shard."""
    write_jsonl(tmp_path / "corpus.jsonl", corpus_records(60))
    (tmp_path / "p.yaml").write_text(CONFIG)
    proc = subprocess.Popen([sys.executable, "-m", "corpuskit", "run", "p.yaml", "--plugin", "tests.faultstages",
                             "--run-dir", "run", "--workers", "2", "-q"],
                            cwd=tmp_path, env=ENV, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()

    def two_workers() -> bool:
        assert proc.poll() is None, proc.stderr.read()
        workers.update(pid for pid in children(proc.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text())
        return len(workers) >= 2

    wait_until(two_workers, 60, "the run never started two workers")
    return proc, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_main_process_is_killed(tmp_path):
    proc, workers = start_run(tmp_path)
    proc.kill()  # SIGKILL to the main process only, not its group
    proc.wait()
    proc.stderr.close()
    wait_until(lambda: not any(alive(pid) for pid in workers), 20, f"workers {workers} outlived their run")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_the_run_like_ctrl_c_with_exit_143(tmp_path):
    proc, workers = start_run(tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err == "terminated (SIGTERM); finished shards are kept, 'corpuskit run --resume' continues\n"
    wait_until(lambda: not any(alive(pid) for pid in workers), 20, f"workers {workers} outlived their run")
    assert not (tmp_path / "out.jsonl").exists()
