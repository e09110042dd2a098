"""What a stage is: the ``@stage`` marker, parameters, and the kind base classes.

A stage is a frozen attrs class whose fields are its YAML parameters. ``@stage(name,
kind=...)`` gives it a registered name and a kind (``load``, ``clean``,
``deduplicate``, ``extract``, ``export``). The base classes own the loops; a stage
implements one narrow method:

* :class:`StreamStage` - ``process(docs, ctx)``: iterator in, iterator out.
* :class:`Filter` - ``keep(doc, ctx)``: True keeps, a string is the reject reason.
* :class:`Mapper` - ``map(doc, ctx)``: returns the new document.
* :class:`GlobalStage` - ``keys`` / ``reduce`` / ``combine`` / ``apply``: stages that
  need the whole corpus (deduplication, corpus-wide line counts).
* :class:`Loader` - ``plan(ctx)`` and ``read(shard, ctx)``.
* :class:`Exporter` - ``open_part(path, ctx)`` and ``commit(parts, ctx)``.

Streaming stages may duck-type: any class with ``process(docs, ctx)`` works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar

import attrs

from corpuskit._document import Document
from corpuskit._errors import PluginError, did_you_mean
from corpuskit._stages.verdict import Verdict

if TYPE_CHECKING:
    from corpuskit._stages.context import StageContext

__all__ = [
    "KINDS",
    "Exporter",
    "Filter",
    "GlobalStage",
    "Loader",
    "Mapper",
    "PartWriter",
    "Ref",
    "Resources",
    "Shard",
    "StageInfo",
    "StreamStage",
    "Violation",
    "audit_key_of",
    "is_global",
    "param",
    "resources_of",
    "stage",
    "stage_info",
    "writes_of",
]

KINDS = ("load", "clean", "deduplicate", "extract", "export")
"""The stage kinds, in the order they usually appear in a pipeline."""

T = TypeVar("T", bound=type)


@attrs.frozen
class Resources:
    """What one worker running a stage needs: CPUs, GPUs, memory in bytes.

    Declared with ``@stage(..., resources=Resources(gpus=1, memory=8 * 2**30))``. The
    ``ray`` executor reserves them for every work unit that runs the stage (a unit runs
    a whole segment: the largest need of its stages); ``serial`` and ``local`` run units
    in this machine's processes and do not reserve anything (docs/plugins.md).
    """

    cpus: float = attrs.field(default=1.0, converter=float, validator=attrs.validators.ge(0))
    gpus: float = attrs.field(default=0.0, converter=float, validator=attrs.validators.ge(0))
    memory: int = attrs.field(default=0, converter=int, validator=attrs.validators.ge(0))

    @staticmethod
    def largest(needs: Iterable[Resources]) -> Resources:
        """What a worker running all of ``needs`` one after another must have."""
        found = list(needs) or [Resources()]
        return Resources(max(r.cpus for r in found), max(r.gpus for r in found), max(r.memory for r in found))


@attrs.frozen
class StageInfo:
    """What ``@stage`` records on a class: its registered name, kind and resources."""

    name: str
    kind: str
    cls: type
    resources: Resources = attrs.field(factory=Resources)
    writes: tuple[str, ...] | None = None
    audit_key: str | None = None


def stage(
    name: str, *, kind: str, resources: Resources | None = None, writes: Iterable[str] | None = None,
    audit_key: str | None = None,
) -> Callable[[T], T]:
    """Mark a frozen attrs class as a stage called ``name`` of ``kind``.

    ``resources`` says what a worker running it needs (:class:`Resources`).
    ``writes`` names the top-level ``meta`` keys the stage may write (``["language",
    "language_score"]``; ``"*"`` or a pattern like ``"gopher_*"`` for keys it cannot
    list, ``[]`` for none). Stages checked when the pipeline is validated read it
    (``check_upstream``, docs/plugins.md); a stage that declares nothing may write
    anything.
    ``audit_key`` names the meta key where the stage records the lines it removed,
    ``meta[audit_key]["removed"]``: a list of ``{"line", "reason", "lineno"}``; the run
    report shows them (docs/plugins.md, "Removed lines in the report").

    Example::

        @stage("shout", kind="clean")
        @attrs.frozen
        class Shout:
            min_words: int = 0
            def process(self, docs, ctx): ...
    """
    if kind not in KINDS:
        raise PluginError(f"stage {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}",
                          hint=did_you_mean(str(kind), KINDS))

    if resources is not None and not isinstance(resources, Resources):
        raise PluginError(f"stage {name!r}: resources must be corpuskit.Resources(...), not {resources!r}")
    declared = _meta_keys(name, writes)

    def mark(cls: T) -> T:
        info = StageInfo(name=name, kind=kind, cls=cls, resources=resources or Resources(), writes=declared,
                         audit_key=audit_key)
        cls.__corpuskit_stage__ = info  # type: ignore[attr-defined]
        return cls

    return mark


def _meta_keys(name: str, writes: Iterable[str] | None) -> tuple[str, ...] | None:
    if writes is None:
        return None
    keys = [writes] if isinstance(writes, str) else list(writes)
    if not all(isinstance(k, str) and k for k in keys):
        raise PluginError(f"stage {name!r}: writes must be a list of meta key names, not {writes!r}",
                          hint="e.g. @stage('lang', kind='clean', writes=['language', 'language_score'])")
    return tuple(keys)


def writes_of(stage: object) -> tuple[str, ...] | None:
    """The meta keys a stage (instance or class) declared it writes; None when it declared nothing."""
    info = stage_info(stage if isinstance(stage, type) else type(stage))
    return info.writes if info is not None else None


def resources_of(stage: object) -> Resources:
    """What a stage (instance or class) declared it needs; the default for an unmarked one."""
    info = stage_info(stage if isinstance(stage, type) else type(stage))
    return info.resources if info is not None else Resources()


def audit_key_of(stage: object) -> str | None:
    """The meta key where a stage (instance or class) records its removed lines, if it declared one."""
    info = stage_info(stage if isinstance(stage, type) else type(stage))
    return info.audit_key if info is not None else None


def stage_info(cls: type) -> StageInfo | None:
    """The :class:`StageInfo` of a class marked with ``@stage``, else None."""
    info = getattr(cls, "__corpuskit_stage__", None)
    if isinstance(info, StageInfo) and info.cls is cls:
        return info
    return None


def param(default: Any = attrs.NOTHING, *, doc: str, **kwargs: Any) -> Any:
    """An attrs field with reference documentation (shown by ``corpuskit stages``).

    ``doc`` says what the parameter does; other keyword arguments go to
    :func:`attrs.field` (``validator``, ``converter``, ``factory``...).
    """
    metadata = dict(kwargs.pop("metadata", {}) or {})
    metadata["doc"] = doc
    return attrs.field(default=default, metadata=metadata, **kwargs)


class Ref(NamedTuple):
    """Where a document sits in the run's input order: shard index, then position."""

    shard: int
    index: int  # type: ignore[assignment]  # shadows tuple.index(); the field name is public API

    def __reduce__(self) -> tuple[Any, ...]:
        # Keys, partials and decisions pickle many Refs: this form halves NamedTuple's
        # default cost to dump and unpickles with no Python-level call (same object back).
        return (tuple.__new__, (Ref, (self[0], self[1])))


