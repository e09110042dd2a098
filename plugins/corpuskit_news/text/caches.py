"""One switch for the per-process caches of the news plugin.

Line-level work repeats across a corpus's pages (menus, bylines, headline candidates), so
several modules memoise it with :func:`functools.lru_cache`. Each registers its cache here
with :func:`register_cache`; :func:`clear_caches` empties them all, so a benchmark can start
every repetition cold as a fresh worker would. The registry sits at the bottom layer so
that no module has to import another only to reach its cache.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

__all__ = ["clear_caches", "register_cache"]


class Clearable(Protocol):
    """What :func:`register_cache` accepts: anything with ``cache_clear()`` (an ``lru_cache`` wrapper)."""

    def cache_clear(self) -> None: ...


C = TypeVar("C", bound=Clearable)

_REGISTERED: list[Clearable] = []


def register_cache(cache: C) -> C:
    """Add ``cache`` to those :func:`clear_caches` empties; returns it (use as a decorator over ``lru_cache``)."""
    _REGISTERED.append(cache)
    return cache


def clear_caches() -> None:
    """Empty every registered cache (of the modules imported so far)."""
    for cache in _REGISTERED:
        cache.cache_clear()
