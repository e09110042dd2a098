"""The pipeline file: YAML -> frozen attrs objects, every error at file:line:col.

A pipeline file is checked whole before any data is touched: keys, stage names,
parameter names, types and validators. See docs/pipeline-file.md.
"""

from __future__ import annotations

import copy
import math
import os
import re
from pathlib import Path
from typing import Any

import attrs

from corpuskit._config.checks import check_pipeline, point_at
from corpuskit._config.overrides import apply_override
from corpuskit._config.params import CoerceError, coerce, describe_value, field_types
from corpuskit._config.stagespec import StageSpec
from corpuskit._config.yamlpos import Positions, check_size, load_yaml
from corpuskit._errors import ConfigError, ConfigWarning, ParamError, did_you_mean
from corpuskit._plugins.manager import Plugins
from corpuskit._plugins.sources import import_plugin

__all__ = ["PipelineConfig", "StageSpec", "build_config"]

TOP_LEVEL_DOCS = {
    "name": "names the run directory (default: the file's stem)",
    "executor": "serial | local | ray | a plugin's (default: local on the CLI, serial in the library)",
    "workers": "worker processes (default: all cores)",
    "stages": "the stages, in order; each item is NAME or {NAME: {params}}",
    "run_dir": "the run directory (default: .corpuskit/runs/<name>)",
    "max_errors": "consecutive stage exceptions before the run stops (default 10)",
    "buckets": "partitions of a global stage's keys (default 16, at most 65536)",
    "retries": "times a shard whose worker died is retried (default 2)",
    "timeout": "seconds one document may take in a stage before it is rejected: a number above 0, "
               "or null for none (the default)",
    "plugins": "one-off plugins: module names, or .py files relative to this file (their code runs)",
    "report_sample": "documents sampled (by a hash of their id) for report.html's browser (default 200)",
    "report_rejects": "rejected documents kept in report.html per stage and reason (default 20)",
}
DEFAULTS: dict[str, Any] = {"max_errors": 10, "buckets": 16, "retries": 2, "report_sample": 200,
                            "report_rejects": 20}
MAX_BUCKETS = 1 << 16


@attrs.frozen
class PipelineConfig:
    """A validated pipeline file. Built only by :func:`build_config`."""

    name: str
    source: str
    stages: tuple[StageSpec, ...]
    executor: str | None = None
    workers: int | None = None
    run_dir: str | None = None
    max_errors: int = 10
    buckets: int = 16
    retries: int = 2
    timeout: float | None = None
    executor_options: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    plugins: tuple[str, ...] = ()
    report_sample: int = 200
    report_rejects: int = 20
    warnings: tuple[ConfigWarning, ...] = attrs.field(default=(), eq=False, repr=False)

    def resolved(self) -> dict[str, Any]:
        """The config as plain data with every default filled in (for run directories)."""
        out: dict[str, Any] = {"name": self.name}
        if self.plugins:
            out["plugins"] = list(self.plugins)
        for key in ("executor", "workers", "run_dir", "max_errors", "buckets", "retries", "timeout",
                    "report_sample", "report_rejects"):
            out[key] = getattr(self, key)
        out.update(copy.deepcopy(self.executor_options))
        out["stages"] = [{s.name: s.params()} for s in self.stages]
        return out


# ---------------------------------------------------------------------------
# Overrides: --set stages.2.minhash.threshold=0.9
# ---------------------------------------------------------------------------


