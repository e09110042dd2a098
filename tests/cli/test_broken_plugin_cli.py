"""An installed plugin with a misspelt hook: every command still works, `corpuskit plugins` names it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import fake_distribution

ROOT = Path(__file__).resolve().parents[2]

MISSPELT = '''
from corpuskit import hookimpl

@hookimpl
def corpuskit_register_stage(registry):
    pass
'''


def _run(args: list[str], site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins"), str(site)])}
    env.pop("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run([sys.executable, "-m", "corpuskit", *args], capture_output=True, text=True, env=env)


def test_a_misspelt_hook_breaks_only_its_plugin(tmp_path: Path) -> None:
    site = fake_distribution(tmp_path / "site", "misspelt-plugin", {"corpuskit": {"misspelt": "misspelt_plugin"}},
                             {"misspelt_plugin.py": MISSPELT})
    listed = _run(["plugins"], site)
    assert listed.returncode == 0, listed.stderr
    assert ("misspelt BROKEN (disabled; the other plugins work)\n"
            "  error: plugin 'misspelt' implements an unknown hook 'corpuskit_register_stage'; "
            "did you mean 'corpuskit_register_stages'? (hooks: docs/hooks.md)") in listed.stdout
    assert "Traceback" not in listed.stderr
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    config = tmp_path / "p.yaml"
    config.write_text(f"stages:\n  - read_jsonl: {{paths: ['{tmp_path / 'in.jsonl'}']}}\n  - normalize\n")
    validated = _run(["validate", str(config)], site)
    assert validated.returncode == 0, validated.stderr
    assert "valid." in validated.stdout
    assert "plugin 'misspelt' is disabled" in validated.stderr
