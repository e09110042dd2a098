"""datatrove: ParquetReader -> normalize -> exact dedup -> ParquetWriter (run with its own venv).

    /work/venvs/datatrove/bin/python benchmarks/datasets/dt_parquet.py DATA_DIR WORK_DIR --workers 2

datatrove's exact deduplication is three steps: signatures (read, normalize, hash),
finding duplicates (one task), and filtering (read and normalize again, drop, write).
Texts are normalized with corpuskit's ``normalize_text`` and hashed in the comparable
form ``exact_dedup`` hashes, so the same documents survive. Tasks: one per input file.
Needs PYTHONPATH to include the corpuskit checkout (for the normalize function only).
"""

from __future__ import annotations

import argparse
import glob
import os

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.dedup.exact_dedup import (
    ExactDedupConfig,
    ExactDedupFilter,
    ExactDedupSignature,
    ExactFindDedups,
)
from datatrove.pipeline.readers import ParquetReader
from datatrove.pipeline.writers import ParquetWriter

from corpuskit._stages.text import comparable_text, normalize_text


class Normalize(PipelineStep):
    name = "normalize"

    def run(self, data, rank: int = 0, world_size: int = 1):
        for doc in data:
            doc.text = normalize_text(doc.text)
            yield doc


def comparable(doc) -> bytes:
    return comparable_text(doc.text).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("work")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tasks = len(glob.glob(os.path.join(args.data, "*.parquet")))
    config = ExactDedupConfig(content_getter=comparable)
    sigs, dups = os.path.join(args.work, "sigs"), os.path.join(args.work, "dups")

    def reader():
        return ParquetReader(args.data, glob_pattern="*.parquet", text_key="text", id_key="id")

    LocalPipelineExecutor(pipeline=[reader(), Normalize(), ExactDedupSignature(sigs, config=config)],
                          tasks=tasks, workers=args.workers, logging_dir=os.path.join(args.work, "logs1")).run()
    LocalPipelineExecutor(pipeline=[ExactFindDedups(sigs, dups, config=config)], tasks=1, workers=1,
                          logging_dir=os.path.join(args.work, "logs2")).run()
    LocalPipelineExecutor(pipeline=[reader(), Normalize(), ExactDedupFilter(dups, config=config),
                                    ParquetWriter(os.path.join(args.work, "out"), compression="zstd",
                                                  expand_metadata=True)],
                          tasks=tasks, workers=args.workers, logging_dir=os.path.join(args.work, "logs3")).run()


if __name__ == "__main__":
    main()
