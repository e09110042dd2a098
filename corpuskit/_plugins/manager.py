"""Building the plugin manager: builtins, then entry points; one broken plugin breaks nothing else.

Nothing is built at import time: the runner, the CLI and each test call
:func:`load_plugins` (or :func:`get_plugin_manager` and :class:`Plugins`) and get a
fresh one.

A plugin that fails to import, implements a hook that does not exist (a misspelt
``corpuskit_register_stage``), or breaks a rule while it registers (a stage name taken
by another plugin, a bad name or kind, a parameter without a type) is *broken*: it is
reported by name with the reason (a warning on the ``corpuskit.plugins`` logger, and
``corpuskit plugins`` lists it), its stages are withdrawn, and everything else loads. A
pipeline that uses one of its stages fails, saying so. A builtin that breaks is a bug in
corpuskit and raises :class:`~corpuskit.PluginError`.

Environment switches:

* ``CORPUSKIT_DISABLE_PLUGINS=a,b`` - do not load the entry-point plugins named ``a``
  and ``b`` (names as in ``corpuskit plugins``).
* ``CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD=1`` - load no entry-point plugin at all (tests
  use it so whatever is installed does not leak in); register plugins explicitly.
* ``CORPUSKIT_TRACE_HOOKS=1`` - log every hook call, with the plugins it reaches, on the
  ``corpuskit.hooks`` logger (to stderr if the application configured no handler).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata
from types import ModuleType
from typing import Any

import attrs
import pluggy

from corpuskit._errors import PluginError, closest
from corpuskit._plugins import hookspecs
from corpuskit._plugins.hookmarkers import PROJECT
from corpuskit._plugins.registry import ExecutorRegistry, StageRegistry
from corpuskit._plugins.sources import ENTRY_POINT_GROUP, PluginSource, entry_point_sources, plugin_name

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginInfo",
    "Plugins",
    "get_plugin_manager",
    "load_plugins",
    "own_version",
]

BUILTIN_PLUGINS = (
    "corpuskit._stages.readers",
    "corpuskit._stages.writers",
    "corpuskit._stages.text",
    "corpuskit._stages.quality",
    "corpuskit._stages.dedup.exact",
    "corpuskit._stages.dedup",
    "corpuskit._stages.web",
    "corpuskit._stages.datasets",
    "corpuskit._stages.filters",
    "corpuskit._run.executors.builtin",
)
DISABLE_ENV = "CORPUSKIT_DISABLE_PLUGINS"
NO_AUTOLOAD_ENV = "CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD"
TRACE_ENV = "CORPUSKIT_TRACE_HOOKS"
REGISTRATION_HOOKS = ("corpuskit_register_stages", "corpuskit_register_executors")

log = logging.getLogger("corpuskit.plugins")
trace_log = logging.getLogger("corpuskit.hooks")


@attrs.frozen
class PluginInfo:
    """One registered plugin, as ``corpuskit plugins`` lists it."""

    name: str
    module: str
    version: str
    builtin: bool
    dist: str = ""


def _on(env: str) -> bool:
    return os.environ.get(env, "").strip().lower() in {"1", "true", "yes", "on"}


def _disabled_from_env() -> set[str]:
    raw = os.environ.get(DISABLE_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def get_plugin_manager(
    *,
    autoload: bool | None = None,
    disabled: set[str] | None = None,
    extra: list[object] | None = None,
) -> pluggy.PluginManager:
    """A fresh plugin manager: hook specs, builtins, ``extra``, then entry points.

    ``autoload`` (default: on unless ``CORPUSKIT_DISABLE_PLUGIN_AUTOLOAD`` is set)
    loads the ``corpuskit`` entry-point group (plugins that declare their stages are
    only noted, and imported on first use); ``disabled`` (default: from
    ``CORPUSKIT_DISABLE_PLUGINS``) names entry points to skip; ``extra`` are plugin
    objects (modules or instances), named after their module. Plugins that fail to
    import are recorded, not raised; :class:`Plugins` checks the rest.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.failed_plugins = {}  # type: ignore[attr-defined]
    pm.plugin_sources = {}  # type: ignore[attr-defined]  # name -> PluginSource (entry points)
    pm.lazy_sources = {}  # type: ignore[attr-defined]  # not imported yet
    if _on(TRACE_ENV):
        _trace_hook_calls(pm)
    for module_name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    for plugin in extra or []:
        register_plugin(pm, plugin, free_name(pm, plugin_name(plugin)))
    if autoload if autoload is not None else not _on(NO_AUTOLOAD_ENV):
        blocked = _disabled_from_env() if disabled is None else disabled
        for source in entry_point_sources(blocked):
            if pm.has_plugin(source.name):
                continue
            pm.plugin_sources[source.name] = source  # type: ignore[attr-defined]
            if source.lazy:
                pm.lazy_sources[source.name] = source  # type: ignore[attr-defined]
            else:
                load_source(pm, source)
    return pm


