"""`corpuskit new-plugin NAME` writes a package that installs with pip and passes its own tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO


def _env(*paths: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*(str(p) for p in paths), str(REPO), str(REPO / "plugins")])}
    env.pop("CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD", None)
    return env


def test_a_new_plugin_installs_and_passes_its_own_tests(tmp_path: Path) -> None:
    made = subprocess.run([sys.executable, "-m", "corpuskit", "new-plugin", "mysite", "--dir", str(tmp_path)],
                          capture_output=True, text=True, env=_env())
    assert made.returncode == 0, made.stderr
    package = tmp_path / "mysite"
    assert sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()) == [
        "README.md", "corpuskit_mysite/__init__.py", "corpuskit_mysite/plugin.py", "corpuskit_mysite/stages.py",
        "pyproject.toml", "tests/test_stages.py"]
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(package)], check=True, capture_output=True, timeout=300)
    tested = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
                            capture_output=True, text=True, env=_env(site), cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "3 passed" in tested.stdout
    where = subprocess.run([sys.executable, "-c", "import corpuskit_mysite; print(corpuskit_mysite.__file__)"],
                           capture_output=True, text=True, env=_env(site), cwd=tmp_path)
    assert where.stdout.startswith(str(site))  # the tests ran against the installed package
    described = subprocess.run([sys.executable, "-m", "corpuskit", "stages", "mysite.same_title"],
                               capture_output=True, text=True, env=_env(site), cwd=tmp_path)
    assert described.stdout.startswith("mysite.same_title (deduplicate) from plugin mysite")


def test_a_bad_name_or_an_existing_folder_is_refused(tmp_path: Path) -> None:
    bad = subprocess.run([sys.executable, "-m", "corpuskit", "new-plugin", "My-Site", "--dir", str(tmp_path)],
                         capture_output=True, text=True, env=_env())
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: 'My-Site' is not a plugin name")
    (tmp_path / "taken").mkdir()
    taken = subprocess.run([sys.executable, "-m", "corpuskit", "new-plugin", "taken", "--dir", str(tmp_path)],
                           capture_output=True, text=True, env=_env())
    assert taken.returncode == 2
    assert "already exists" in taken.stderr
