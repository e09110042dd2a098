"""Score extract_html against trafilatura alone (and htmldate for dates) on annotated real pages.

    python benchmarks/web/eval_web.py --set dev        # the 51 pages of benchmarks/holdout/gold*/
    python benchmarks/web/eval_web.py --set holdout    # the untouched batch: score it ONCE

Article text: word 4-shingles, precision and recall per page averaged over the pages, F1 of
the averages (evaluation/web/shingles.py). Title, author, published: share of pages right
(evaluation/web/fields.py: evaluation/news/metadata.py's comparison, authors as a set of
names so "X & Y" = "X, Y"; null where the gold is null counts as right).
Same pages, same run: extract_html's page function (decode, parse once, markup metadata,
trafilatura on the shared tree), ``trafilatura.bare_extraction`` with its own metadata
(``include_comments=False``), and ``htmldate.find_date`` on the page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import htmldate
import trafilatura

from benchmarks.web.pages import pages
from corpuskit._stages.web.article import extract_page
from corpuskit._stages.web.charset import decode_page
from evaluation.web.fields import field_matches as matches
from evaluation.web.shingles import average, page_scores

FIELDS = ("title", "author", "published")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("dev", "holdout"), default="dev")
    parser.add_argument("--show", choices=FIELDS, action="append", default=[],
                        help="also print gold, ours and trafilatura's value where either is wrong")
    args = parser.parse_args(argv)
    shown = []
    rows = []
    for page in pages(args.set):
        ours = extract_page(decode_page(page.html).text)
        theirs = trafilatura.bare_extraction(page.html, with_metadata=True, include_comments=False)
        their_text = (theirs.text or "") if theirs is not None else ""
        their_fields = {"title": getattr(theirs, "title", None), "author": getattr(theirs, "author", None),
                        "published": getattr(theirs, "date", None)}
        if their_fields["author"]:
            their_fields["author"] = their_fields["author"].replace("; ", ", ")
        hd = htmldate.find_date(page.html, original_date=True)
        for f in args.show:
            if not (matches(f, ours.fields[f], page.gold[f]) and matches(f, their_fields[f], page.gold[f])):
                shown.append(f"{page.name:28} {f:9} gold={page.gold[f]!r}\n{'':38} ours={ours.fields[f]!r}"
                             f" ({ours.sources.get(f)})\n{'':38} traf={their_fields[f]!r}")
        rows.append({
            "page": page.name,
            "ours": page_scores(ours.text, page.article),
            "traf": page_scores(their_text, page.article),
            **{f"ours_{f}": matches(f, ours.fields[f], page.gold[f]) for f in FIELDS},
            **{f"traf_{f}": matches(f, their_fields[f], page.gold[f]) for f in FIELDS},
            "htmldate": matches("published", hd, page.gold["published"]),
        })
    print(f"{'page':28} {'ours P':>7} {'R':>5} {'traf P':>7} {'R':>5}  title a/t  author a/t  date a/t/hd")
    ok = lambda b: "ok" if b else "--"  # noqa: E731
    for r in rows:
        print(f"{r['page']:28} {r['ours'][0]:7.2f} {r['ours'][1]:5.2f} {r['traf'][0]:7.2f} {r['traf'][1]:5.2f}  "
              f"{ok(r['ours_title'])}/{ok(r['traf_title'])}      {ok(r['ours_author'])}/{ok(r['traf_author'])}"
              f"      {ok(r['ours_published'])}/{ok(r['traf_published'])}/{ok(r['htmldate'])}")
    if shown:
        print("\n".join(shown))
    n = len(rows)
    for who in ("ours", "traf"):
        p, r, f1 = average(row[who] for row in rows)
        fields = "  ".join(f"{f} {sum(row[f'{who}_{f}'] for row in rows) / n:.2f}" for f in FIELDS)
        name = "extract_html" if who == "ours" else "trafilatura"
        print(f"{name:14} article P {p:.3f} R {r:.3f} F1 {f1:.3f}   {fields}")
    print(f"{'htmldate':14} published {sum(r['htmldate'] for r in rows) / n:.2f}   ({n} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
