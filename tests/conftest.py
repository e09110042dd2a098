"""Shared fixtures: a small corpus on disk; every test runs in its own directory; one plugin factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpuskit._plugins.manager import Plugins, get_plugin_manager, register_plugin
from tests.helpers import corpus_records, write_jsonl

MakePlugins = Callable[..., Plugins]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", corpus_records())


@pytest.fixture(autouse=True)
def _run_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run in their own directory, so run directories, outputs and run keys stay there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / ".state"))


@pytest.fixture
def make_plugins() -> MakePlugins:
    """The one way a test builds plugins: ``make_plugins(*extra, ...)`` returns a fresh ``Plugins``.

    Hermetic by default: the builtins, then ``extra`` (modules or instances), and no
    entry-point plugin, so whatever happens to be installed does not leak in.

    * ``named={"name": plugin}`` registers plugins under a name of the test's choosing
      (a test about error messages that name the plugin);
    * ``news=True`` registers the bundled news plugin under ``news``, the name its entry
      point gives it;
    * ``autoload=True`` loads the ``corpuskit`` entry points (``disabled`` as in
      ``get_plugin_manager``: ``None`` reads ``CORPUSKIT_DISABLE_PLUGINS``);
      ``autoload=None`` does what the environment says - only tests about entry-point
      loading ask for either.
    """

    def make(
        *extra: object,
        autoload: bool | None = False,
        disabled: set[str] | None = None,
        news: bool = False,
        named: dict[str, object] | None = None,
    ) -> Plugins:
        pm = get_plugin_manager(autoload=autoload, disabled=disabled, extra=list(extra))
        for name, plugin in (named or {}).items():
            register_plugin(pm, plugin, name)
        if news and not pm.has_plugin("news"):
            from corpuskit_news import plugin as news_plugin

            pm.register(news_plugin, name="news")
        return Plugins(pm)

    return make