@attrs.frozen
class Shard:
    """A piece of input a loader reads independently: a file or a byte range of one.

    ``line`` is the 1-based line number at ``start`` (for record-level error
    messages); ``weight`` is the planned size in bytes (for progress and balancing);
    ``items`` lists further sources read as part of this shard (many small files);
    ``name`` is a short name of ``source``, unique among the loader's shards (the
    default ids of records without one start with it).
    """

    source: str
    start: int = 0
    end: int | None = None
    line: int = 1
    weight: int = 0
    items: tuple[str, ...] = ()
    name: str = ""


class StreamStage:
    """A streaming stage: transforms an iterator of documents.

    Implement ``process(docs, ctx)``; yield the documents that go on and call
    ``ctx.reject(doc, reason)`` for those that do not. ``setup(ctx)`` is called once
    per worker before the first document.
    """

    def setup(self, ctx: StageContext) -> None:
        """Load what the stage needs once per worker (lexicons, models)."""

    def process(self, docs: Iterator[Document], ctx: StageContext) -> Iterator[Document]:
        raise NotImplementedError


class Filter(StreamStage):
    """A stage that keeps or rejects each document: implement ``keep``.

    A rule-based filter returns a :class:`~corpuskit.Verdict` (built with
    :class:`~corpuskit.Rules`) and has an ``action`` field
    (:func:`~corpuskit.action_param`): ``drop`` rejects a failing document with the
    rule as reason and its value as detail; ``annotate`` keeps every document and writes
    the measured values and the verdict under ``meta[<stage name>]``.
    """

    def keep(self, doc: Document, ctx: StageContext) -> bool | str | tuple[str, str] | Verdict:
        """True keeps the document; False, a reason string or ``(reason, detail)`` rejects it.

        ``reason`` is a short constant label (stats group by it); ``detail`` says what
        about this document made it fail (``"12 words < min_words=50"``). A
        :class:`~corpuskit.Verdict` carries measured values too (see the class docstring).
        """
        raise NotImplementedError

    def process(self, docs: Iterator[Document], ctx: StageContext) -> Iterator[Document]:
        annotate_as = _annotation_key(self)
        for doc in docs:
            verdict = self.keep(doc, ctx)
            if verdict is True:
                yield doc
            elif verdict is False:
                ctx.reject(doc, "filtered")
            elif isinstance(verdict, str):
                ctx.reject(doc, verdict)
            elif isinstance(verdict, Verdict):
                if annotate_as is not None:
                    if not verdict.keep:
                        ctx.count(f"annotated: {verdict.rule}")
                    yield verdict.annotated(doc, annotate_as)
                elif verdict.keep:
                    yield verdict.document if verdict.document is not None else doc
                else:
                    ctx.reject(doc, verdict.rule or "filtered", verdict.detail)
            elif isinstance(verdict, tuple) and len(verdict) == 2 and all(isinstance(v, str) for v in verdict):
                ctx.reject(doc, verdict[0], verdict[1])
            else:
                raise _bad_verdict(self, verdict)


