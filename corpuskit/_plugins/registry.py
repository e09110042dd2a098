"""Registries that plugins fill through the registration hooks.

``add`` checks a stage when its plugin registers it: marked with ``@stage``, an attrs
class, a valid name (``[a-z][a-z0-9_]*``, dotted: ``mysite.title``) and kind, every
parameter annotated with a type, the methods its kind needs. A stage without a docstring
is registered with a warning (``corpuskit stages`` would have nothing to show).

A registry also knows the names that lazy plugins declare (docs/plugins.md, "Lazy
loading"): asking for one imports its plugin first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from corpuskit._errors import PluginError, did_you_mean
from corpuskit._stages.kinds import KINDS, StageInfo, is_global, stage_info

__all__ = ["NAME_PATTERN", "ExecutorRegistry", "RegisteredStage", "StageRegistry"]

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
"""What a stage name looks like: lower-case words, dotted by plugin (``news.boilerplate``)."""

log = logging.getLogger("corpuskit.plugins")

_KIND_METHODS: dict[str, tuple[str, ...]] = {
    "load": ("plan", "read"),
    "export": ("open_part", "commit"),
}


@attrs.frozen
class RegisteredStage:
    """A stage class with the plugin that registered it."""

    info: StageInfo
    plugin: str

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def cls(self) -> type:
        return self.info.cls


class StageRegistry:
    """Stage classes by name. ``add`` is what a ``corpuskit_register_stages`` calls."""

    def __init__(self) -> None:
        self._stages: dict[str, RegisteredStage] = {}
        self._declared: dict[str, str] = {}  # stage name -> the lazy plugin that declares it
        self._load: Callable[[str], None] = lambda plugin: None
        self.plugin = "<unknown>"  # set by the plugin manager around each hook call
        self.warnings: list[str] = []

    def declare(self, names: tuple[str, ...], plugin: str, load: Callable[[str], None]) -> None:
        """Names a lazy plugin provides; ``load(plugin)`` imports and registers it on first use."""
        for name in names:
            self._declared.setdefault(name, plugin)
        self._load = load

    def add(self, cls: type) -> None:
        """Register a class marked with ``@stage``; a taken name is an error."""
        info = stage_info(cls)
        where = f"plugin '{self.plugin}'"
        if info is None:
            raise PluginError(
                f"{where} registers {getattr(cls, '__qualname__', repr(cls))}, which is not marked with @stage",
                hint="decorate it with @corpuskit.stage('name', kind='clean')",
            )
        if not attrs.has(cls):
            raise PluginError(
                f"{where}: stage '{info.name}' ({cls.__qualname__}) is not an attrs class",
                hint="put @attrs.frozen under @stage",
            )
        self._check_name_and_kind(info, where)
        self._check_fields(info, where)
        self._check_methods(info, where)
        if info.name in self._stages:
            other = self._stages[info.name]
            raise PluginError(
                f"stage '{info.name}' is registered twice: by plugin '{other.plugin}' "
                f"({other.cls.__module__}.{other.cls.__qualname__}) and by plugin "
                f"'{self.plugin}' ({cls.__module__}.{cls.__qualname__})",
                hint="rename one, or block a plugin with CORPUSKIT_DISABLE_PLUGINS",
            )
        self._stages[info.name] = RegisteredStage(info=info, plugin=self.plugin)
        if not (cls.__dict__.get("__doc__") or "").strip():
            warning = (f"{where}: stage '{info.name}' ({cls.__qualname__}) has no docstring; "
                       "'corpuskit stages' shows it as the stage's reference")
            self.warnings.append(warning)
            log.warning("corpuskit: %s", warning)

    def remove_plugin(self, plugin: str) -> list[str]:
        """Forget every stage ``plugin`` registered (it broke); returns their names."""
        names = [name for name, reg in self._stages.items() if reg.plugin == plugin]
        for name in names:
            del self._stages[name]
        return names

    @staticmethod
    def _check_name_and_kind(info: StageInfo, where: str) -> None:
        if not isinstance(info.name, str) or not NAME_PATTERN.fullmatch(info.name):
            raise PluginError(
                f"{where}: stage name {info.name!r} ({info.cls.__qualname__}) is not a valid name",
                hint="lower-case letters, digits and _, starting with a letter; dotted by plugin: 'mysite.title'",
            )
        if info.kind not in KINDS:
            raise PluginError(
                f"{where}: stage '{info.name}' has kind {info.kind!r}",
                hint=did_you_mean(str(info.kind), KINDS),
            )

    @staticmethod
    def _check_fields(info: StageInfo, where: str) -> None:
        for field in attrs.fields(info.cls):
            if field.init and field.type is None:
                raise PluginError(
                    f"{where}: stage '{info.name}' ({info.cls.__qualname__}): parameter '{field.name}' "
                    "has no type annotation",
                    hint=f"annotate it, e.g. `{field.name}: int = param(..., doc=...)`; the pipeline file's "
                    "values are checked against it",
                )

    @staticmethod
    def _check_methods(info: StageInfo, where: str) -> None:
        needed = _KIND_METHODS.get(info.kind)
        cls = info.cls
        if needed is None:
            ok = callable(getattr(cls, "process", None)) or is_global(cls)
            needed = ("process",)
        else:
            ok = all(callable(getattr(cls, name, None)) for name in needed)
        if not ok:
            raise PluginError(
                f"{where}: stage '{info.name}' of kind '{info.kind}' lacks "
                f"{' and '.join(needed)}()",
                hint="subclass the kind's base class (StreamStage, Filter, Mapper, GlobalStage, Loader, Exporter)",
            )

    def get(self, name: str) -> RegisteredStage | None:
        """The stage called ``name`` (importing the lazy plugin that declares it), or None."""
        if name not in self._stages and name in self._declared:
            self._load(self._declared[name])
        return self._stages.get(name)

    def declared_by(self, name: str) -> str | None:
        """The lazy plugin that declares ``name``, if one does."""
        return self._declared.get(name)

    def names(self) -> list[str]:
        """Every stage name, declared ones included (imports nothing)."""
        return sorted(set(self._stages) | set(self._declared))

    def load_all(self) -> None:
        """Import every lazy plugin that declares a stage."""
        for plugin in sorted(set(self._declared.values())):
            self._load(plugin)
        self._declared.clear()

    def __iter__(self) -> Iterator[RegisteredStage]:
        self.load_all()
        return iter(sorted(self._stages.values(), key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self.names())

    def __contains__(self, name: object) -> bool:
        return name in self._stages or name in self._declared


class ExecutorRegistry:
    """Executor factories by name, filled by ``corpuskit_register_executors``."""

    def __init__(self) -> None:
        self._factories: dict[str, tuple[Callable[..., Any], str]] = {}
        self._declared: dict[str, str] = {}
        self._load: Callable[[str], None] = lambda plugin: None
        self.plugin = "<unknown>"

    def declare(self, names: tuple[str, ...], plugin: str, load: Callable[[str], None]) -> None:
        """Executor names a lazy plugin provides; imported on first use."""
        for name in names:
            self._declared.setdefault(name, plugin)
        self._load = load

    def remove_plugin(self, plugin: str) -> list[str]:
        """Forget every executor ``plugin`` registered (it broke)."""
        names = [name for name, (_, owner) in self._factories.items() if owner == plugin]
        for name in names:
            del self._factories[name]
        return names

    def add(self, name: str, factory: Callable[..., Any]) -> None:
        if name in self._factories:
            other = self._factories[name][1]
            raise PluginError(
                f"executor '{name}' is registered twice: by plugin '{other}' and by "
                f"plugin '{self.plugin}'"
            )
        self._factories[name] = (factory, self.plugin)

    def get(self, name: str) -> Callable[..., Any] | None:
        if name not in self._factories and name in self._declared:
            self._load(self._declared[name])
        entry = self._factories.get(name)
        return entry[0] if entry else None

    def plugin_of(self, name: str) -> str | None:
        entry = self._factories.get(name)
        return entry[1] if entry else None

    def names(self) -> list[str]:
        return sorted(set(self._factories) | set(self._declared))
