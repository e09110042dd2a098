"""YAML to plain Python values, remembering where each value was written.

``load_yaml(text, filename)`` returns the values and a :class:`Positions` map from
key paths (``("stages", 2, "minhash", "threshold")``) to ``file:line:col``.
``${VAR}`` and ``${VAR:-default}`` in scalars expand from the environment; an
unquoted scalar is re-read after expansion, so ``workers: ${W:-2}`` is an integer.

Plain, safe YAML only, within limits that keep a hostile file from exhausting
memory or the stack (each an error at file:line:col): at most :data:`MAX_BYTES`
of text, :data:`MAX_DEPTH` levels of nesting and :data:`MAX_VALUES` values once
aliases are expanded (a "billion laughs" file stops there); no alias inside the
value it names; only the standard tags (``!!str``, ``!!int``...). Merge keys
(``<<: *base``) work: keys written in the mapping win over merged ones.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import yaml

from corpuskit._errors import ConfigError

__all__ = ["MAX_BYTES", "Path_", "Positions", "check_size", "expand_env", "load_yaml"]

Path_ = tuple[Any, ...]
MAX_BYTES = 1 << 20
MAX_DEPTH = 100
MAX_VALUES = 100_000
_MERGE = "tag:yaml.org,2002:merge"
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class Positions:
    """Where each value of a parsed YAML file was written."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._marks: dict[Path_, str] = {}
        self._keys: dict[Path_, str] = {}
        self._scalars: dict[Path_, yaml.ScalarNode] = {}

    def set(self, path: Path_, where: str) -> None:
        self._marks[path] = where

    def mark(self, path: Path_, node: yaml.Node) -> None:
        m = node.start_mark
        self._marks[path] = f"{self.filename}:{m.line + 1}:{m.column + 1}"

    def mark_key(self, path: Path_, node: yaml.Node) -> None:
        m = node.start_mark
        self._keys[path] = f"{self.filename}:{m.line + 1}:{m.column + 1}"

    def mark_scalar(self, path: Path_, node: yaml.ScalarNode) -> None:
        """Remember a scalar's node, so :meth:`inside` can point at a character of its value."""
        self._scalars[path] = node

    def inside(self, path: Path_, offset: int, value: str) -> str:
        """Where character ``offset`` of the string ``value`` at ``path`` was written.

        Exact for plain, quoted and literal-block (``|``) scalars written as ``value``
        reads; otherwise (a folded block, ``${VAR}``, an override) the value's position.
        """
        node = self._scalars.get(tuple(path))
        spot = _locate(node, offset, value) if node is not None else None
        if spot is None:
            return self.of(path)
        return f"{self.filename}:{spot[0] + 1}:{spot[1] + 1}"

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
    check_size(len(text), filename)
    try:
        _check_depth(text, filename)
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
    return _Builder(positions).build(node, ()), positions


def check_size(size: int, filename: str) -> None:
    """A ConfigError if a pipeline file of ``size`` bytes (or characters) passes :data:`MAX_BYTES`."""
    if size > MAX_BYTES:
        raise ConfigError(
            f"the pipeline file holds {size} bytes, more than the limit of {MAX_BYTES}",
            where=filename,
            hint="a pipeline file names its inputs by glob patterns or directories rather than listing them",
        )


def _check_depth(text: str, filename: str) -> None:
    """A ConfigError where nesting passes :data:`MAX_DEPTH` (before the recursive composer runs)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                m = event.start_mark
                raise ConfigError(
                    f"values nested more than {MAX_DEPTH} levels deep",
                    where=f"{filename}:{m.line + 1}:{m.column + 1}" if m is not None else filename,
                    hint="a pipeline file needs a few levels; check for unclosed brackets",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Builder:
    """Composed YAML nodes -> values, aliases expanded within :data:`MAX_VALUES`."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.values = 0
        self.open: set[int] = set()  # nodes being built: an alias to one of them is a cycle

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise ConfigError(
                f"more than {MAX_VALUES} values once aliases are expanded",
                where=_where(self.positions, node),
                hint="aliases (*name) that repeat anchors that themselves repeat aliases grow exponentially",
            )
        if id(node) in self.open:
            raise ConfigError(
                "an alias refers to the value that contains it (a value cannot contain itself)",
                where=_where(self.positions, node),
                hint="remove the alias (*name) from inside the anchored value (&name)",
            )
        self.open.add(id(node))
        try:
            return _build(node, path, self.positions, self)
        finally:
            self.open.discard(id(node))


