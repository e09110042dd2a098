"""Reference documentation of a stage, from its docstring and attrs fields."""

from __future__ import annotations

import inspect

import attrs

from corpuskit.params import describe_type, field_types
from corpuskit.registry import RegisteredStage

__all__ = ["describe_stage", "stage_line"]


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.splitlines()[0] if doc else ""


def stage_line(registered: RegisteredStage) -> str:
    """``name  kind  plugin  first line of the docstring``."""
    return f"{registered.name:<20} {registered.kind:<12} {registered.plugin:<28} {_summary(registered.cls)}"


def _default(field: attrs.Attribute) -> str:  # type: ignore[type-arg]
    if field.default is attrs.NOTHING:
        return "required"
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return repr(field.default.factory())
    return repr(field.default)


def describe_stage(registered: RegisteredStage) -> str:
    """The full reference of a stage: kind, plugin, docstring, parameters."""
    cls = registered.cls
    lines = [f"{registered.name} ({registered.kind}) from plugin {registered.plugin}", ""]
    lines.extend(f"  {line}" if line else "" for line in (inspect.getdoc(cls) or "").splitlines())
    types = field_types(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    lines.append("")
    if not fields:
        lines.append("parameters: none")
    else:
        lines.append("parameters:")
        for f in fields:
            lines.append(f"  {f.name}: {describe_type(types.get(f.name))} (default: {_default(f)})")
            doc = f.metadata.get("doc")
            if doc:
                lines.append(f"      {doc}")
    return "\n".join(lines)
