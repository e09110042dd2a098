"""``corpuskit new-plugin NAME``: a plugin package that installs and passes its own tests at once.

The package holds a streaming stage (``NAME.first_line``), a global stage
(``NAME.same_title``), the entry points (the plugin and its declared stages, so it is
imported only when used), tests that use the ``run_stage`` fixture corpuskit ships, and
a README. tests/cli/test_scaffold.py installs a fresh one and runs its tests.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpuskit._errors import ConfigError

__all__ = ["write_plugin"]

NAME = re.compile(r"[a-z][a-z0-9_]*")

PYPROJECT = '''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "corpuskit-{dist}"
version = "0.1.0"
description = "corpuskit stages: {name}.first_line and {name}.same_title"
requires-python = ">=3.11"
dependencies = ["corpuskit"]

[project.optional-dependencies]
test = ["pytest"]

# the plugin, found by corpuskit through this entry point
[project.entry-points.corpuskit]
{name} = "{package}.plugin"

# the stages it provides: corpuskit imports the plugin only when a pipeline uses one
[project.entry-points."corpuskit.stages"]
"{name}.first_line" = "{package}.plugin"
"{name}.same_title" = "{package}.plugin"

[tool.setuptools]
packages = ["{package}"]
'''

INIT = '''\
"""corpuskit stages: {name}.first_line and {name}.same_title."""
'''

STAGES = '''\
"""The stages of the {name} plugin. Import only from `corpuskit`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from corpuskit import Document, GlobalStage, Mapper, Ref, StageContext, param, stage


@stage("{name}.first_line", kind="extract")
@attrs.frozen
class FirstLine(Mapper):
    """Puts the document's first non-empty line in `meta["title"]`, cut to `max_chars`.

    meta: `title` (a string; empty when the text has no line).
    """

    max_chars: int = param(200, doc="longest title kept, in characters", validator=attrs.validators.ge(1))

    def map(self, doc: Document, ctx: StageContext) -> Document:
        line = next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
        return doc.with_meta(title=line[: self.max_chars])


@stage("{name}.same_title", kind="deduplicate")
@attrs.frozen
class SameTitle(GlobalStage):
    """Keeps the first document, in input order, of each set with the same `meta["title"]`.

    A global stage: keys = the title per document, reduce = the first document of each
    title (every document with one title meets in one bucket, in input order), apply =
    reject the others with reason `same title` and the kept document's id as detail.
    Documents without a title are kept.
    """

    ignore_case: bool = param(True, doc="compare titles case-insensitively")

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        title = str(doc.meta.get("title") or "")
        if title:
            yield (title.casefold() if self.ignore_case else title), (ref, doc.id)

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        first: dict[str, str] = {{}}
        for title, (ref, doc_id) in items:
            if title in first:
                yield ref, first[title]
            else:
                first[title] = doc_id

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        if not decisions:
            return doc
        ctx.reject(doc, "same title", f"same title as '{{decisions[0]}}'")
        return None
'''

PLUGIN = '''\
"""Entry point of the {name} plugin: registers its stages."""

from __future__ import annotations

from typing import Any

from corpuskit import hookimpl

from {package}.stages import FirstLine, SameTitle


@hookimpl
def corpuskit_register_stages(registry: Any) -> None:
    registry.add(FirstLine)
    registry.add(SameTitle)
'''

TESTS = '''\
"""Tests of the {name} stages, with the `run_stage` fixture corpuskit ships (its pytest plugin)."""

from corpuskit import Pipeline, load_plugins

from {package} import plugin
from {package}.stages import FirstLine, SameTitle


def test_first_line_becomes_the_title(run_stage):
    out = run_stage(FirstLine(max_chars=5), ["\\n  Hello world\\nbody", ""])
    assert [d.meta["title"] for d in out.docs] == ["Hello", ""]


def test_same_title_keeps_the_first(run_stage):
    docs = [{{"id": "a", "text": "x", "meta": {{"title": "News"}}}},
            {{"id": "b", "text": "y", "meta": {{"title": "news"}}}},
            {{"id": "c", "text": "z", "meta": {{}}}}]
    out = run_stage(SameTitle(), docs)
    assert [d.id for d in out.docs] == ["a", "c"]
    assert [(r["reason"], r["detail"]) for r in out.rejects] == [("same title", "same title as 'a'")]


def test_a_pipeline_with_both_stages():
    plugins = load_plugins(autoload=False, extra=[plugin])
    pipeline = Pipeline.from_dict({{"stages": ["{name}.first_line", "{name}.same_title"]}}, plugins=plugins)
    from corpuskit import Document

    docs = [Document("a", "Title\\nbody", {{}}), Document("b", "Title\\nother body", {{}})]
    assert [d.id for d in pipeline.process(docs)] == ["a"]
'''

README = '''\
# corpuskit-{dist}

corpuskit stages, made with `corpuskit new-plugin {name}`:

* `{name}.first_line` (extract) - the first non-empty line into `meta["title"]`;
* `{name}.same_title` (deduplicate, a global stage) - keeps the first document of each title.

## Install, test, use

```bash
pip install -e .            # registers the plugin (entry point `corpuskit`)
python -m pytest tests      # uses corpuskit's run_stage fixture
corpuskit stages {name}.first_line
```

```yaml
stages:
  - read_jsonl: {{paths: [in.jsonl]}}
  - {name}.first_line
  - {name}.same_title
  - write_jsonl: {{path: out.jsonl}}
```

Add a stage: write it in `{package}/stages.py`, register it in `{package}/plugin.py`, and
declare its name in `pyproject.toml` (`corpuskit.stages`) so corpuskit imports the plugin
only when a pipeline uses it; reinstall. See corpuskit's docs/plugins.md and docs/hooks.md.
'''


def write_plugin(name: str, directory: Path) -> Path:
    """Write the plugin package ``name`` into ``directory / name``; returns that folder."""
    if not NAME.fullmatch(name):
        raise ConfigError(f"'{name}' is not a plugin name",
                          hint="lower-case letters, digits and _, starting with a letter (it prefixes the stage names)")
    root = directory / name
    if root.exists():
        raise ConfigError(f"{root} already exists", hint="choose another name or folder (nothing was written)")
    package = f"corpuskit_{name}"
    values = {"name": name, "package": package, "dist": name.replace("_", "-")}
    files = {
        "pyproject.toml": PYPROJECT, "README.md": README, f"{package}/__init__.py": INIT,
        f"{package}/stages.py": STAGES, f"{package}/plugin.py": PLUGIN, "tests/test_stages.py": TESTS,
    }
    for relative, template in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return root
