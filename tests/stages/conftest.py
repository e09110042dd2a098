"""Fixtures shared by the stage tests."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def mem():
    """A fresh memory:// prefix: (filesystem, 'memory://<prefix>'); removed afterwards."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    prefix = f"t{uuid.uuid4().hex[:10]}"
    yield fs, f"memory://{prefix}"
    if fs.exists(f"/{prefix}"):
        fs.rm(f"/{prefix}", recursive=True)
