"""Registries that plugins fill through the registration hooks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from corpuskit._errors import PluginError
from corpuskit._stages.kinds import StageInfo, is_global, stage_info

__all__ = ["ExecutorRegistry", "RegisteredStage", "StageRegistry"]

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
        self.plugin = "<unknown>"  # set by the plugin manager around each hook call

    def add(self, cls: type) -> None:
        """Register a class marked with ``@stage``; a taken name is an error."""
        info = stage_info(cls)
        where = f"plugin '{self.plugin}'"
        if info is None:
            raise PluginError(
                f"{where} registers {cls.__qualname__}, which is not marked with @stage",
                hint="decorate it with @corpuskit.stage('name', kind='clean')",
            )
        if not attrs.has(cls):
            raise PluginError(
                f"{where}: stage '{info.name}' ({cls.__qualname__}) is not an attrs class",
                hint="put @attrs.frozen under @stage",
            )
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
        return self._stages.get(name)

    def names(self) -> list[str]:
        return sorted(self._stages)

    def __iter__(self) -> Iterator[RegisteredStage]:
        return iter(sorted(self._stages.values(), key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self._stages)

    def __contains__(self, name: object) -> bool:
        return name in self._stages


class ExecutorRegistry:
    """Executor factories by name, filled by ``corpuskit_register_executors``."""

    def __init__(self) -> None:
        self._factories: dict[str, tuple[Callable[..., Any], str]] = {}
        self.plugin = "<unknown>"

    def add(self, name: str, factory: Callable[..., Any]) -> None:
        if name in self._factories:
            other = self._factories[name][1]
            raise PluginError(
                f"executor '{name}' is registered twice: by plugin '{other}' and by "
                f"plugin '{self.plugin}'"
            )
        self._factories[name] = (factory, self.plugin)

    def get(self, name: str) -> Callable[..., Any] | None:
        entry = self._factories.get(name)
        return entry[0] if entry else None

    def plugin_of(self, name: str) -> str | None:
        entry = self._factories.get(name)
        return entry[1] if entry else None

    def names(self) -> list[str]:
        return sorted(self._factories)
