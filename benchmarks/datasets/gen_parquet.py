"""Short documents as Parquet files laid out like a Hugging Face dataset (data/train-0000K-of-0000N.parquet).

    python benchmarks/datasets/gen_parquet.py --docs 1000000 --files 4 --out benchmarks/data/parquet-1000000

Each document is 8-40 words drawn from a fixed vocabulary (with accents, some text
in NFD form, non-breaking spaces and doubled spaces for ``normalize`` to fix); about
10% repeat an earlier document exactly and 5% repeat one with its spaces changed (both
dropped by ``exact_dedup``). Columns: id, text, url, lang. Row groups of 20,000 rows,
zstd. The same seed writes the same files.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

_VOCABULARY = ("the of and to in is was for on that with as by at from his her their report city council budget "
         "school market river government minister election court police health water energy price rose fell "
         "said told according week year month café naïve résumé Zürich São Paulo Kraków élève über façade "
         "north south new old first last three seven hundred thousand percent people children workers")
WORDS = _VOCABULARY.split()
LANGS = ("en", "fr", "de", "es")


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        roll = rng.random()
        if out and roll < 0.10:
            out.append(out[rng.randrange(len(out))])
            continue
        if out and roll < 0.15:
            out.append(out[rng.randrange(len(out))].replace(" ", "  ", 1) + " ")
            continue
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 40))]
        text = " ".join(words) + f" {i}."
        if i % 7 == 0:
            text = unicodedata.normalize("NFD", text)
        if i % 5 == 0:
            text = text.replace(" ", "\u00a0", 2)
        out.append(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    data = args.out / "data"
    data.mkdir(parents=True, exist_ok=True)
    all_texts = texts(args.docs, args.seed)
    per = -(-args.docs // args.files)
    for k in range(args.files):
        chunk = all_texts[k * per:(k + 1) * per]
        first = k * per
        table = pa.table({
            "id": [f"doc-{first + i}" for i in range(len(chunk))],
            "text": chunk,
            "url": [f"https://example.org/{(first + i) % 997}/{first + i}" for i in range(len(chunk))],
            "lang": [LANGS[(first + i) % 4] for i in range(len(chunk))],
        })
        pq.write_table(table, data / f"train-{k:05d}-of-{args.files:05d}.parquet", row_group_size=20_000,
                       compression="zstd")
    print(f"wrote {args.docs} documents in {args.files} files under {data}")


if __name__ == "__main__":
    main()