def build_config(
    data: Any,
    positions: Positions,
    plugins: Plugins,
    *,
    default_name: str = "pipeline",
) -> PipelineConfig:
    """Validate parsed YAML into a :class:`PipelineConfig`."""
    if not isinstance(data, dict):
        raise ConfigError(
            f"a pipeline file must be a mapping with a 'stages' list, found {describe_value(data)}",
            where=positions.of(()),
            hint="start with 'stages:' followed by '- read_text: {paths: [...]}' items",
        )
    file_plugins = _load_file_plugins(data, positions, plugins)  # first: they may add executors
    executors = set(plugins.executors.names())
    valid_keys = set(TOP_LEVEL_DOCS) | executors
    for key in data:
        if key not in valid_keys:
            raise ConfigError(
                f"unknown key '{key}'",
                where=positions.key_of((key,)),
                hint=did_you_mean(str(key), valid_keys),
            )
    if "stages" not in data:
        raise ConfigError(
            "no 'stages' list",
            where=positions.of(()),
            hint="add 'stages:' with one item per stage, e.g. '- read_text: {paths: [\"*.txt\"]}'",
        )
    stages_raw = data["stages"]
    if not isinstance(stages_raw, list) or not stages_raw:
        raise ConfigError(
            f"expected a non-empty list of stages, found {describe_value(stages_raw)}",
            where=positions.of(("stages",)),
            key="stages",
        )
    stages = tuple(_build_stage(i, item, positions, plugins) for i, item in enumerate(stages_raw))
    _check_order(stages)
    warnings = check_pipeline(stages, positions)
    executor = _top(data, "executor", str | None, positions)
    if executor is not None and executor not in executors:
        raise ConfigError(
            f"unknown executor '{executor}'",
            where=positions.of(("executor",)),
            key="executor",
            hint=did_you_mean(executor, executors),
        )
    options = {}
    for name in executors:
        if name in data:
            section = data[name]
            if section is not None and not isinstance(section, dict):
                raise ConfigError(
                    f"expected a mapping of {name} options, found {describe_value(section)}",
                    where=positions.of((name,)),
                    key=name,
                )
            options[name] = dict(section or {})
    name = _top(data, "name", str | None, positions) or default_name
    _check_name(name, positions)
    return PipelineConfig(
        name=name,
        source=positions.filename,
        stages=stages,
        executor=executor,
        workers=_positive(data, "workers", positions),
        run_dir=_top(data, "run_dir", str | None, positions),
        max_errors=_positive(data, "max_errors", positions) or DEFAULTS["max_errors"],
        buckets=_at_most(_positive(data, "buckets", positions) or DEFAULTS["buckets"], MAX_BUCKETS, "buckets",
                         positions),
        retries=_non_negative(data, "retries", positions),
        timeout=_timeout(data, positions),
        executor_options=options,
        plugins=file_plugins,
        report_sample=_non_negative(data, "report_sample", positions),
        report_rejects=_non_negative(data, "report_rejects", positions),
        warnings=warnings,
    )


def _check_name(name: str, positions: Positions) -> None:
    """A name is one folder name: it must not lead the run directory elsewhere (``../x``, ``/abs``)."""
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ConfigError(
            f"expected a name without path separators (it names the folder .corpuskit/runs/NAME), found {name!r}",
            where=positions.of(("name",)),
            key="name",
            hint="to put the run directory elsewhere, use run_dir: or --run-dir",
        )
def _load_file_plugins(data: dict[str, Any], positions: Positions, plugins: Plugins) -> tuple[str, ...]:
    """Import and register the plugins the file names (``plugins:``); paths are relative to the file."""
    refs = _top(data, "plugins", list[str] | None, positions) or []
    source = Path(positions.filename)
    base = source.parent if source.is_file() else Path.cwd()
    for i, ref in enumerate(refs):
        plugins.add(import_plugin(ref, base, where=positions.of(("plugins", i))))
    return tuple(refs)


def _top(data: dict[str, Any], key: str, tp: Any, positions: Positions) -> Any:
    try:
        return coerce(data.get(key), tp)
    except CoerceError as exc:
        raise ConfigError(
            f"expected {exc.expected}, found {describe_value(data.get(key))}",
            where=positions.of((key,)),
            key=key,
            hint=TOP_LEVEL_DOCS.get(key),
        ) from None


