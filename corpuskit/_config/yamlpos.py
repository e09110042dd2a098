"""YAML to plain Python values, remembering where each value was written.

``load_yaml(text, filename)`` returns the values and a :class:`Positions` map from
key paths (``("stages", 2, "minhash", "threshold")``) to ``file:line:col``.
``${VAR}`` and ``${VAR:-default}`` in scalars expand from the environment; an
unquoted scalar is re-read after expansion, so ``workers: ${W:-2}`` is an integer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import yaml

from corpuskit._errors import ConfigError

__all__ = ["Path_", "Positions", "expand_env", "load_yaml"]

Path_ = tuple[Any, ...]
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class Positions:
    """Where each value of a parsed YAML file was written."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._marks: dict[Path_, str] = {}
        self._keys: dict[Path_, str] = {}

    def set(self, path: Path_, where: str) -> None:
        self._marks[path] = where

    def mark(self, path: Path_, node: yaml.Node) -> None:
        m = node.start_mark
        self._marks[path] = f"{self.filename}:{m.line + 1}:{m.column + 1}"

    def mark_key(self, path: Path_, node: yaml.Node) -> None:
        m = node.start_mark
        self._keys[path] = f"{self.filename}:{m.line + 1}:{m.column + 1}"

    def key_of(self, path: Path_) -> str:
        """Where the key of ``path`` was written (for 'unknown key' errors)."""
        return self._keys.get(tuple(path)) or self.of(path)

    def of(self, path: Path_) -> str:
        """The position of ``path``, or of its nearest written parent."""
        path = tuple(path)
        while path:
            if path in self._marks:
                return self._marks[path]
            path = path[:-1]
        return self._marks.get((), self.filename)


def expand_env(text: str, where: str, env: Mapping[str, str] | None = None) -> str:
    """Replace ``${VAR}`` and ``${VAR:-default}`` with values from ``env``."""
    env = os.environ if env is None else env

    def replace(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        value = env.get(name)
        if value is None or (value == "" and default is not None):
            if default is None:
                raise ConfigError(
                    f"environment variable {name} is not set",
                    where=where,
                    hint=f"set it, or give a default: ${{{name}:-value}}",
                )
            return default
        return value

    return _ENV.sub(replace, text)


def load_yaml(text: str, filename: str) -> tuple[Any, Positions]:
    """Parse ``text``; errors become :class:`ConfigError` at file:line:col."""
    positions = Positions(filename)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{filename}:{mark.line + 1}:{mark.column + 1}" if mark else filename
        raise ConfigError(
            f"invalid YAML: {exc.problem or exc.context}",
            where=where,
            hint="check indentation and that every 'key: value' has a space after ':'",
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", where=filename) from None
    if node is None:
        return None, positions
    return _build(node, (), positions), positions


def _build(node: yaml.Node, path: Path_, positions: Positions) -> Any:
    positions.mark(path, node)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, positions)
            if isinstance(key, list | dict):
                raise ConfigError("a mapping key must be a plain value", where=_where(positions, key_node))
            if key in out:
                raise ConfigError(
                    f"key '{key}' appears twice in the same mapping",
                    where=_where(positions, key_node),
                    hint="remove one of them",
                )
            positions.mark_key((*path, key), key_node)
            out[key] = _build(value_node, (*path, key), positions)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), positions) for i, item in enumerate(node.value)]
    return _scalar(node, path, positions)


def _where(positions: Positions, node: yaml.Node) -> str:
    m = node.start_mark
    return f"{positions.filename}:{m.line + 1}:{m.column + 1}"


def _scalar(node: yaml.Node, path: Path_, positions: Positions) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return _build(node, path, positions)
    raw: str = node.value
    if "${" in raw:
        whole = _ENV.fullmatch(raw) is not None
        raw = expand_env(raw, _where(positions, node))
        if node.style is None or whole:  # read the value as YAML would: "${W}" -> 2
            try:
                return yaml.safe_load(raw) if raw.strip() else None
            except yaml.YAMLError:
                return raw
        return raw
    loader = yaml.SafeLoader("")
    try:
        value = loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
    return value
