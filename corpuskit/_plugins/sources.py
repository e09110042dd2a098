"""Where plugins come from: entry points (with their declared stages), modules, plugin files.

An installed plugin is a ``corpuskit`` entry point. It may also declare the stages and
executors it provides, without being imported, in two more entry-point groups whose
names are the stage (executor) names and whose values are the plugin's module::

    [project.entry-points.corpuskit]
    mysite = "mysite.plugin"

    [project.entry-points."corpuskit.stages"]
    "mysite.title" = "mysite.plugin"
    "mysite.links" = "mysite.plugin"

A plugin that declares its stages is *lazy*: it is imported only when a pipeline or a
command uses one of them (or lists every stage). One that declares nothing is imported
when the plugin manager is built.

One-off plugins are named by a pipeline file's ``plugins:`` list or ``--plugin``: an
importable module (``my_stages``) or a ``.py`` file (relative to the pipeline file).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import attrs

from corpuskit._errors import PluginError

__all__ = ["ENTRY_POINT_GROUP", "EXECUTORS_GROUP", "STAGES_GROUP", "PluginSource", "entry_point_sources",
           "import_plugin", "plugin_name"]

ENTRY_POINT_GROUP = "corpuskit"
STAGES_GROUP = "corpuskit.stages"
EXECUTORS_GROUP = "corpuskit.executors"


@attrs.frozen
class PluginSource:
    """An installed plugin before it is imported: its entry point and what it declares."""

    name: str
    module: str
    dist: str = ""
    version: str = ""
    stages: tuple[str, ...] = ()
    executors: tuple[str, ...] = ()
    entry_point: metadata.EntryPoint | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def lazy(self) -> bool:
        """Declares its stages, so it is imported only when one of them is used."""
        return bool(self.stages or self.executors)

    def load(self) -> object:
        """The plugin object (imports it)."""
        if self.entry_point is not None:
            return self.entry_point.load()
        return importlib.import_module(self.module)


def entry_point_sources(blocked: set[str]) -> list[PluginSource]:
    """Every ``corpuskit`` entry point not in ``blocked``, by name, with what it declares."""
    declared: dict[str, dict[str, list[str]]] = {}
    for group, what in ((STAGES_GROUP, "stages"), (EXECUTORS_GROUP, "executors")):
        for ep in metadata.entry_points(group=group):
            declared.setdefault(ep.value, {}).setdefault(what, []).append(ep.name)
    sources = []
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.name in blocked:
            continue
        dist = getattr(ep, "dist", None)
        found = declared.get(ep.value, {})
        sources.append(PluginSource(
            name=ep.name, module=ep.value, dist=dist.name if dist is not None else "",
            version=dist.version if dist is not None else "", stages=tuple(sorted(found.get("stages", ()))),
            executors=tuple(sorted(found.get("executors", ()))), entry_point=ep,
        ))
    return sources


def plugin_name(plugin: object) -> str:
    """The name a plugin object is listed under: its module's name, or module.Class of an instance."""
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    cls = type(plugin)
    return f"{cls.__module__}.{cls.__qualname__}"


def import_plugin(ref: str, base: Path | None = None, where: str | None = None) -> ModuleType:
    """A one-off plugin: a module name (``my_stages``) or a ``.py`` file (relative to ``base``).

    A file is imported as a module named after its stem, with its directory put first on
    ``sys.path``, so worker processes of the ``local`` executor import it the same way.
    """
    if ref.endswith(".py") or "/" in ref or "\\" in ref:
        return _import_file(Path(ref) if base is None or Path(ref).is_absolute() else base / ref, ref, where)
    try:
        return importlib.import_module(ref)
    except ImportError as exc:
        raise PluginError(f"{where + ': ' if where else ''}plugin '{ref}' cannot be imported: "
                          f"{type(exc).__name__}: {exc}",
                          hint="name an importable module, or a .py file relative to the pipeline file") from None


def _import_file(path: Path, ref: str, where: str | None) -> ModuleType:
    prefix = f"{where}: " if where else ""
    if not path.is_file():
        raise PluginError(f"{prefix}plugin file '{ref}' not found (looked at {path.resolve()})",
                          hint="plugin files are relative to the pipeline file")
    resolved = path.resolve()
    name = resolved.stem
    existing = sys.modules.get(name)
    if existing is not None:
        if Path(getattr(existing, "__file__", "") or "").resolve() == resolved:
            return existing
        raise PluginError(f"{prefix}plugin file '{ref}' would be imported as module '{name}', "
                          f"which is already {existing.__name__} from {getattr(existing, '__file__', '?')}",
                          hint="rename the plugin file")
    directory = str(resolved.parent)
    if directory not in sys.path:
        sys.path.insert(0, directory)
    spec = importlib.util.spec_from_file_location(name, resolved)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise PluginError(f"{prefix}plugin file '{ref}' failed to import: {type(exc).__name__}: {exc}") from None
    return module
