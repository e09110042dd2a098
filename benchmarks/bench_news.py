"""Speed of the news stages on generated 3-5 KB news pages.

    python benchmarks/bench_news.py --docs 2000              # in-process, one core, per stage
    python benchmarks/bench_news.py --docs 10000 --run       # plus `corpuskit run`, local, 2 workers

Pages are generated (seeded, so every run sees the same corpus) by mixing article
paragraphs - 1 to 4 sentences drawn from the gold article lines of tests/data/news/, so
every page has its own article - with
page furniture: mastheads, menus, bylines and date lines in several formats, captions,
teaser blocks (also mid-article), newsletter and syndication prose, comments, footers.
Some furniture lines are outlet-wide, so the corpus signal of news.boilerplate has
something to find.

The in-process figures time each stage's per-document work on one core (keys + apply for
news.boilerplate, map for news.metadata; entities/quotes when registered). ``--run``
writes the pages as JSONL under benchmarks/data/ and times ``corpuskit run`` on a
pipeline of every installed news stage with the local executor and ``--workers``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpuskit import Document, load_plugins
from corpuskit._stages.context import StageContext
from corpuskit._stages.kinds import Ref, is_global
from corpuskit._stages.stats import StageStats
from evaluation.news.cases import load_cases

HERE = Path(__file__).resolve().parent
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý\"“«])")
DATA = HERE / "data"
STAGES = ("news.boilerplate", "news.metadata", "news.entities", "news.quotes")

_OUTLETS = ["The Valley Ledger", "Harbor Daily", "Northern Courier", "Metro Tribune", "Coastal Gazette",
            "Prairie Post", "River City Times", "Highland Herald"]
_NAV = ["Home", "News", "World", "Business", "Sports", "Opinion", "Culture", "Obituaries", "Subscribe", "Log in"]
_DATES = ["Published March {d}, 2025 at 7:{d:02d} a.m.", "{d:02d}.03.2025, 14:30 Uhr", "Mar {d} 2025 | 11:45 PM IST",
          "Wednesday, March {d}, 2025", "2025-03-{d:02d}", "Updated 2 hours ago"]
_AUTHORS = ["Tomas Lindgren", "Alma Reyes", "Priya Natarajan", "Jonas Weber", "Grace Mutua", "Reuters"]
_TEASERS = ["Council delays vote on waterfront parking plan", "High school robotics team heads to finals",
            "Ferry service to resume after winter repairs", "Police identify driver in highway crash",
            "New bus line links valley towns", "Library extends weekend hours"]
_PROSE_FURNITURE = [
    "Get our free morning newsletter with the stories that matter to your town delivered to your inbox.",
    "This article was produced in partnership with a regional reporting network and may be republished.",
    "Support independent local journalism. Readers like you make our reporting possible every single day.",
    "The views expressed in this column are those of the author and do not necessarily reflect ours.",
]


def make_pages(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` generated pages as ``{"id", "text"}`` records."""
    rng = random.Random(seed)
    by_language: dict[str, list[str]] = {}
    for case in load_cases():
        pool = by_language.setdefault(case.gold["language"], [])
        pool.extend(s.strip() for line in case.gold["article_lines"] for s in _SENTENCE.split(line) if len(s) > 30)
    languages = sorted(by_language, key=lambda lang: -len(by_language[lang]))
    pages = []
    for i in range(n):
        outlet = rng.choice(_OUTLETS)
        sentences = by_language[languages[0] if rng.random() < 0.7 else rng.choice(languages)]
        # Paragraphs of 1-4 sentences drawn from the evaluation set: every page has its own article.
        body = [" ".join(rng.sample(sentences, rng.choice((1, 2, 2, 3, 3, 4)))) for _ in range(rng.randint(7, 11))]
        cut = rng.randint(2, len(body) - 2)
        teaser = ["Related News", *rng.sample(_TEASERS, 3)]
        lines = [
            outlet, *rng.sample(_NAV, 6),
            body[0].split(",")[0][:80].rstrip("."),
            f"By {rng.choice(_AUTHORS)}",
            rng.choice(_DATES).format(d=rng.randint(1, 28)),
            f"A view of the scene on Monday. Photo: {rng.choice(_AUTHORS)} / {outlet}",
            *body[:cut], *(teaser if rng.random() < 0.5 else []), *body[cut:],
            *rng.sample(_PROSE_FURNITURE, 2),
            "Share this story", "Facebook", "Email", "Most Read", *rng.sample(_TEASERS, 3),
            f"© 2025 {outlet}. All rights reserved.",
        ]
        pages.append({"id": f"page-{i:06d}", "text": "\n".join(lines) + "\n", "article": body})
    return pages


