"""The article-extraction metric of the common benchmarks: word 4-shingles, P/R per page.

Each text becomes the bag (multiset) of its word 4-shingles; a page's precision is the
share of the extracted shingles found in the gold, its recall the share of the gold's
shingles found in the extraction (multiset intersection). Precision and recall are
averaged over the pages, and the F1 is taken of those two averages. Words are runs of
letters/digits; in scripts written without spaces (Chinese, Japanese, Thai, Burmese,
Khmer, Lao) each character is a word, so those pages are scored at the same grain.
A text shorter than four words is one shingle of its words. Both empty: P = R = 1;
empty extraction against a gold article: P = 1, R = 0 (nothing wrong was kept).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["Scores", "average", "page_scores", "shingles", "words"]

_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
N = 4


def words(text: str) -> list[str]:
    """The text's words, case-folded."""
    return _WORD.findall(text.casefold())


def shingles(text: str, n: int = N) -> Counter[tuple[str, ...]]:
    """The multiset of word n-shingles."""
    ws = words(text)
    if not ws:
        return Counter()
    if len(ws) < n:
        return Counter([tuple(ws)])
    return Counter(tuple(ws[i : i + n]) for i in range(len(ws) - n + 1))


Scores = tuple[float, float]


def page_scores(extracted: str, gold: str) -> Scores:
    """(precision, recall) of one page."""
    got, want = shingles(extracted), shingles(gold)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 1.0
    recall = common / sum(want.values()) if want else 1.0
    return precision, recall


def average(pages: Iterable[Scores]) -> tuple[float, float, float]:
    """(mean precision, mean recall, F1 of the two means)."""
    rows = list(pages)
    if not rows:
        return 0.0, 0.0, 0.0
    p = sum(r[0] for r in rows) / len(rows)
    r = sum(r[1] for r in rows) / len(rows)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