def _annotation_key(stage: Filter) -> str | None:
    """The meta key a filter with ``action: annotate`` writes (its registered name); None when it drops."""
    if getattr(stage, "action", "drop") != "annotate":
        return None
    info = stage_info(type(stage))
    return info.name if info is not None else type(stage).__name__


class Violation(Exception):
    """A value a stage produced breaks its contract; the run machinery names the stage.

    ``phase`` is the stage method that produced ``value`` (``keep``), when it is not
    the one the run machinery called (``process``).
    """

    def __init__(self, message: str, value: Any, hint: str | None = None, phase: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.hint = hint
        self.phase = phase


def _bad_verdict(stage: Filter, verdict: object) -> Violation:
    hint = ("did you forget `return True`? keep() returns True to keep a document, "
            "or False, a reason string or (reason, detail) to reject it")
    return Violation("must return True, False, a reason or (reason, detail)", verdict, hint, phase="keep")


class Mapper(StreamStage):
    """A stage that rewrites each document: implement ``map``."""

    def map(self, doc: Document, ctx: StageContext) -> Document:
        """The new document (make it with ``doc.with_text`` / ``doc.with_meta``)."""
        raise NotImplementedError

    def process(self, docs: Iterator[Document], ctx: StageContext) -> Iterator[Document]:
        for doc in docs:
            yield self.map(doc, ctx)


class GlobalStage:
    """A stage that needs the whole corpus before it can decide.

    The runner drives it in three phases, none of which holds the documents:

    1. ``keys(doc, ref, ctx)`` - map, in parallel over shards: yield small
       ``(key, value)`` pairs per document (a text hash, band signatures, line
       hashes). ``ref`` is the document's :class:`Ref` in input order; put it in the
       value when the reduce must address the document. ``prepare(doc, ctx)``, if the
       stage needs it, runs just before ``keys``: the document it returns is the one
       ``keys`` sees and the runner keeps for ``apply`` - a place for per-document work
       that both phases need, done once (store it in ``meta`` and drop it in apply).
    2. ``reduce(bucket, items, ctx)`` - in parallel over buckets: ``items`` are all the
       ``(key, value)`` pairs whose key falls in ``bucket`` (keys are partitioned by a
       stable hash, so equal keys meet in one bucket), in input order. Yield partial
       results. ``combine(partials, ctx)`` then turns every bucket's partials into
       ``(ref, decision)`` pairs, one process; the default passes the partials on,
       so a reduce that already yields ``(ref, decision)`` pairs needs no combine.
    3. ``apply(doc, decisions, ctx)`` - in parallel over shards: ``decisions`` is the
       list of decisions addressed to this document (often empty). Return the
       document (changed or not), or call ``ctx.reject`` and return None.

    Keys, values and decisions must be picklable; keep them small. ``buckets`` (an
    attribute or field) overrides the pipeline's bucket count for this stage.
    ``apply_undecided = False`` says that ``apply`` returns a document without
    decisions unchanged: the runner then passes such documents on without calling it.
    """

    buckets: ClassVar[int | None] = None
    apply_undecided: ClassVar[bool] = True

    def setup(self, ctx: StageContext) -> None:
        """Load what the stage needs once per worker."""

    def prepare(self, doc: Document, ctx: StageContext) -> Document:
        """The document that ``keys`` sees and ``apply`` later receives (default: unchanged)."""
        return doc

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterable[tuple[Any, Any]]:
        raise NotImplementedError

    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        raise NotImplementedError

    def combine(self, partials: Iterator[Any], ctx: StageContext) -> Iterable[tuple[Ref, Any]]:
        """Turn the reduce's partial results into ``(ref, decision)`` pairs."""
        return partials

    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document | None:
        raise NotImplementedError


class Loader:
    """A stage that produces documents: plans shards, then reads each one."""

    def plan(self, ctx: StageContext) -> list[Shard]:
        """The shards to read, in input order. Raise InputError for missing inputs."""
        raise NotImplementedError

    def read(self, shard: Shard, ctx: StageContext) -> Iterator[Document]:
        """The documents of one shard; ``ctx.reject`` records it cannot decode."""
        raise NotImplementedError


class PartWriter(Protocol):
    """Writes one shard's documents to one part file."""

    def write(self, doc: Document) -> None: ...

    def close(self) -> None: ...


class Exporter:
    """A stage that writes documents: one part per shard, committed at the end."""

    def prepare_output(self, ctx: StageContext) -> None:
        """Check, before any work starts, that the outputs can be written; raise
        :class:`corpuskit.RunError` naming the path and a hint if not."""

    def outputs(self) -> dict[str, str]:
        """The files (or URLs) it writes, by the parameter that names each.

        The runner refuses, before any data is read, an output that is an input, that
        an input pattern would read back, that lies in the run directory, or that is a
        symlink, a FIFO or a device (docs/reliability.md).
        """
        return {}

    def open_part(self, path: Path, ctx: StageContext) -> PartWriter:
        """A writer for one part at ``path`` (a temporary name in the run directory)."""
        raise NotImplementedError

    def commit(self, parts: list[Path], ctx: StageContext) -> list[str]:
        """Combine the parts, in order, into the final outputs atomically; return them."""
        raise NotImplementedError


def is_global(obj: object) -> bool:
    """Whether a stage instance is driven through the global-stage protocol."""
    return isinstance(obj, GlobalStage) or all(
        callable(getattr(obj, name, None)) for name in ("keys", "reduce", "apply")
    )
