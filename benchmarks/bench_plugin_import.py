"""What an installed plugin that is slow to import costs commands that do not use it.

    python benchmarks/bench_plugin_import.py [--sleep 3]

Installs (as a .dist-info in a temporary folder put on PYTHONPATH) a plugin whose import
sleeps ``--sleep`` seconds, once declaring its stage in the ``corpuskit.stages`` entry-point
group (lazy) and once not (imported when the plugin manager is built), and times, each in
a fresh process: ``corpuskit --help``, ``corpuskit stages normalize``, ``corpuskit validate``
and ``corpuskit run`` of a normalize-only pipeline, and a run that uses the slow stage.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import fake_distribution, upper_plugin_source  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sleep", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in.jsonl").write_text("".join(f'{{"id": "d{i}", "text": "doc {i}"}}\n' for i in range(100)))
        (work / "builtin.yaml").write_text("stages:\n  - read_jsonl: {paths: [in.jsonl]}\n  - normalize\n"
                                           "  - write_jsonl: {path: out.jsonl}\n")
        (work / "slow.yaml").write_text("stages:\n  - read_jsonl: {paths: [in.jsonl]}\n  - slow.upper\n"
                                        "  - write_jsonl: {path: out2.jsonl}\n")
        commands = {
            "corpuskit --help": ["--help"],
            "stages normalize": ["stages", "normalize"],
            "validate (builtin only)": ["validate", "builtin.yaml"],
            "run (builtin only, serial)": ["run", "builtin.yaml", "--executor", "serial", "-q"],
            "run (uses the slow stage)": ["run", "slow.yaml", "--executor", "serial", "-q"],
        }
        print(f"plugin import sleeps {args.sleep:g}s; seconds per command (fresh process each)\n")
        print(f"{'command':<30} {'declared (lazy)':>16} {'not declared':>14}")
        rows: dict[str, list[float]] = {name: [] for name in commands}
        for lazy in (True, False):
            eps = {"corpuskit": {"slow": "slow_plugin"}}
            if lazy:
                eps["corpuskit.stages"] = {"slow.upper": "slow_plugin"}
            site = fake_distribution(work / f"site-{lazy}", "slow-plugin", eps,
                                     {"slow_plugin.py": upper_plugin_source("slow.upper", args.sleep)})
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins"), str(site)]),
                   "CORPUSKIT_DISABLE_PLUGINS": "news"}
            for name, argv in commands.items():
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "corpuskit", *argv], cwd=work, env=env,
                                      capture_output=True, text=True)
                rows[name].append(time.perf_counter() - t0)
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed: {done.stderr}")
        for name, (lazy_s, eager_s) in rows.items():
            print(f"{name:<30} {lazy_s:>16.2f} {eager_s:>14.2f}")


if __name__ == "__main__":
    main()
