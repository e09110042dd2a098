"""Merge entity names across a corpus: the reduce side of ``news.entities``.

Every document sends, per entity, one small :class:`NameForm` under a blocking key: the
transliteration key of a person's surname, or the key of an organisation's or place's
name (a bare word of unknown type uses its transliteration key, so it meets both). All
forms with one key meet in one bucket, where :func:`resolve` decides:

* people: full names whose given names have the same consonant skeleton are one person
  when spelled alike (case and accents aside) or when their documents share context (an
  organisation or person both mention: "German Gref" and "Herman Gref" next to
  "Sberbank"); a bare surname joins the person with that surname found in most documents,
  when one clearly dominates;
* organisations and places: case and spelling variants ("BRICS", "Brics") are one;
* a word of unknown type takes the type and name of the person or organisation it names
  elsewhere in the corpus.

The canonical spelling is the one used by the most documents, then the most mentions,
then the earliest document (short acronyms prefer their all-caps spelling), so the
result does not depend on how the corpus was sharded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from corpuskit_news.entities.extract import pick_name
from corpuskit_news.entities.mention import PERSON, UNKNOWN
from corpuskit_news.text.folding import fold_to_latin

__all__ = ["NameForm", "Rename", "resolve"]

DOMINANCE = 2.0
"""A bare surname joins the top person only if it has this many times the documents of the next."""


class NameForm(NamedTuple):
    """What one document says about one entity (the value sent under its key)."""

    ref: Any
    type: str
    name: str
    given: str
    count: int  # type: ignore[assignment]  # a field named like tuple.count, read as an attribute
    context: tuple[str, ...]


class Rename(NamedTuple):
    """A decision for one document: entity ``(type, name)`` becomes ``(new_type, new_name)``."""

    type: str
    name: str
    new_type: str
    new_name: str


class _Cluster:
    def __init__(self, forms: list[NameForm]) -> None:
        self.forms = forms

    @property
    def docs(self) -> int:
        return len({f.ref for f in self.forms})

    def canonical(self, etype: str) -> str:
        pool = [f for f in self.forms if f.type != UNKNOWN] or self.forms
        if etype == PERSON:
            pool = [f for f in pool if f.given] or pool
        docs: dict[str, set] = defaultdict(set)
        mentions: Counter[str] = Counter()
        first: dict[str, Any] = {}
        for f in pool:
            docs[f.name].add(f.ref)
            mentions[f.name] += f.count
            first[f.name] = min(first.get(f.name, f.ref), f.ref)
        names = Counter({n: len(r) for n, r in docs.items()})
        if len({n.casefold() for n in names}) == 1 and any(n.isupper() for n in names):
            return pick_name(names)
        return min(names, key=lambda n: (-names[n], -mentions[n], first[n], n))


def _people(forms: list[NameForm]) -> list[_Cluster]:
    """Full-name clusters: same given-name skeleton, and same spelling or shared context."""
    clusters: list[_Cluster] = []
    by_given: dict[str, list[NameForm]] = defaultdict(list)
    for f in forms:
        by_given[f.given].append(f)
    for group in by_given.values():
        spellings: dict[str, list[NameForm]] = defaultdict(list)
        for f in group:
            spellings[fold_to_latin(f.name)].append(f)
        merged: list[tuple[set[str], list[NameForm]]] = []
        for members in sorted(spellings.values(), key=lambda m: (-len({f.ref for f in m}), m[0].ref)):
            context = {c for f in members for c in f.context}
            home = next((m for m in merged if m[0] & context), None)
            if home is None:
                merged.append((context, list(members)))
            else:
                home[0].update(context)
                home[1].extend(members)
        clusters.extend(_Cluster(m[1]) for m in merged)
    return clusters


def _dominant(clusters: list[_Cluster]) -> _Cluster | None:
    if not clusters:
        return None
    ranked = sorted(clusters, key=lambda c: -c.docs)
    if len(ranked) == 1 or ranked[0].docs >= DOMINANCE * ranked[1].docs:
        return ranked[0]
    return None


def resolve(forms: list[NameForm]) -> Iterator[tuple[Any, Rename]]:
    """The renames for every document whose entity under one key changes name or type."""
    full = [f for f in forms if f.type == PERSON and f.given]
    bare = [f for f in forms if f.type == PERSON and not f.given]
    unknown = [f for f in forms if f.type == UNKNOWN]
    others = [f for f in forms if f.type not in (PERSON, UNKNOWN)]
    people = _people(full)
    target = _dominant(people)
    if target is not None:
        target.forms.extend(bare)
        bare = []
    elif bare:
        people.append(_Cluster(bare))
        target = people[-1] if not full else None
    decided: list[tuple[_Cluster, str]] = [(c, PERSON) for c in people]
    if others:
        votes = Counter(f.type for f in others)
        org_cluster = _Cluster(others)
        decided.append((org_cluster, votes.most_common(1)[0][0]))
        if target is None or org_cluster.docs > target.docs:
            target, target_type = org_cluster, votes.most_common(1)[0][0]
        else:
            target_type = PERSON
    else:
        target_type = PERSON
    if target is not None and unknown:
        # a bare word joins only a name spelled exactly like it ("Putin", "Sberbank"), never a mere
        # transliteration neighbour ("Le" is not "Lee")
        spelled = {fold_to_latin(f.name) for f in target.forms if f.type != UNKNOWN}
        spelled |= {name.split()[-1] for name in spelled}
        unknown = [f for f in unknown if len(f.name) >= 3 and fold_to_latin(f.name) in spelled]
        target.forms.extend(unknown)
        if target_type == PERSON and not any(c is target for c, _ in decided):
            decided.append((target, PERSON))
    for cluster, etype in decided:
        name = cluster.canonical(etype)
        for f in cluster.forms:
            if (f.type, f.name) != (etype, name):
                yield f.ref, Rename(f.type, f.name, etype, name)


def group_by_key(items: Iterable[tuple[Any, NameForm]]) -> dict[Any, list[NameForm]]:
    """The bucket's forms grouped by key, in input order."""
    groups: dict[Any, list[NameForm]] = defaultdict(list)
    for key, form in items:
        groups[key].append(NameForm(*form))
    return groups
