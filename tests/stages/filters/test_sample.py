"""sample: a deterministic fraction by a hash of the id."""

from __future__ import annotations

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._stages.filters.sample import Sample

IDS = [f"doc-{i}" for i in range(2000)]


def _kept(run_stage, fraction, seed=0, ids=IDS):
    out = run_stage(Sample(fraction=fraction, seed=seed), [{"id": i, "text": "x"} for i in ids])
    assert len(out.docs) + len(out.rejects) == len(ids)
    assert set(out.reasons) <= {"not sampled"}
    return {d.id for d in out.docs}


def test_fraction_is_close_and_deterministic(run_stage):
    kept = _kept(run_stage, 0.25)
    assert 400 < len(kept) < 600
    assert _kept(run_stage, 0.25) == kept
    assert _kept(run_stage, 0.25, ids=list(reversed(IDS))) == kept  # order does not matter


def test_larger_fraction_keeps_a_superset_and_seed_changes_the_draw(run_stage):
    small, large = _kept(run_stage, 0.1), _kept(run_stage, 0.5)
    assert small < large
    assert _kept(run_stage, 0.1, seed=7) != small
    assert _kept(run_stage, 1.0) == set(IDS)


@pytest.mark.parametrize("fraction", [0, -0.5, 1.5])
def test_fraction_out_of_range_is_a_config_error(fraction):
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(f"stages:\n  - sample: {{fraction: {fraction}}}\n")
    assert str(err.value).startswith("<string>:2:24: sample.fraction: invalid value: 'fraction' must be")


def test_same_documents_under_every_executor(tmp_path):
    from tests.helpers import read_jsonl, write_jsonl

    write_jsonl(tmp_path / "in.jsonl", [{"id": f"page-{i}", "text": f"text {i}"} for i in range(300)])
    kept = {}
    for executor, workers in (("serial", 1), ("local", 2)):
        text = (f"stages:\n  - read_jsonl: {{paths: [{tmp_path / 'in.jsonl'}], shard_size: 1000}}\n"
                f"  - sample: {{fraction: 0.3, seed: 5}}\n  - write_jsonl: {{path: {tmp_path / executor}.jsonl}}\n")
        result = Pipeline.from_string(text).run(executor=executor, workers=workers, run_dir=tmp_path / f"rd-{executor}")
        assert result.docs_in == 300
        kept[executor] = [d["id"] for d in read_jsonl(tmp_path / f"{executor}.jsonl")]
    assert kept["serial"] == kept["local"] and 60 < len(kept["serial"]) < 120