def free_name(pm: pluggy.PluginManager, name: str) -> str:
    """``name``, or ``name#2``... when a plugin of that name is registered already."""
    candidate, n = name, 1
    while pm.has_plugin(candidate) or candidate in pm.failed_plugins:  # type: ignore[attr-defined]
        n += 1
        candidate = f"{name}#{n}"
    return candidate


def load_source(pm: pluggy.PluginManager, source: PluginSource) -> bool:
    """Import an entry-point plugin and register it; a failure is recorded (False)."""
    try:
        plugin = source.load()
    except Exception as exc:  # any import failure: report it, load the rest
        _record_failure(pm, source.name, f"failed to import ({source.module}): {type(exc).__name__}: {exc}")
        return False
    return register_plugin(pm, plugin, source.name)


def register_plugin(pm: pluggy.PluginManager, plugin: object, name: str) -> bool:
    """``pm.register`` that records a plugin pluggy refuses (a hook with wrong arguments)."""
    try:
        pm.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        _record_failure(pm, name, f"is invalid: {exc}")
        return False
    return True


def _record_failure(pm: pluggy.PluginManager, name: str, reason: str) -> None:
    pm.failed_plugins[name] = reason  # type: ignore[attr-defined]
    log.warning("corpuskit: plugin '%s' %s (it is skipped, the other plugins load)", name, reason)


def _trace_hook_calls(pm: pluggy.PluginManager) -> None:
    if not trace_log.handlers and not logging.getLogger().handlers:
        trace_log.addHandler(logging.StreamHandler(sys.stderr))
    trace_log.setLevel(logging.INFO)

    def before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
        plugins = ", ".join(impl.plugin_name for impl in impls) or "no plugin"
        trace_log.info("corpuskit: hook %s(%s) -> %s", hook_name, ", ".join(kwargs), plugins)

    def after(outcome: pluggy.Result[Any], hook_name: str, impls: Sequence[pluggy.HookImpl],
              kwargs: Mapping[str, Any]) -> None:
        if outcome.exception is not None:
            trace_log.info("corpuskit: hook %s raised %r", hook_name, outcome.exception)

    pm.add_hookcall_monitoring(before, after)


