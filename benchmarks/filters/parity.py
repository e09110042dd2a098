"""Do corpuskit's Gopher, C4 and FineWeb filters keep and drop what datatrove's do?

    python benchmarks/filters/parity.py                 # agreement per filter + every disagreement
    python benchmarks/filters/parity.py --quiet         # agreement only

Runs corpuskit's ``gopher_quality``, ``gopher_repetition``, ``c4_quality`` and
``fineweb_quality`` (default parameters, ``action: annotate`` so every value is measured)
and datatrove's GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and
FineWebQualityFilter (defaults; in the venv named by ``--venv``, through
datatrove_side.py) on the same texts (benchmarks/filters/texts.py: the 82 dev pages
rendered whole, the BBC articles, made-up noisy texts, and ``--web-like`` slices of them
with menus as in the speed benchmark). For c4_quality, a document both
keep must also come out with the same text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from texts import all_texts, web_like  # noqa: E402

from corpuskit import Document, StageContext, StageStats  # noqa: E402
from corpuskit._stages.quality import C4Quality, FineWebQuality, GopherQuality, GopherRepetition  # noqa: E402

STAGES = {"gopher_quality": GopherQuality, "gopher_repetition": GopherRepetition, "c4_quality": C4Quality,
          "fineweb_quality": FineWebQuality}


def ours(texts: list[tuple[str, str]]) -> dict[str, dict[str, tuple[bool, str | None, dict, str]]]:
    out: dict[str, dict[str, tuple[bool, str | None, dict, str]]] = {}
    for name, cls in STAGES.items():
        stage = cls(action="annotate")
        ctx = StageContext(name, StageStats(name), lambda record: None)
        rows = {}
        for doc_id, text in texts:
            verdict = stage.keep(Document(doc_id, text), ctx)
            after = verdict.document.text if verdict.document is not None else text
            rows[doc_id] = (verdict.keep, verdict.detail, dict(verdict.values), after)
        out[name] = rows
    return out


def theirs(texts: list[tuple[str, str]], venv: str) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp, "texts.jsonl"), Path(tmp, "dt.jsonl")
        with source.open("w", encoding="utf-8") as f:
            for doc_id, text in texts:
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        subprocess.run([f"{venv}/bin/python", str(HERE / "datatrove_side.py"), str(source), str(target)], check=True)
        return {row["id"]: row for row in map(json.loads, target.read_text(encoding="utf-8").splitlines())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv", default="/work/venvs/datatrove")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--web-like", type=int, default=1000, help="also this many web-like slices (bench texts)")
    args = parser.parse_args(argv)
    texts = all_texts() + [(f"slice/{i}", text) for i, text in enumerate(web_like(args.web_like, seed=99))]
    mine, ref = ours(texts), theirs(texts, args.venv)
    sources = Counter(doc_id.split("/")[0] for doc_id, _ in texts)
    print(f"{len(texts)} texts: " + ", ".join(f"{n} {s}" for s, n in sources.items()))
    for name in STAGES:
        agree = kept_both = same_text = 0
        disagreements = []
        for doc_id, _ in texts:
            keep, detail, values, after = mine[name][doc_id]
            their_keep, their_reason = ref[doc_id][name]
            if keep == their_keep:
                agree += 1
                if keep and name == "c4_quality":
                    kept_both += 1
                    same_text += after == ref[doc_id].get("c4_text")
            else:
                disagreements.append((doc_id, keep, detail, their_keep, their_reason, values))
        dropped = sum(1 for doc_id, _ in texts if ref[doc_id][name][0] is False)
        line = f"{name:18s} agree {agree}/{len(texts)} = {100 * agree / len(texts):.2f}% (datatrove drops {dropped})"
        if name == "c4_quality":
            line += f"; kept by both with the same text: {same_text}/{kept_both}"
        print(line)
        groups = Counter(doc_id.split("/")[0] for doc_id, _ in texts if ref[doc_id][name][0] is False)
        print("    datatrove drops by source: " + ", ".join(f"{g} {groups[g]}/{n}" for g, n in sources.items()))
        if not args.quiet:
            for doc_id, keep, detail, their_keep, their_reason, values in disagreements:
                print(f"    {doc_id}: corpuskit {'keeps' if keep else 'drops (' + str(detail) + ')'}; "
                      f"datatrove {'keeps' if their_keep else 'drops (' + str(their_reason) + ')'}; {values}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
