"""Registers the builtin executors through the public hook, like any plugin."""

from __future__ import annotations

from typing import Any

from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._run.executors.local import LocalExecutor
from corpuskit._run.executors.ray import RayExecutor
from corpuskit._run.executors.serial import SerialExecutor


@hookimpl
def corpuskit_register_executors(registry: Any) -> None:
    registry.add("serial", SerialExecutor)
    registry.add("local", LocalExecutor)
    registry.add("ray", RayExecutor)  # imports ray only when built; a clear error if missing