class Plugins:
    """A plugin manager with its stage and executor registries filled.

    ``broken`` maps each plugin that could not be used to the reason; ``warnings`` lists
    what was registered but looks wrong (a stage without a docstring, a ``corpuskit_*``
    function without ``@hookimpl``).
    """

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.stages = StageRegistry()
        self.executors = ExecutorRegistry()
        self.broken: dict[str, str] = {}
        self._withdrawn: dict[str, list[str]] = {}  # broken plugin -> stages it had registered
        self._lazy: dict[str, PluginSource] = dict(getattr(pm, "lazy_sources", {}))
        self._warnings: list[str] = []
        for name, _ in list(pm.list_name_plugin()):
            self._check(name)
        for name, plugin in list(pm.list_name_plugin()):
            if plugin is not None and name not in self.broken:
                self._register(name)
        for name, source in self._lazy.items():
            self.stages.declare(source.stages, name, self.load)
            self.executors.declare(source.executors, name, self.load)

    # -- checking and registering one plugin -------------------------------------
    def _check(self, name: str) -> None:
        """Unknown hooks break the plugin; ``corpuskit_*`` functions without ``@hookimpl`` warn."""
        plugin = self.pm.get_plugin(name)
        for hook_name in _unknown_hooks(self.pm, name):
            best = closest(hook_name, _hook_names())
            suggestion = f"; did you mean '{best}'?" if best else ""
            self._break(name, f"implements an unknown hook '{hook_name}'{suggestion} (hooks: docs/hooks.md)")
            return
        unmarked = _unmarked_functions(plugin)
        if unmarked:
            self._warn(f"plugin '{name}' defines {', '.join(unmarked)} without @hookimpl, so corpuskit never "
                       "calls them; decorate them with @corpuskit.hookimpl")

    def _register(self, name: str) -> bool:
        """Call the plugin's registration hooks; a failure breaks it (withdrawing what it added)."""
        registries: tuple[StageRegistry | ExecutorRegistry, ...] = (self.stages, self.executors)
        for hook_name, registry in zip(REGISTRATION_HOOKS, registries, strict=True):
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                if impl.plugin_name != name:
                    continue
                registry.plugin = name
                if _on(TRACE_ENV):
                    trace_log.info("corpuskit: hook %s(registry) -> %s", hook_name, name)
                try:
                    impl.function(**{arg: registry for arg in impl.argnames})
                except PluginError as exc:
                    self._break(name, str(exc))
                    return False
                except Exception as exc:
                    self._break(name, f"failed in {hook_name}: {type(exc).__name__}: {exc}")
                    return False
                finally:
                    registry.plugin = "<unknown>"
        return True

    def _break(self, name: str, reason: str) -> None:
        if name in BUILTIN_PLUGINS:
            raise PluginError(f"builtin plugin '{name}' is broken: {reason}",
                              hint="this is a bug in corpuskit; please report it")
        self._withdrawn[name] = self.stages.remove_plugin(name)
        self.executors.remove_plugin(name)
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        text = reason if reason.startswith(("stage ", "plugin ")) else f"plugin '{name}' {reason}"
        self.broken[name] = text
        log.warning("corpuskit: plugin '%s' is disabled, the other plugins work: %s", name, text)

    def _warn(self, text: str) -> None:
        self._warnings.append(text)
        log.warning("corpuskit: %s", text)

    @property
    def warnings(self) -> list[str]:
        """What was registered but looks wrong, plugin by plugin."""
        return self._warnings + self.stages.warnings

    # -- adding plugins after the start -----------------------------------------
    def load(self, name: str) -> None:
        """Import the lazy plugin ``name`` (a stage of it was asked for) and register it."""
        source = self._lazy.pop(name, None)
        if source is None:
            return
        if not load_source(self.pm, source):
            self.broken[name] = f"plugin '{name}' {self.pm.failed_plugins[name]}"  # type: ignore[attr-defined]
            return
        self._check(name)
        if name not in self.broken:
            self._register(name)

    def add(self, plugin: object, name: str | None = None) -> str:
        """Register a one-off plugin (a pipeline file's ``plugins:``, ``--plugin``); raises if it is broken."""
        for existing_name, existing in self.pm.list_name_plugin():
            if existing is plugin:
                return existing_name
        name = free_name(self.pm, name or plugin_name(plugin))
        if not register_plugin(self.pm, plugin, name):
            raise PluginError(f"plugin '{name}' {self.pm.failed_plugins.pop(name)}")  # type: ignore[attr-defined]
        self._check(name)
        if name not in self.broken:
            self._register(name)
        if name in self.broken:
            raise PluginError(self.broken.pop(name), hint="fix the plugin named in the pipeline file or --plugin")
        return name

    def load_all(self) -> None:
        """Import every lazy plugin (listing every stage needs them all)."""
        for name in list(self._lazy):
            self.load(name)
        self.stages.load_all()

    # -- what is known ---------------------------------------------------------
    def why_missing(self, stage_name: str) -> str | None:
        """Why the stage ``stage_name`` is not there, when a broken plugin explains it."""
        declared = self.stages.declared_by(stage_name)
        if declared is not None:
            self.load(declared)
        for name, reason in self.broken.items():
            if stage_name in self._withdrawn.get(name, ()) or name in (declared, stage_name.split(".")[0]):
                first_line = reason.splitlines()[0]
                return f"stage '{stage_name}' comes from plugin '{name}', which failed to load: {first_line}"
        if declared is not None and stage_name not in self.stages:
            return f"plugin '{declared}' declares stage '{stage_name}' in its entry points but did not register it"
        return None

    def infos(self) -> list[PluginInfo]:
        """Every registered plugin with its module, distribution and version."""
        out = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:
                continue
            module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
            builtin = name in BUILTIN_PLUGINS
            dist, version = self.distribution(name)
            out.append(PluginInfo(name=name, module=module, version=version, builtin=builtin, dist=dist))
        return sorted(out, key=lambda p: (not p.builtin, p.name))

    def distribution(self, name: str) -> tuple[str, str]:
        """The distribution and version a plugin comes from (``("", "")`` for a one-off plugin)."""
        if name in BUILTIN_PLUGINS:
            return "corpuskit", own_version()
        source: PluginSource | None = getattr(self.pm, "plugin_sources", {}).get(name)
        return (source.dist, source.version) if source is not None else ("", "")

    @property
    def failed(self) -> dict[str, str]:
        """Plugins that failed to import or register, with the reason (also ``broken``)."""
        return {**getattr(self.pm, "failed_plugins", {}), **self.broken}

    def stages_of(self, plugin_name: str) -> list[str]:
        return [s.name for s in self.stages if s.plugin == plugin_name]


