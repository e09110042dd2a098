"""``--set KEY=VALUE`` overrides: parsed, then applied to the pipeline file's data by dotted path."""

from __future__ import annotations

from typing import Any

import yaml

from corpuskit._config.params import describe_value
from corpuskit._config.yamlpos import Positions
from corpuskit._errors import ConfigError

__all__ = ["apply_override", "parse_override"]


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` -> (key, value); the value is read as YAML (``0.9``, ``[a, b]``)."""
    if "=" not in text:
        raise ConfigError(
            f"--set expects KEY=VALUE, found {text!r}",
            hint="for example --set workers=1 or --set stages.2.minhash.threshold=0.9",
        )
    key, raw = text.split("=", 1)
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key.strip(), value


def apply_override(data: dict[str, Any], key: str, value: Any, positions: Positions) -> None:
    """Set the dotted ``key`` in ``data``; list items by index, a stage by its name."""
    where = f"--set {key}"
    parts = key.split(".")
    if not parts or not parts[0]:
        raise ConfigError("empty key", where=where)
    target: Any = data
    path: list[Any] = []
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        if isinstance(target, list):
            target, path, i = _step_list(target, parts, i, path, where)
            continue
        if isinstance(target, dict):
            if part not in target or target[part] is None:
                target[part] = {}
            path.append(part)
            target = target[part]
            i += 1
            continue
        raise ConfigError(f"cannot set a key inside {describe_value(target)}", where=where)
    last = parts[-1]
    if isinstance(target, list):
        index = _list_index(target, last, where)
        target[index] = value
    elif isinstance(target, dict):
        target[last] = value
    else:
        raise ConfigError(f"cannot set a key inside {describe_value(target)}", where=where)
    positions.set((*path, last), where)


def _list_index(items: list[Any], part: str, where: str) -> int:
    try:
        index = int(part)
    except ValueError:
        raise ConfigError(f"'{part}' is not a list index", where=where) from None
    if not -len(items) <= index < len(items):
        raise ConfigError(f"index {index} is out of range (the list has {len(items)} items)", where=where)
    return index


def _step_list(items: list[Any], parts: list[str], i: int, path: list[Any], where: str) -> tuple[Any, list[Any], int]:
    """Step into a list item; a stage item's name may itself contain dots."""
    index = _list_index(items, parts[i], where)
    path.append(index)
    item = items[index]
    rest = ".".join(parts[i + 1:])
    name = item if isinstance(item, str) else next(iter(item)) if isinstance(item, dict) and len(item) == 1 else None
    if isinstance(name, str) and rest.startswith(name + "."):
        if isinstance(item, str):
            item = {name: {}}
            items[index] = item
        if item[name] is None:
            item[name] = {}
        path.append(name)
        return item[name], path, i + 1 + len(name.split("."))
    return item, path, i + 1


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------
