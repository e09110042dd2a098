"""Entity and quote scores on the news evaluation set, run on the gold article text.

    python benchmarks/news_eval/run.py [--pages NAME ...] [-v]   (or python -m benchmarks.news_eval.run)
    python -m benchmarks.news_eval.run --holdout benchmarks/entities_holdout/tune [-v]

Runs ``news.entities`` (with the corpus-wide merge) and ``news.quotes`` over the gold
article lines of every page (so the figures do not depend on boilerplate removal) and
prints precision/recall per page and overall. ``benchmarks/eval_news.py`` scores the
same fields after the whole pipeline.

``--holdout DIR`` scores a held-out set instead: ``DIR/*.json`` each name a source text
(``source``, relative to ``--source-root``, and its ``sha256``) and carry the gold
``entities`` and ``quotes``; the text is read from the source, never from the repository.
A source may also be an HTML page (``source: {path, sha256}``) with the numbers of its
article lines in the page as ``benchmarks/render_html.py`` renders it (``article``,
``article_sha1``); see benchmarks/entities_holdout/README.md.

Besides precision/recall, it prints them per entity type, the alias merge (the share of
gold entities with two or more distinct forms whose forms all land in one predicted
entity), quotes found (detection recall) and speaker right (over all gold quotes, and
over those found).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.news import entities as entity_score
from evaluation.news import quotes as quote_score
from evaluation.news.gold import load_gold, load_holdout, predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", nargs="*", help="only these pages")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the errors of each page")
    parser.add_argument("--holdout", type=Path, help="a held-out gold folder (source + sha256 + gold)")
    parser.add_argument("--source-root", type=Path, default=Path("/work/shared/devdata"),
                        help="where --holdout sources are read from")
    args = parser.parse_args(argv)
    pages = load_holdout(args.holdout, args.source_root, args.pages) if args.holdout else load_gold(args.pages)
    metas = predict(pages)
    ent_rows, quote_rows = [], []
    print(f"{'page':28} {'ent P':>6} {'ent R':>6} {'gold':>5} {'speaker':>8} {'quotes':>6}")
    for name, _, gold in pages:
        er = entity_score.score_page(metas[name], gold)
        qr = quote_score.score_page(metas[name], gold)
        ent_rows.append(er)
        quote_rows.append(qr)
        p = er["tp"] / er["pred"] if er["pred"] else 1.0
        r = er["tp"] / er["gold"] if er["gold"] else 1.0
        s = f"{qr['speaker_ok']}/{qr['gold']}" if qr["gold"] else "-"
        print(f"{name:28} {p:6.2f} {r:6.2f} {er['gold']:5d} {s:>8} {qr['pred']:6d}")
        if args.verbose:
            for item in er["false_positives"]:
                print(f"    + {item}")
            for item in er["missed"]:
                print(f"    - {item}")
            for item in er["alias_split"]:
                print(f"    a {item}")
            for item in qr["errors"]:
                print(f"    q {item}")
    es, qs = entity_score.summarize(ent_rows), quote_score.summarize(quote_rows)
    details = entity_score.summarize_details(ent_rows)
    print(f"\nentities: P {es['precision']:.3f}  R {es['recall']:.3f}  F1 {es['f1']:.3f}  ({es['pages']} pages)")
    for kind, (p, r, n_pred, n_gold) in details["by_type"].items():
        print(f"  {kind:13} P {p:.3f} ({n_pred} predicted)  R {r:.3f} ({n_gold} gold)")
    print(f"alias merge: {details['alias_merge']:.3f} of {details['alias_groups']} gold entities with 2+ forms")
    print(f"quotes: speaker accuracy {qs['speaker_accuracy']:.3f} over {qs['quotes']} gold quotes; "
          f"detection P {qs['precision']:.3f} R {qs['recall']:.3f}")
    print(f"quotes found {qs['recall']:.3f}, speaker right {qs['speaker_accuracy']:.3f} "
          f"(of the found: {qs['speaker_of_found']:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
