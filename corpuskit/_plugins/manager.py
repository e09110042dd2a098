"""Building the plugin manager: builtins, then entry points, then ``check_pending``.

Nothing is built at import time: the runner, the CLI and each test call
:func:`get_plugin_manager` (or :func:`load_plugins`) and get a fresh one.

Environment switches:

* ``CORPUSKIT_DISABLE_PLUGINS=a,b`` - do not load the entry-point plugins named ``a``
  and ``b`` (names as in ``corpuskit plugins``).
* ``CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD=1`` - load no entry-point plugin at all (tests
  use it so whatever is installed does not leak in); register plugins explicitly.
"""

from __future__ import annotations

import importlib
import os
import warnings
from importlib import metadata
from types import ModuleType
from typing import Any

import attrs
import pluggy

from corpuskit._errors import PluginError
from corpuskit._plugins import hookspecs
from corpuskit._plugins.hookmarkers import PROJECT
from corpuskit._plugins.registry import ExecutorRegistry, StageRegistry

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginInfo",
    "Plugins",
    "get_plugin_manager",
    "load_plugins",
]

ENTRY_POINT_GROUP = "corpuskit"
BUILTIN_PLUGINS = (
    "corpuskit._stages.readers",
    "corpuskit._stages.writers",
    "corpuskit._stages.text",
    "corpuskit._stages.dedup.exact",
    "corpuskit._stages.dedup",
    "corpuskit._stages.web",
    "corpuskit._run.executors.builtin",
)
DISABLE_ENV = "CORPUSKIT_DISABLE_PLUGINS"
NO_AUTOLOAD_ENV = "CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD"


class PluginImportWarning(UserWarning):
    """A plugin named by an entry point failed to import; the others still load."""


@attrs.frozen
class PluginInfo:
    """One registered plugin, as ``corpuskit plugins`` lists it."""

    name: str
    module: str
    version: str
    builtin: bool


def _autoload_default() -> bool:
    return os.environ.get(NO_AUTOLOAD_ENV, "").strip().lower() not in {"1", "true", "yes", "on"}


def _disabled_from_env() -> set[str]:
    raw = os.environ.get(DISABLE_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def get_plugin_manager(
    *,
    autoload: bool | None = None,
    disabled: set[str] | None = None,
    extra: list[object] | None = None,
) -> pluggy.PluginManager:
    """A fresh plugin manager: hook specs, builtins, entry points, ``check_pending``.

    ``autoload`` (default: on unless ``CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD`` is set)
    loads the ``corpuskit`` entry-point group; ``disabled`` (default: from
    ``CORPUSKIT_DISABLE_PLUGINS``) names entry points to skip; ``extra`` are plugin
    objects (modules or instances) to register after the builtins.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.failed_plugins = {}  # type: ignore[attr-defined]
    pm.plugin_versions = {}  # type: ignore[attr-defined]
    for module_name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    for plugin in extra or []:
        pm.register(plugin)
    if autoload if autoload is not None else _autoload_default():
        blocked = _disabled_from_env() if disabled is None else disabled
        _load_entry_points(pm, blocked)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        raise PluginError(
            f"plugin '{name}' implements an unknown hook: {exc}",
            hint="hook names start with 'corpuskit_'; 'corpuskit plugins' and docs/plugins.md list them",
        ) from None
    return pm


def _load_entry_points(pm: pluggy.PluginManager, blocked: set[str]) -> None:
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.name in blocked or pm.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # any import failure: report it, load the rest
            pm.failed_plugins[ep.name] = f"{type(exc).__name__}: {exc}"  # type: ignore[attr-defined]
            warnings.warn(
                f"corpuskit: plugin '{ep.name}' ({ep.value}) failed to import and is "
                f"skipped: {type(exc).__name__}: {exc}",
                PluginImportWarning,
                stacklevel=2,
            )
            continue
        pm.register(plugin, name=ep.name)
        dist = getattr(ep, "dist", None)
        pm.plugin_versions[ep.name] = dist.version if dist is not None else ""  # type: ignore[attr-defined]


class Plugins:
    """A plugin manager with its stage and executor registries filled."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.stages = StageRegistry()
        self.executors = ExecutorRegistry()
        self._call_registration("corpuskit_register_stages", self.stages)
        self._call_registration("corpuskit_register_executors", self.executors)

    def _call_registration(self, hook_name: str, registry: Any) -> None:
        """Call a registration hook plugin by plugin so errors can name the plugin."""
        hook = getattr(self.pm.hook, hook_name)
        for impl in hook.get_hookimpls():  # registration order
            registry.plugin = self.pm.get_name(impl.plugin) or repr(impl.plugin)
            try:
                impl.function(registry=registry)
            except PluginError:
                raise
            except Exception as exc:
                raise PluginError(
                    f"plugin '{registry.plugin}' failed in {hook_name}: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
        registry.plugin = "<unknown>"

    def infos(self) -> list[PluginInfo]:
        """Every registered plugin with its module and version."""
        versions: dict[str, str] = getattr(self.pm, "plugin_versions", {})
        out = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:
                continue
            module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
            builtin = name in BUILTIN_PLUGINS
            version = _own_version() if builtin else versions.get(name, "")
            out.append(PluginInfo(name=name, module=module, version=version, builtin=builtin))
        return sorted(out, key=lambda p: (not p.builtin, p.name))

    @property
    def failed(self) -> dict[str, str]:
        """Entry-point plugins that failed to import, with the error."""
        return dict(getattr(self.pm, "failed_plugins", {}))

    def stages_of(self, plugin_name: str) -> list[str]:
        return [s.name for s in self.stages if s.plugin == plugin_name]


def _own_version() -> str:
    try:
        return metadata.version("corpuskit")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def load_plugins(
    *,
    autoload: bool | None = None,
    disabled: set[str] | None = None,
    extra: list[object] | None = None,
) -> Plugins:
    """A fresh :class:`Plugins`: see :func:`get_plugin_manager` for the arguments."""
    return Plugins(get_plugin_manager(autoload=autoload, disabled=disabled, extra=extra))
