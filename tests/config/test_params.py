"""Parameter types: nested containers, Literal, enums and paths, with errors that name the element."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Literal

import attrs
import pytest

from corpuskit import ConfigError, Mapper, Pipeline, hookimpl, param, stage


class Speed(enum.Enum):
    FAST = "fast"
    SLOW = "slow"


@stage("test.typed", kind="clean")
@attrs.frozen
class Typed(Mapper):
    """Every kind of parameter type."""

    limits: dict[str, float] = attrs.field(factory=dict, metadata={"doc": "per-language limits"})
    sizes: list[int] = attrs.field(factory=list, metadata={"doc": "sizes"})
    mode: Literal["a", "b"] = param("a", doc="mode")
    speed: Speed = param(Speed.FAST, doc="speed")  # noqa: RUF009 - an immutable enum member
    model: Path = param(Path("m.bin"), doc="model file")  # noqa: RUF009 - a Path is immutable

    def map(self, doc, ctx):
        return doc


@hookimpl
def corpuskit_register_stages(registry):
    registry.add(Typed)


def _error(make_plugins, text: str) -> str:
    import sys

    plugins = make_plugins(sys.modules[__name__])
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(text, plugins=plugins)
    return str(err.value)


def test_a_mapping_value_is_named_by_its_key(make_plugins):
    text = _error(make_plugins, "stages:\n  - test.typed:\n      limits: {a: x, b: 2}\n")
    assert text.startswith("<string>:3:19: test.typed.limits.a: expected a number, found 'x' (a string)")


def test_a_list_item_is_named_by_its_index(make_plugins):
    text = _error(make_plugins, "stages:\n  - test.typed: {sizes: [1, 2, three]}\n")
    assert text.startswith("<string>:2:32: test.typed.sizes.2: expected an integer, found 'three' (a string)")


def test_literal_and_enum(make_plugins):
    assert "test.typed.mode: expected one of 'a', 'b', found 'c'" in _error(
        make_plugins, "stages:\n  - test.typed: {mode: c}\n")
    assert "test.typed.speed: expected one of 'fast', 'slow', found 'medium'" in _error(
        make_plugins, "stages:\n  - test.typed: {speed: medium}\n")


def test_good_values_are_converted(make_plugins):
    import sys

    plugins = make_plugins(sys.modules[__name__])
    pipeline = Pipeline.from_string(
        "stages:\n  - test.typed: {limits: {a: 1}, sizes: [1, 2], mode: b, speed: slow, model: x.bin}\n",
        plugins=plugins)
    instance = pipeline.config.stages[0].stage
    assert instance == Typed(limits={"a": 1.0}, sizes=[1, 2], mode="b", speed=Speed.SLOW, model=Path("x.bin"))