def _hook_names() -> list[str]:
    return [name for name in dir(hookspecs) if name.startswith(f"{PROJECT}_")]


def _unknown_hooks(pm: pluggy.PluginManager, name: str) -> list[str]:
    """Hooks the plugin ``name`` implements that no spec declares (pluggy's ``check_pending``)."""
    found = []
    for hook_name in dir(pm.hook):
        caller = getattr(pm.hook, hook_name)
        if hook_name.startswith("_") or not isinstance(caller, pluggy.HookCaller) or caller.spec is not None:
            continue
        if any(impl.plugin_name == name and not impl.optionalhook for impl in caller.get_hookimpls()):
            found.append(hook_name)
    return found


def _unmarked_functions(plugin: object) -> list[str]:
    """``corpuskit_*`` callables of a plugin that pluggy ignores (no ``@hookimpl``)."""
    marker = f"{PROJECT}_impl"
    names = []
    for attr in dir(plugin):
        if attr.startswith(f"{PROJECT}_"):
            value = getattr(plugin, attr, None)
            if callable(value) and not hasattr(value, marker):
                names.append(attr)
    return names


def own_version() -> str:
    """corpuskit's installed version (``0+unknown`` from a source tree that is not installed)."""
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
    """A fresh :class:`Plugins`: the builtins, ``extra`` and the installed plugins.

    See :func:`get_plugin_manager` for the arguments. Example (a script or a test
    with a plugin module of its own)::

        import corpuskit, my_stages
        plugins = corpuskit.load_plugins(autoload=False, extra=[my_stages])
        pipeline = corpuskit.Pipeline.from_dict({"stages": ["my.stage"]}, plugins=plugins)
    """
    return Plugins(get_plugin_manager(autoload=autoload, disabled=disabled, extra=extra))