def _build(node: yaml.Node, path: Path_, positions: Positions, builder: _Builder) -> Any:
    positions.mark(path, node)
    _check_tag(node, positions)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in _merged(node.value, positions):
            key = _scalar(key_node, path, positions, builder)
            if isinstance(key, list | dict):
                raise ConfigError("a mapping key must be a plain value", where=_where(positions, key_node))
            if key in out:
                raise ConfigError(
                    f"key '{key}' appears twice in the same mapping",
                    where=_where(positions, key_node),
                    hint="remove one of them",
                )
            positions.mark_key((*path, key), key_node)
            out[key] = builder.build(value_node, (*path, key))
        return out
    if isinstance(node, yaml.SequenceNode):
        return [builder.build(item, (*path, i)) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        positions.mark_scalar(path, node)
    return _scalar(node, path, positions, builder)


_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "/": "/", "0": "\0", " ": " "}


def _locate(node: yaml.ScalarNode, offset: int, value: str) -> tuple[int, int] | None:
    """(line, column), 0-based, of character ``offset`` of ``value`` in the scalar's source."""
    buffer = node.start_mark.buffer
    if not isinstance(buffer, str) or node.value != value or not 0 <= offset <= len(value):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    line, col = node.start_mark.line, node.start_mark.column
    if node.style == "|":
        return _locate_literal(buffer, start, line, offset, value)
    if node.style not in (None, "'", '"'):
        return None
    quote = 0 if node.style is None else 1
    raw = buffer[start + quote : end - quote]
    if "\n" in raw:
        return None
    columns = _columns(raw, value, node.style)
    if columns is None:
        return None
    return line, col + quote + columns[offset]


def _columns(raw: str, value: str, style: str | None) -> list[int] | None:
    """For each character of ``value`` (and its end), its offset in the quoted source ``raw``."""
    out: list[int] = []
    i = 0
    for ch in value:
        out.append(i)
        doubled = style == "'" and raw.startswith("''", i) and ch == "'"
        escaped = style == '"' and raw.startswith("\\", i) and _ESCAPES.get(raw[i + 1 : i + 2]) == ch
        if doubled or escaped:
            i += 2
        elif raw[i : i + 1] == ch:
            i += 1
        else:
            return None
    out.append(i)
    return out if i == len(raw) else None


def _locate_literal(buffer: str, start: int, line: int, offset: int, value: str) -> tuple[int, int] | None:
    """A literal block (``|``): each line of the value is a source line after the header, indented."""
    source_lines = buffer[start:].split("\n")[1:]
    value_lines = value.split("\n")
    k = value[:offset].count("\n")
    within = offset - (value.rfind("\n", 0, offset) + 1)
    if k >= len(source_lines):
        return None
    first = next((s for s in source_lines if s.strip()), "")
    indent = len(first) - len(first.lstrip(" "))
    if source_lines[k][indent:].rstrip("\r") != value_lines[k]:
        return None
    return line + 1 + k, indent + within


def _merged(pairs: list[tuple[yaml.Node, yaml.Node]], positions: Positions) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's pairs with ``<<`` merge keys resolved: written keys win, then merged ones in order."""
    if not any(key.tag == _MERGE for key, _ in pairs):
        return pairs
    written = [(k, v) for k, v in pairs if k.tag != _MERGE]
    seen = {k.value for k, _ in written if isinstance(k, yaml.ScalarNode)}
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in pairs:
        if key.tag != _MERGE:
            continue
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise ConfigError("a merge key (<<) takes a mapping or a list of mappings",
                                  where=_where(positions, source))
            for k, v in _merged(source.value, positions):
                if isinstance(k, yaml.ScalarNode) and k.value not in seen:
                    seen.add(k.value)
                    merged.append((k, v))
    return written + merged


def _check_tag(node: yaml.Node, positions: Positions) -> None:
    if node.tag not in yaml.SafeLoader.yaml_constructors or node.tag == _MERGE:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ConfigError(
            f"unsupported YAML tag '{shown}'",
            where=_where(positions, node),
            hint="a pipeline file is plain YAML: remove the tag (quote the value if it must stay a string)",
        )


def _where(positions: Positions, node: yaml.Node) -> str:
    m = node.start_mark
    return f"{positions.filename}:{m.line + 1}:{m.column + 1}"


def _scalar(node: yaml.Node, path: Path_, positions: Positions, builder: _Builder) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return builder.build(node, path)
    _check_tag(node, positions)
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
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ConfigError(f"cannot read {raw!r} as {shown}: {exc}", where=_where(positions, node)) from None
    finally:
        loader.dispose()
    return value
