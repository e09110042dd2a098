"""corpuskit ``minhash`` vs datatrove's MinHash dedup vs a bare floor script, same corpus.

    python benchmarks/gen_corpus.py --docs 100000 --seed 1 --source /path/to/bbc --out benchmarks/data/c100k
    python benchmarks/bench_dedup.py benchmarks/data/c100k --workers 2

Each contender runs as its own process tree, reading the corpus split into
``--parts`` JSONL files and writing the survivors:

* corpuskit: ``read_jsonl -> minhash -> write_jsonl`` through ``Pipeline.run``
  (executor ``local``, ``--workers`` processes; ``--executor serial`` too);
* datatrove: benchmarks/dt_minhash.py in benchmarks/.venv-datatrove (install
  it with ``python -m venv benchmarks/.venv-datatrove &&
  benchmarks/.venv-datatrove/bin/pip install datatrove regex tokenizers "xxhash<4"``),
  whitespace words, the same bands x rows, ``--workers`` processes;
* floor: benchmarks/floor_minhash.py, the same rensa signatures, LSH and
  verification in a bare script with ``--workers`` processes.

All use lowercase whitespace word ``--n``-grams, ``--num-perm`` permutations and the
bands x rows corpuskit derives for ``--threshold``. Reported: docs/s and wall
(process start to exit), peak RSS (the sum over the process tree, sampled every
50 ms from /proc), and accuracy against labels.jsonl: precision = removed
documents that have a planted duplicate among the survivors; recall = planted
copies (exact, near) that are not kept together with their original.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def split_corpus(corpus: Path, parts: int, folder: Path) -> list[Path]:
    """``corpus`` cut into ``parts`` JSONL files of whole lines (reused if present)."""
    paths = [folder / f"part-{i:02d}.jsonl" for i in range(parts)]
    if all(p.exists() for p in paths):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    total = corpus.stat().st_size
    with open(corpus, "rb") as src:
        for i, path in enumerate(paths):
            limit = total * (i + 1) // parts
            with open(path, "wb") as out:
                while src.tell() < limit or i == parts - 1:
                    line = src.readline()
                    if not line:
                        break
                    out.write(line)
    return paths


def count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        p = int(entry)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def measure(cmd: list[str], log: Path) -> tuple[float, int]:
    """Run ``cmd``; (wall seconds, peak tree RSS bytes)."""
    peak = 0
    with open(log, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        rc = proc.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    if rc != 0:
        sys.exit(f"{cmd[:3]} failed (rc {rc}); see {log}")
    return wall, peak


def kept_ids(paths: list[Path]) -> set[str]:
    ids: set[str] = set()
    for path in paths:
        with open(path, "rb") as fh:
            ids.update(str(orjson.loads(line)["id"]) for line in fh)
    return ids


def accuracy(labels: Path, all_ids: int, kept: set[str]) -> dict[str, float]:
    """Precision of the removals and recall per planted kind, from the survivors alone."""
    origin: dict[str, str] = {}
    kinds: dict[str, str] = {}
    with open(labels, "rb") as fh:
        for line in fh:
            lab = orjson.loads(line)
            kinds[lab["id"]] = lab["kind"]
            if lab["kind"] in ("exact", "near"):
                origin[lab["id"]] = lab["original"]
    group_kept: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for copy, orig in origin.items():
        members.setdefault(orig, [orig]).append(copy)
    for orig, docs in members.items():
        group_kept[orig] = sum(d in kept for d in docs)
    removed_total = all_ids - len(kept)
    right = sum(1 for orig, docs in members.items() for d in docs if d not in kept and group_kept[orig] > 0)
    out = {"removed": removed_total, "precision": right / removed_total if removed_total else 1.0}
    for kind in ("exact", "near"):
        copies = [c for c, k in kinds.items() if k == kind]
        found = sum(1 for c in copies if not (c in kept and origin[c] in kept))
        out[f"recall_{kind}"] = found / len(copies) if copies else 1.0
    negatives = [c for c, k in kinds.items() if k == "negative"]
    out["negatives_removed"] = sum(1 for c in negatives if c not in kept)
    return out


def corpuskit_cmd(parts: list[Path], out: Path, run_dir: Path, args: argparse.Namespace, executor: str) -> list[str]:
    config = {
        "stages": [
            {"read_jsonl": {"paths": [str(p) for p in parts]}},
            {"minhash": {"n": args.n, "num_perm": args.num_perm, "threshold": args.threshold}},
            {"write_jsonl": {"path": str(out)}},
        ]
    }
    code = (
        "import sys, orjson; from corpuskit._run.pipeline import Pipeline; "
        "Pipeline.from_dict(orjson.loads(sys.argv[1])).run("
        f"executor={executor!r}, workers={args.workers}, run_dir={str(run_dir)!r})"
    )
    return [sys.executable, "-c", code, orjson.dumps(config).decode()]


def run_one(
    who: str,
    executor: str,
    parts: list[Path],
    scratch: Path,
    n_docs: int,
    bands: int,
    rows: int,
    args: argparse.Namespace,
) -> tuple[float, int, dict]:
    """Run one contender once: (wall seconds, peak tree RSS, accuracy)."""
    work = scratch / f"{who}{'-' + executor if executor else ''}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = [work / "survivors.jsonl"]
    if who == "corpuskit":
        cmd = corpuskit_cmd(parts, out[0], work / "run", args, executor)
    elif who == "datatrove":
        cmd = [str(BENCH / ".venv-datatrove/bin/python"), str(BENCH / "dt_minhash.py")]
        cmd += ["--input", str(scratch / "parts"), "--work", str(work / "dt"), "--out", str(work / "out")]
        cmd += ["--workers", str(args.workers), "--buckets", str(bands), "--rows", str(rows), "--n", str(args.n)]
    else:
        cmd = [sys.executable, str(BENCH / "floor_minhash.py"), "--out", str(out[0])]
        cmd += ["--workers", str(args.workers), "--n", str(args.n), "--num-perm", str(args.num_perm)]
        cmd += ["--threshold", str(args.threshold), *map(str, parts)]
    wall, peak = measure(cmd, work / "log.txt")
    if who == "datatrove":
        out = sorted((work / "out").glob("*.jsonl"))
    acc = accuracy(args.corpus_dir / "labels.jsonl", n_docs, kept_ids(out))
    if not args.keep_outputs:
        shutil.rmtree(work, ignore_errors=True)
    return wall, peak, acc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus_dir", type=Path, help="a gen_corpus.py output (corpus.jsonl, labels.jsonl)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--n", type=int, default=1)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--only", default="corpuskit,datatrove,floor", help="comma-separated contenders")
    ap.add_argument("--executor", default="local", help="corpuskit executor(s), comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="runs per contender; the fastest is reported")
    ap.add_argument("--keep-outputs", action="store_true", help="keep survivors and run folders")
    ap.add_argument("--scratch", type=Path, default=None, help="work folder (default: CORPUS_DIR/bench)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from corpuskit._stages.dedup.lsh import optimal_bands

    bands, rows = optimal_bands(args.threshold, args.num_perm, 0.95)
    scratch = args.scratch or args.corpus_dir / "bench"
    parts = split_corpus(args.corpus_dir / "corpus.jsonl", args.parts, scratch / "parts")
    n_docs = sum(count_lines(p) for p in parts)
    best: dict[str, tuple[float, int, dict]] = {}
    for _ in range(args.repeat):
        for who in args.only.split(","):
            for executor in args.executor.split(",") if who == "corpuskit" else [""]:
                label = f"{who} ({executor})" if executor else who
                wall, peak, acc = run_one(who, executor, parts, scratch, n_docs, bands, rows, args)
                print(f"{label}: {wall:.1f}s, {peak / 2**20:.0f} MiB", file=sys.stderr)
                if label not in best or wall < best[label][0]:
                    best[label] = (wall, max(peak, best.get(label, (0.0, 0, {}))[1]), acc)
    rows_out = [(label, n_docs / wall, wall, peak / 2**20, acc) for label, (wall, peak, acc) in best.items()]
    print(
        f"\n{n_docs} docs, {args.workers} workers, word {args.n}-grams, {args.num_perm} perms, "
        f"threshold {args.threshold} ({bands} bands x {rows} rows)\n"
    )
    print("| contender | docs/s | wall s | peak RSS MiB | removed | precision | recall exact | recall near |")
    print("|---|---|---|---|---|---|---|---|")
    for label, rate, wall, rss, acc in rows_out:
        print(
            f"| {label} | {rate:,.0f} | {wall:.1f} | {rss:,.0f} | {acc['removed']} | {acc['precision']:.4f} "
            f"| {acc['recall_exact']:.4f} | {acc['recall_near']:.4f} |"
        )


if __name__ == "__main__":
    main()
