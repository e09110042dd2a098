"""Helpers shared by the tests: small corpora written to disk."""

from __future__ import annotations

from pathlib import Path

import orjson

from corpuskit._stages.context import StageContext
from corpuskit._stages.stats import StageStats

REPO = Path(__file__).resolve().parents[1]

ARTICLE = (
    "The city council approved the new budget on Tuesday after a long debate about schools. "
    "Members said the plan would add teachers and repair three buildings before winter. "
    "Opponents argued that the tax increase would hurt small businesses in the centre."
)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def corpus_records(n: int = 60) -> list[dict]:
    """Documents with exact duplicates (every 7th repeats an earlier one) and short ones."""
    records = []
    for i in range(n):
        if i and i % 7 == 0:
            text = records[i - 5]["text"]  # an exact copy of an earlier document
        elif i % 11 == 0:
            text = f"Short note {i}."
        else:
            text = f"Story {i}.\n\n{ARTICLE} Item {i} adds\u00a0detail  number {i * 3}."
        records.append({"id": f"doc{i:03d}", "text": text, "meta": {"n": i}})
    return records


def read_jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in Path(path).read_bytes().splitlines() if line.strip()]


def loader_ctx(rejects: list | None = None, workers: int = 1) -> StageContext:
    """A loader's context outside a run; rejects go to ``rejects`` when given."""
    sink = rejects.append if rejects is not None else (lambda r: None)
    return StageContext("0:reader", StageStats("0:reader"), sink, options={"workers": workers})


def read_all(loader, rejects: list | None = None) -> list:
    """Every document ``loader`` plans and reads, in order."""
    c = loader_ctx(rejects)
    return [doc for shard in loader.plan(c) for doc in loader.read(shard, c)]


def fake_distribution(root: Path, name: str, entry_points: dict[str, dict[str, str]],
                      modules: dict[str, str], version: str = "1.0") -> Path:
    """An installed distribution in ``root`` (put it on PYTHONPATH): a .dist-info with entry points, and modules.

    What pip would leave in site-packages, without pip: tests that need an installed
    plugin (a broken one, a slow one) run a subprocess with ``root`` on its path.
    """
    root.mkdir(parents=True, exist_ok=True)
    info = root / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    lines = []
    for group, entries in entry_points.items():
        lines.append(f"[{group}]")
        lines.extend(f"{key} = {value}" for key, value in entries.items())
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n")
    for filename, source in modules.items():
        (root / filename).write_text(source)
    return root


def upper_plugin_source(stage_name: str, sleep: float = 0.0) -> str:
    """The source of a one-module plugin with one stage, ``stage_name``, that upper-cases texts.

    ``sleep`` makes its import take that long (benchmarks/bench_plugin_import.py; never tests).
    """
    pause = f"import time\ntime.sleep({sleep})\n" if sleep else ""
    return f'''{pause}import attrs
from corpuskit import Mapper, hookimpl, stage

@stage("{stage_name}", kind="clean")
@attrs.frozen
class Upper(Mapper):
    """Upper-cases each document."""

    def map(self, doc, ctx):
        return doc.with_text(doc.text.upper())

@hookimpl
def corpuskit_register_stages(registry):
    registry.add(Upper)
'''