def quality(pages: list[dict[str, Any]]) -> tuple[float, float]:
    """Line precision and recall of news.boilerplate (local signals) on the generated pages."""
    from corpuskit_news.page.article import analyse

    tp = fp = fn = 0
    for page in pages:
        kept = [line.text for line in analyse(page["text"]).kept]
        gold = set(page["article"])
        tp += sum(1 for t in kept if t in gold)
        fp += sum(1 for t in kept if t not in gold)
        fn += len(gold - set(kept))
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def _ctx(label: str) -> StageContext:
    return StageContext(label, StageStats(label, "clean"), lambda record: None, shard=0)


def _clear_caches() -> None:
    try:
        from corpuskit_news.text.caches import clear_caches
    except ImportError:
        return
    clear_caches()


def time_in_process(pages: list[dict[str, Any]], repeat: int = 3) -> list[tuple[str, float]]:
    """Per-stage docs/s of CPU time on one core, best of ``repeat`` (global stages: prepare + keys + apply)."""
    plugins = load_plugins()
    docs = [Document(p["id"], p["text"], {}) for p in pages]
    results = []
    for name in STAGES:
        registered = plugins.stages.get(name)
        if registered is None:
            continue
        stage = registered.cls()
        ctx = _ctx(name)
        stage.setup(ctx)
        best = float("inf")
        for _ in range(repeat):
            _clear_caches()  # each repetition starts cold, as a fresh worker would
            start = time.process_time()  # CPU time: other processes on the machine do not count
            if is_global(stage):
                prepare = getattr(stage, "prepare", None)
                held = []
                for i, doc in enumerate(docs):
                    doc = prepare(doc, ctx) if prepare is not None else doc
                    for _ in stage.keys(doc, Ref(0, i), ctx):
                        pass
                    held.append(doc)
                out = [stage.apply(doc, [], ctx) for doc in held]
            else:
                out = list(stage.process(iter(docs), ctx))
            best = min(best, time.process_time() - start)
        docs = [d for d in out if d is not None]
        results.append((name, len(pages) / best))
    return results


def time_run(pages: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    """Wall time and docs/s of ``corpuskit run`` over the pages with the local executor."""
    DATA.mkdir(exist_ok=True)
    source = DATA / f"news_pages_{len(pages)}.jsonl"
    if not source.exists():
        source.write_text("".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in pages),
                          encoding="utf-8")
    plugins = load_plugins()
    stages = [name for name in STAGES if name in plugins.stages]
    out = DATA / "news_out.jsonl"
    config = DATA / "bench_news.yaml"
    config.write_text(
        "name: bench-news\nexecutor: local\n"
        f"workers: {workers}\nstages:\n  - read_jsonl: {{paths: [{json.dumps(str(source))}]}}\n"
        + "".join(f"  - {name}\n" for name in stages)
        + f"  - write_jsonl: {{path: {json.dumps(str(out))}}}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "corpuskit.cli", "run", str(config)], capture_output=True,
                          text=True, cwd=DATA)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return {"stages": stages, "wall_s": wall, "docs_per_s": len(pages) / wall, "summary": proc.stdout.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--run", action="store_true", help="also time `corpuskit run` (local executor)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="in-process timings: best of this many")
    args = parser.parse_args(argv)
    pages = make_pages(args.docs)
    sizes = sorted(len(p["text"].encode()) for p in pages)
    print(f"{len(pages)} pages, median {sizes[len(sizes) // 2]} bytes (p10 {sizes[len(sizes) // 10]}, "
          f"p90 {sizes[len(sizes) * 9 // 10]})")
    precision, recall = quality(pages[:2000])
    print(f"  boilerplate on the generated pages: line precision {precision:.3f}, recall {recall:.3f}")
    results = time_in_process(pages, args.repeat)
    total = 1.0 / sum(1.0 / rate for _, rate in results)
    for name, rate in results:
        print(f"  {name:18s} {rate:8.0f} docs/s (one core, in process, CPU time, best of {args.repeat})")
    print(f"  {'together':18s} {total:8.0f} docs/s")
    if args.run:
        result = time_run(pages, args.workers)
        print(f"corpuskit run, local x{args.workers}, {' -> '.join(result['stages'])}: "
              f"{result['wall_s']:.1f} s wall, {result['docs_per_s']:.0f} docs/s end to end")
        print(result["summary"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