def _timeout(data: dict[str, Any], positions: Positions) -> float | None:
    value: float | None = _top(data, "timeout", float | None, positions)
    if value is not None and not (math.isfinite(value) and value > 0):
        raise ConfigError(
            f"expected a number above 0 or null, found {value:g}",
            where=positions.of(("timeout",)),
            key="timeout",
            hint="timeout: null (or no timeout key) turns the time limit off",
        )
    return value


def _at_most(value: int, limit: int, key: str, positions: Positions) -> int:
    if value > limit:
        raise ConfigError(
            f"expected at most {limit}, found {value}",
            where=positions.of((key,)),
            key=key,
            hint=TOP_LEVEL_DOCS.get(key),
        )
    return value


def _non_negative(data: dict[str, Any], key: str, positions: Positions) -> int:
    value = _top(data, key, int | None, positions)
    if value is None:
        return int(DEFAULTS[key])
    if value < 0:
        raise ConfigError(f"expected 0 or more, found {value}", where=positions.of((key,)), key=key)
    return int(value)


def _positive(data: dict[str, Any], key: str, positions: Positions) -> int | None:
    value: int | None = _top(data, key, int | None, positions)
    if value is not None and value < 1:
        raise ConfigError(
            f"expected a positive integer, found {value}",
            where=positions.of((key,)),
            key=key,
            hint=TOP_LEVEL_DOCS.get(key),
        )
    return value


def _build_stage(index: int, item: Any, positions: Positions, plugins: Plugins) -> StageSpec:
    path: tuple[Any, ...] = ("stages", index)
    params: Any  # whatever the YAML holds; checked to be a mapping below
    if isinstance(item, str):
        name, params = item, {}
    elif isinstance(item, dict) and len(item) == 1:
        name, params = next(iter(item.items()))
        path = (*path, name)
        params = {} if params is None else params
    else:
        raise ConfigError(
            f"expected a stage name or {{NAME: {{params}}}}, found {describe_value(item)}",
            where=positions.of(path),
            key=f"stages.{index}",
            hint="write '- normalize' or '- length_filter: {min_words: 50}'",
        )
    registered = plugins.stages.get(str(name))
    if registered is None:
        raise _unknown_stage(str(name), plugins, positions.of(path), index)
    if not isinstance(params, dict):
        raise ConfigError(
            f"expected a mapping of parameters, found {describe_value(params)}",
            where=positions.of(path),
            key=f"stages.{index}.{name}",
        )
    instance = _instantiate(registered.cls, name, params, path, positions)
    return StageSpec(
        index=index,
        name=name,
        kind=registered.kind,
        stage=instance,
        plugin=registered.plugin,
        where=positions.of(path),
        param_where={str(key): positions.of((*path, key)) for key in params},
    )


def _unknown_stage(name: str, plugins: Plugins, where: str, index: int) -> ConfigError:
    """An unknown stage: the broken plugin it comes from, else the closest names."""
    why = plugins.why_missing(name)
    if why is not None:
        return ConfigError(why, where=where, key=f"stages.{index}",
                           hint="fix or reinstall the plugin ('corpuskit plugins' lists broken plugins)")
    hint = did_you_mean(name, plugins.stages.names()) + " ('corpuskit stages' lists them)"
    if plugins.failed:
        hint += "; plugins that failed to load: " + ", ".join(sorted(plugins.failed))
    return ConfigError(f"unknown stage '{name}'", where=where, key=f"stages.{index}", hint=hint)


