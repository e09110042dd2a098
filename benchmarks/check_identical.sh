#!/usr/bin/env bash
# Outputs, rejects and per-stage stats (less seconds) of fixed pipelines, hashed: run it on two
# checkouts and diff the SUMS files to show a change keeps behaviour byte-identical.
#
#   benchmarks/check_identical.sh OUT_DIR            # uses this checkout's corpuskit (PYTHONPATH)
#   diff OLD_OUT/SUMS NEW_OUT/SUMS                   # nothing printed: identical
#
# Inputs (generated once into $CORPUSKIT_IDENTICAL_DATA, default /tmp/corpuskit-identical: one
# place for both checkouts, since outputs record their input paths): the seeds, the rendered held-out
# pages (benchmarks/holdout/build.py), 2,000 generated news pages (bench_news.make_pages) and a
# 5,000-document labelled dedup corpus (gen_corpus.py).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd); out=$(mkdir -p "$1" && cd "$1" && pwd); G=${CORPUSKIT_IDENTICAL_DATA:-/tmp/corpuskit-identical}
export PYTHONPATH="$repo:$repo/plugins${PYTHONPATH:+:$PYTHONPATH}"
cd "$repo"
if [ ! -f "$G/dedup/corpus.jsonl" ]; then
  mkdir -p "$G/holdout"
  python3 -c "
import json, sys; sys.path.insert(0, '.')
from benchmarks.bench_news import make_pages
with open('$G/news_pages.jsonl', 'w') as fh:
    fh.writelines(json.dumps({'id': p['id'], 'text': p['text']}) + '\n' for p in make_pages(2000))"
  python3 benchmarks/gen_corpus.py --docs 5000 --out "$G/dedup" > /dev/null
  python3 benchmarks/holdout/build.py > /dev/null
  for d in benchmarks/data/holdout*; do for f in "$d"/pages/*; do cp "$f" "$G/holdout/$(basename "$d")_$(basename "$f")"; done; done
fi
run() {  # name executor workers stages...
  local name=$1 ex=$2 w=$3; shift 3
  { echo "name: identical-$name"; echo "executor: $ex"; echo "workers: $w"; echo "stages:"
    for s in "$@"; do echo "  - $s"; done; echo "  - write_jsonl: {path: $out/$name.jsonl}"; } > "$out/$name.yaml"
  python3 -m corpuskit run -q "$out/$name.yaml" --run-dir "$out/rd-$name" > "$out/$name.log" 2>&1 || echo "$name FAILED"
  cp "$out/rd-$name/rejects.jsonl" "$out/$name.rejects.jsonl" 2>/dev/null || true
  python3 -c "
import json, sys
for s in json.load(open(sys.argv[1]))['stages']:
    s.pop('seconds', None); print(json.dumps(s, sort_keys=True))" "$out/rd-$name/stats.json" > "$out/$name.stats" || true
  rm -rf "$out/rd-$name"
}
NEWS=(news.boilerplate "minhash: {threshold: 0.8}" news.metadata news.entities news.quotes stories)
DEDUP=(normalize "length_filter: {min_words: 20}" exact_dedup "minhash: {threshold: 0.8}" line_dedup stories)
run seeds_serial serial 1 'read_text: {paths: ["seeds/*.txt"]}' "${NEWS[@]}"
run seeds_local local 2 'read_text: {paths: ["seeds/*.txt"]}' "${NEWS[@]}"
run holdout local 2 "read_text: {paths: [\"$G/holdout/*.txt\"]}" "${NEWS[@]}"
run pages local 2 "read_jsonl: {paths: [\"$G/news_pages.jsonl\"]}" "${NEWS[@]}"
run dedup_local local 2 "read_jsonl: {paths: [\"$G/dedup/corpus.jsonl\"]}" "${DEDUP[@]}"
run dedup_serial serial 1 "read_jsonl: {paths: [\"$G/dedup/corpus.jsonl\"]}" "${DEDUP[@]}"
cd "$out" && sha256sum *.jsonl *.stats > SUMS && cat SUMS
