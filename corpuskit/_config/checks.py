"""Checks that look at a stage in its pipeline, run when the pipeline is validated.

Each stage with a ``check_upstream(upstream)`` method sees the stages before it and the
``meta`` keys they declared (``corpuskit/_stages/checks.py``). Its first error becomes a
:class:`ConfigError`, its warnings :class:`ConfigWarning` objects; both at the stage's
``file:line:col``, or at a parameter, or at one character of a parameter's value shown
with a caret (:func:`pointer`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corpuskit._config.yamlpos import Path_, Positions
from corpuskit._errors import ConfigError, ConfigWarning, CorpuskitError, PluginError
from corpuskit._stages.checks import Finding, Upstream, UpstreamStage
from corpuskit._stages.kinds import writes_of

if TYPE_CHECKING:
    from corpuskit._config.stagespec import StageSpec

__all__ = ["check_pipeline", "param_path", "point_at", "pointer"]

POINTER_WIDTH = 72
"""Characters of a long value shown around the caret."""


def check_pipeline(stages: tuple[StageSpec, ...], positions: Positions) -> tuple[ConfigWarning, ...]:
    """Run every stage's ``check_upstream``; raise the first error, return the warnings."""
    is_open = not any(spec.kind == "load" for spec in stages)
    warnings: list[ConfigWarning] = []
    for i, spec in enumerate(stages):
        check = getattr(spec.stage, "check_upstream", None)
        if not callable(check):
            continue
        upstream = Upstream(
            tuple(UpstreamStage(s.index, s.name, s.kind, writes_of(s.stage)) for s in stages[:i]), open=is_open
        )
        for finding in _findings(spec, check, upstream):
            where, message = _place(spec, finding, positions)
            key = f"{spec.name}.{finding.param}" if finding.param else spec.name
            if finding.severity == "error":
                raise ConfigError(message, where=where, key=key, hint=finding.hint)
            warnings.append(ConfigWarning(message, where=where, key=key, hint=finding.hint))
    return tuple(warnings)


def _findings(spec: StageSpec, check: Any, upstream: Upstream) -> list[Finding]:
    """What the stage's check found; a check that raises or returns something else is the plugin's bug."""
    try:
        found = list(check(upstream) or ())
    except CorpuskitError:
        raise
    except Exception as exc:
        raise PluginError(
            f"stage '{spec.label}' (plugin '{spec.plugin}'): check_upstream() failed: {type(exc).__name__}: {exc}",
            hint="check_upstream(upstream) must yield corpuskit.Finding objects and not raise",
        ) from exc
    for item in found:
        if not isinstance(item, Finding):
            raise PluginError(
                f"stage '{spec.label}' (plugin '{spec.plugin}'): check_upstream() must yield Finding objects, "
                f"found {type(item).__name__} {item!r:.60}",
                hint="yield Finding.error(...) or Finding.warning(...)",
            )
    return found


def _place(spec: StageSpec, finding: Finding, positions: Positions) -> tuple[str, str]:
    """Where a finding points, and its message (with the caret line when it points into a value)."""
    if finding.param is None or finding.param not in spec.param_where:
        return positions.key_of(("stages", spec.index, spec.name)), finding.message
    value = getattr(spec.stage, finding.param, None)
    if finding.at is None or not isinstance(value, str):
        return spec.param_where[finding.param], finding.message
    where = positions.inside(param_path(spec.index, spec.name, finding.param), finding.at, value)
    return where, finding.message + pointer(value, finding.at)


def param_path(index: int, name: str, param: str) -> Path_:
    """The key path of a stage parameter in the pipeline file: ``("stages", 3, "keep_if", "expr")``."""
    return ("stages", index, name, param)


def point_at(positions: Positions, path: Path_, value: Any, at: int | None) -> tuple[str, str]:
    """(``file:line:col`` of character ``at`` of the value at ``path``, the caret lines to show)."""
    if at is None or not isinstance(value, str):
        return positions.of(path), ""
    return positions.inside(path, at, value), pointer(value, at)


def pointer(value: str, at: int) -> str:
    """Two indented lines: the line of ``value`` holding character ``at``, and a caret under it."""
    at = max(0, min(at, len(value)))
    start = value.rfind("\n", 0, at) + 1
    end = value.find("\n", at)
    line = value[start : len(value) if end < 0 else end].replace("\t", " ")
    col = at - start
    if len(line) > POINTER_WIDTH:
        left = max(0, min(col - POINTER_WIDTH // 2, len(line) - POINTER_WIDTH))
        shown = line[left : left + POINTER_WIDTH]
        prefix = "..." if left else ""
        suffix = "..." if left + POINTER_WIDTH < len(line) else ""
        line, col = prefix + shown + suffix, col - left + len(prefix)
    return f"\n    {line}\n    {' ' * col}^"
