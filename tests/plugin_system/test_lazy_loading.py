"""Commands and pipelines that do not use a plugin do not import it (docs/plugins.md, "Lazy loading").

Each check runs in a fresh interpreter and looks at ``sys.modules``: timing is for
benchmarks/bench_plugin_import.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from tests.helpers import fake_distribution, upper_plugin_source

ROOT = Path(__file__).resolve().parents[2]

SLOW = upper_plugin_source("slow.upper")


def _site(tmp_path: Path) -> Path:
    return fake_distribution(tmp_path / "site", "slow-plugin",
                             {"corpuskit": {"slow": "slow_plugin"}, "corpuskit.stages": {"slow.upper": "slow_plugin"}},
                             {"slow_plugin.py": SLOW})


def _python(code: str, site: Path, **env: str) -> str:
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins"), str(site)]), **env}
    full_env.pop("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env, cwd=site)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


IMPORTED = ("import sys; print(sorted(m for m in ('slow_plugin', 'numpy', 'rensa', 'trafilatura', 'lxml', 'warcio',"
            " 'charset_normalizer') if m in sys.modules))")


def test_a_builtin_only_pipeline_imports_no_declared_plugin_and_no_numpy(tmp_path: Path) -> None:
    code = ("import corpuskit\n"
            "p = corpuskit.Pipeline.from_dict({'stages': ['normalize', 'length_filter']})\n"
            "list(p.process([corpuskit.Document('a', 'x y', {})]))\n" + IMPORTED)
    assert _python(code, _site(tmp_path), CORPUSKIT_DISABLE_PLUGINS="news") == "[]"


def test_a_pipeline_that_uses_a_declared_stage_imports_its_plugin(tmp_path: Path) -> None:
    code = ("import corpuskit\n"
            "p = corpuskit.Pipeline.from_dict({'stages': ['slow.upper']})\n"
            "print([d.text for d in p.process([corpuskit.Document('a', 'x', {})])])\n" + IMPORTED)
    assert _python(code, _site(tmp_path), CORPUSKIT_DISABLE_PLUGINS="news") == "['X']\n['slow_plugin']"


def test_commands_that_do_not_need_a_plugin_do_not_import_it(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "p.yaml").write_text("stages:\n  - normalize\n")
    for args in (["--help"], ["stages", "normalize"], ["validate", "p.yaml"]):
        code = f"import sys\nfrom corpuskit.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        assert _python(code + IMPORTED, site, CORPUSKIT_DISABLE_PLUGINS="news").endswith("[]"), args


def test_listing_every_stage_imports_every_plugin(tmp_path: Path) -> None:
    code = ("from corpuskit import load_plugins\n"
            "p = load_plugins()\n"
            "print('slow.upper' in p.stages.names())\n" + IMPORTED + "\n"
            "print([s.name for s in p.stages if s.name.startswith('slow')])\n")
    out = _python(code, _site(tmp_path), CORPUSKIT_DISABLE_PLUGINS="news").splitlines()
    assert out == ["True", "[]", "['slow.upper']"]


def test_the_news_plugin_declares_exactly_the_stages_it_registers(make_plugins) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["corpuskit.stages"]
    assert set(declared.values()) == {"corpuskit_news.plugin"}
    assert sorted(declared) == make_plugins(news=True).stages_of("news")


NEWS_DECLARED = any(ep.value == "corpuskit_news.plugin" for ep in metadata.entry_points(group="corpuskit.stages"))


@pytest.mark.skipif(not NEWS_DECLARED, reason="the installed metadata predates the declared news stages: "
                                               "reinstall corpuskit (pip install -e .)")
def test_a_builtin_only_pipeline_does_not_import_the_news_plugin(tmp_path: Path) -> None:
    code = ("import sys, corpuskit\n"
            "corpuskit.Pipeline.from_dict({'stages': ['normalize']})\n"
            "print('corpuskit_news' in sys.modules)\n")
    assert _python(code, tmp_path) == "False"
