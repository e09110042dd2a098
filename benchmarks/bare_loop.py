"""The floor for the core benchmark: one process, no framework.

    python benchmarks/bare_loop.py IN.jsonl OUT.jsonl

Reads JSONL with orjson, normalizes each text with the same function corpuskit's
``normalize`` stage uses, hashes its comparable form (xxh3-128) as ``exact_dedup``
does to drop exact duplicates, and writes
the surviving records - the work of read_jsonl -> normalize -> exact_dedup ->
write_jsonl with nothing around it.
"""

from __future__ import annotations

import sys

import orjson
import xxhash

from corpuskit._stages.text import comparable_text, normalize_text


def main(src: str, dst: str) -> None:
    seen: set[int] = set()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for line in fin:
            record = orjson.loads(line)
            text = normalize_text(record["text"])
            key = xxhash.xxh3_128_intdigest(comparable_text(text).encode("utf-8"))
            if key in seen:
                continue
            seen.add(key)
            record["text"] = text
            fout.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