def _instantiate(cls: type, name: str, params: dict[str, Any], path: tuple[Any, ...], positions: Positions) -> Any:
    fields = {f.name: f for f in attrs.fields(cls) if f.init}
    types_ = field_types(cls)
    values: dict[str, Any] = {}
    for key, value in params.items():
        key_path = (*path, key)
        dotted = f"{name}.{key}"
        if key not in fields:
            raise ConfigError(
                f"unknown parameter '{key}'",
                where=positions.key_of(key_path),
                key=dotted,
                hint=did_you_mean(str(key), fields) + f" ('corpuskit stages {name}' documents them)",
            )
        try:
            values[key] = coerce(value, types_.get(key, Any))
        except CoerceError as exc:
            raise ConfigError(
                f"expected {exc.expected}, found {describe_value(exc.found_in(value))}",
                where=positions.of((*key_path, *exc.path)),
                key=dotted + exc.dotted(),
                hint=fields[key].metadata.get("doc"),
            ) from None
    missing = [f for f in fields if f not in values and fields[f].default is attrs.NOTHING]
    if missing:
        raise ConfigError(
            f"missing required parameter '{missing[0]}'",
            where=positions.of(path),
            key=f"{name}.{missing[0]}",
            hint=fields[missing[0]].metadata.get("doc"),
        )
    try:
        return cls(**values)
    except ParamError as exc:
        value = _element(params.get(exc.param), exc.within)
        where, caret = point_at(positions, (*path, exc.param, *exc.within), value, exc.at)
        raise ConfigError(exc.detail + caret, where=where, key=f"{name}.{exc.key}",
                          hint=exc.hint or _doc(fields, exc.param)) from None
    except (TypeError, ValueError) as exc:
        bad = _offending_key(str(exc), list(values))
        raise ConfigError(
            f"invalid value: {exc}",
            where=positions.of((*path, bad) if bad else path),
            key=f"{name}.{bad}" if bad else name,
            hint=fields[bad].metadata.get("doc") if bad else None,
        ) from None


def _element(value: Any, within: tuple[str | int, ...]) -> Any:
    """The element of a parameter's value (as written) that ``within`` leads to; None if there is none."""
    for step in within:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _doc(fields: dict[str, Any], key: str) -> str | None:
    field = fields.get(key)
    return field.metadata.get("doc") if field is not None else None


def _offending_key(message: str, keys: list[str]) -> str | None:
    """The parameter a stage's error message is about: one it quotes (as attrs
    validators do: ``'n' must be >= 1: 0``), else the first it names as a word."""
    for pattern in ("'{}'", r"\b{}\b"):
        for key in keys:
            if re.search(pattern.format(re.escape(key)), message):
                return key
    return None


def _check_order(stages: tuple[StageSpec, ...]) -> None:
    """Loaders first, exporters last; a pipeline needs no loader (``process``)."""
    seen_other = False
    for spec in stages:
        if spec.kind == "load":
            if seen_other:
                raise ConfigError(
                    f"loader '{spec.name}' comes after other stages",
                    where=spec.where,
                    hint="put every load stage at the start of 'stages'",
                )
        else:
            seen_other = True
    exporters_started = False
    for spec in stages:
        if spec.kind == "export":
            exporters_started = True
        elif exporters_started:
            raise ConfigError(
                f"stage '{spec.name}' comes after an export stage",
                where=spec.where,
                hint="put every export stage at the end of 'stages'",
            )


def read_config_text(path: str | os.PathLike[str]) -> str:
    """The text of a pipeline file, or a ConfigError naming it."""
    try:
        check_size(os.path.getsize(path), str(path))
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("pipeline file not found", where=str(path), hint="check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read pipeline file: {exc}", where=str(path)) from None


def parse_pipeline(
    text: str,
    filename: str,
    plugins: Plugins,
    overrides: list[tuple[str, Any]] | None = None,
    default_name: str = "pipeline",
) -> PipelineConfig:
    """Text of a pipeline file (plus overrides) -> validated :class:`PipelineConfig`."""
    data, positions = load_yaml(text, filename)
    if overrides:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError("cannot apply --set to a file that is not a mapping", where=filename)
        for key, value in overrides:
            apply_override(data, key, value, positions)
    return build_config(data, positions, plugins, default_name=default_name)
