"""datatrove's MinHash deduplication on the benchmark corpus (run with its own venv).

    benchmarks/.venv-datatrove/bin/python benchmarks/dt_minhash.py \
        --input parts/ --work /tmp/dt --out survivors/ --workers 2 --buckets 13 --rows 7 --n 1

The four datatrove steps (signatures, buckets, clusters, filter) with a
LocalPipelineExecutor of ``--workers`` processes, reading and writing JSONL. To
shingle like corpuskit's ``minhash`` the word tokenizer is a plain whitespace
split and text normalisation is lowercase + whitespace only (datatrove's default
also strips punctuation and numbers and uses a language word tokenizer, which is
several times slower). ``--buckets`` x ``--rows`` are the bands and rows corpuskit
derives for the threshold. datatrove has no candidate verification.
"""

from __future__ import annotations

import argparse

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.text import TextNormConfig
from datatrove.utils.word_tokenizers import WordTokenizer


class WhitespaceTokenizer(WordTokenizer):
    """``str.split``: the same words as corpuskit's ``shingles: word``."""

    def word_tokenize(self, text: str) -> list[str]:
        return text.split()

    def sent_tokenize(self, text: str) -> list[str]:
        return [text]

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        raise NotImplementedError


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="folder of *.jsonl parts")
    ap.add_argument("--work", required=True, help="scratch folder for signatures, buckets, logs")
    ap.add_argument("--out", required=True, help="folder for the survivors")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tasks", type=int, default=0, help="reader tasks (default: one per input part)")
    ap.add_argument("--buckets", type=int, default=13)
    ap.add_argument("--rows", type=int, default=7)
    ap.add_argument("--n", type=int, default=1)
    args = ap.parse_args()
    import glob

    tasks = args.tasks or len(glob.glob(f"{args.input}/*.jsonl"))
    config = MinhashConfig(
        n_grams=args.n,
        num_buckets=args.buckets,
        hashes_per_bucket=args.rows,
        norm_config=TextNormConfig(
            lowercase=True,
            norm_whitespace=True,
            remove_punctuation=False,
            norm_unicode_diacritics=False,
            norm_numbers=False,
        ),
    )

    def reader() -> JsonlReader:
        return JsonlReader(args.input, glob_pattern="*.jsonl", text_key="text", id_key="id")

    work = args.work
    common = {"workers": args.workers, "skip_completed": False}
    LocalPipelineExecutor(
        [reader(), MinhashDedupSignature(f"{work}/sigs", config=config, language=WhitespaceTokenizer())],
        tasks=tasks,
        logging_dir=f"{work}/logs/sigs",
        **common,
    ).run()
    LocalPipelineExecutor(
        [MinhashDedupBuckets(f"{work}/sigs", f"{work}/buckets", config=config)],
        tasks=config.num_buckets,
        logging_dir=f"{work}/logs/buckets",
        **common,
    ).run()
    LocalPipelineExecutor(
        [MinhashDedupCluster(f"{work}/buckets", f"{work}/remove_ids", config=config)],
        tasks=1,
        logging_dir=f"{work}/logs/clusters",
        **common,
    ).run()
    LocalPipelineExecutor(
        [reader(), MinhashDedupFilter(f"{work}/remove_ids"), JsonlWriter(args.out, compression=None)],
        tasks=tasks,
        logging_dir=f"{work}/logs/filter",
        **common,
    ).run()


if __name__ == "__main__":
    main()
