"""The generated stage reference in docs/ matches the stages' docstrings and fields."""

from __future__ import annotations

from corpuskit._plugins.manager import BUILTIN_PLUGINS
from corpuskit._plugins.stagedoc import markdown_reference
from tests.helpers import REPO


def test_stage_reference_is_current(make_plugins):
    plugins = make_plugins(news=True)
    bundled = [s for s in plugins.stages if s.plugin in BUILTIN_PLUGINS or s.plugin == "news"]
    expected = markdown_reference(bundled) + "\n"
    assert (REPO / "docs" / "stages.md").read_text() == expected, (
        "docs/stages.md is stale: regenerate it with 'corpuskit stages --markdown > docs/stages.md'")


def test_every_bundled_stage_documents_its_parameters(make_plugins):
    plugins = make_plugins(news=True)
    import attrs

    for registered in plugins.stages:
        if registered.plugin not in BUILTIN_PLUGINS and registered.plugin != "news":
            continue
        assert registered.cls.__doc__, registered.name
        for field in attrs.fields(registered.cls):
            if field.init:
                assert field.metadata.get("doc"), f"{registered.name}.{field.name} has no doc"
