"""The ``ray`` executor on a real two-node Ray cluster on this machine (marked ``slow``).

The cluster is a head and a second worker node, each its own raylet (and object
store), all bound to 127.0.0.1, started in this process by ``ray.cluster_utils`` and
stopped in teardown, which checks that every process it started is gone.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from corpuskit import ConfigError, Pipeline, StageError
from tests import faultstages
from tests.helpers import REPO, read_jsonl

WORDS = [
    "election", "minister", "budget", "hospital", "river", "storm", "league", "transfer", "museum", "festival",
    "court", "verdict", "factory", "strike", "harbour", "bridge", "vaccine", "school", "teacher", "orchestra",
]


@pytest.fixture(scope="module")
def cluster():
    """A head and a worker node with one CPU each; every Ray process it started is stopped after."""
    import ray
    import ray._private.ray_constants as ray_constants
    from ray.cluster_utils import Cluster

    patch = pytest.MonkeyPatch()
    # Ray resolves 'localhost' to the machine's outward address; keep everything on loopback.
    patch.setenv("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    patch.setattr(ray_constants, "ENABLE_RAY_CLUSTER", False)
    patch.setenv("RAY_AUTH_MODE", "disabled")
    node_args = {"num_cpus": 1, "node_ip_address": "127.0.0.1"}
    started = Cluster(initialize_head=True, head_node_args={**node_args, "include_dashboard": False})
    try:
        started.add_node(**node_args)
        started.wait_for_nodes()
        yield started
    finally:
        pids = _pids_of([started.head_node, *started.worker_nodes])
        if ray.is_initialized():
            ray.shutdown()
        started.shutdown()
        patch.undo()
        assert pids and not [pid for pid in pids if _running(pid)], "Ray processes left running"


def _pids_of(nodes: list[Any]) -> list[int]:
    return [info.process.pid for node in nodes for infos in node.all_processes.values() for info in infos]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def ray_section(cluster) -> dict[str, Any]:
    """Join the test cluster, tasks spread over both nodes; workers import the test stages from this checkout."""
    return {"address": cluster.address, "scheduling": "spread"}


RUNTIME_ENV = {"env_vars": {"PYTHONPATH": str(REPO)}}  # given explicitly: a pipeline file cannot


@pytest.fixture
def plugins(make_plugins):
    return make_plugins(faultstages, news=True)


def write_corpus(path: Path, n: int) -> Path:
    """``n`` short news-like documents: every 8th repeats an earlier one, some too short."""
    rng = random.Random(7)
    texts: list[str] = []
    with open(path, "wb") as fh:
        for i in range(n):
            if i and i % 8 == 0:
                text = texts[rng.randrange(len(texts))]
            else:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 70))) + f" ({i})"
            texts.append(text)
            fh.write(orjson.dumps({"id": f"n{i:05d}", "text": text, "meta": {"n": i}}) + b"\n")
    return path


def run_both(plugins, spec: dict[str, Any], cluster, output: str) -> tuple[Any, Any]:
    """Run ``spec`` with local, then on the cluster; the outputs must be byte-identical."""
    local = Pipeline.from_dict(spec, plugins=plugins).run(executor="local", workers=2, run_dir="run-local")
    expected = Path(output).read_bytes()
    expected_rejects = Path("run-local/rejects.jsonl").read_bytes()
    Path(output).unlink()
    on_ray = Pipeline.from_dict({**spec, "ray": ray_section(cluster)}, plugins=plugins).run(
        executor="ray", workers=2, run_dir="run-ray", ray_runtime_env=RUNTIME_ENV)
    assert Path(output).read_bytes() == expected
    assert Path("run-ray/rejects.jsonl").read_bytes() == expected_rejects
    assert {k: v.to_dict()["out"] for k, v in on_ray.stats.items()} == {
        k: v.to_dict()["out"] for k, v in local.stats.items()}
    return local, on_ray


def nodes_of(result, label: str) -> dict[str, int]:
    return {k: n for k, n in result.stats[label].counters.items() if k.startswith("node:")}


@pytest.mark.slow
def test_news_config_on_the_cluster_matches_local(cluster, plugins):
    shutil.copytree(REPO / "seeds", "seeds")
    spec = yaml.safe_load((REPO / "configs" / "news.yaml").read_text())
    spec["stages"][0]["read_text"]["files_per_shard"] = 1  # one shard per page: work for both nodes
    local, on_ray = run_both(plugins, spec, cluster, "out/news.jsonl")
    assert on_ray.executor == "ray" and on_ray.docs_in == local.docs_in == len(list(Path("seeds").glob("*.txt")))


@pytest.mark.slow
def test_a_20k_corpus_with_a_global_stage_runs_on_both_nodes(cluster, plugins):
    write_corpus(Path("corpus.jsonl"), 20_000)
    dedup: list[Any] = ["exact_dedup"]
    if plugins.stages.get("minhash") is not None:
        dedup.append("minhash")
    spec = {"name": "c20k", "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 200_000}}, "normalize",
        {"length_filter": {"min_words": 8}}, "test.node_probe", *dedup, {"write_jsonl": {"path": "out/c.jsonl"}}]}
    local, on_ray = run_both(plugins, spec, cluster, "out/c.jsonl")
    assert local.shards >= 8
    assert on_ray.stats["4:exact_dedup"].rejected["duplicate"] > 1000
    nodes = nodes_of(on_ray, "3:test.node_probe")
    assert len(nodes) == 2 and "node:local" not in nodes  # shards ran on both nodes
    assert sum(nodes.values()) == on_ray.stats["3:test.node_probe"].docs_in
    assert nodes_of(local, "3:test.node_probe") == {"node:local": local.stats["3:test.node_probe"].docs_in}


@pytest.mark.slow
def test_a_ray_worker_killed_mid_shard_is_retried(cluster, plugins, tmp_path):
    records = [{"id": f"k{i}", "text": f"kill test document number {i} with enough words in it"} for i in range(400)]
    records[250]["text"] += " DIE"
    Path("corpus.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    flag = tmp_path / "died"
    spec = {"name": "kill", "retries": 2, "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 4000}},
        {"test.die_once": {"flag": str(flag), "times": 2}}, "exact_dedup", {"write_jsonl": {"path": "out/k.jsonl"}}]}
    result = Pipeline.from_dict({**spec, "ray": ray_section(cluster)}, plugins=plugins).run(
        executor="ray", run_dir="run-kill", ray_runtime_env=RUNTIME_ENV)
    assert Path(f"{flag}.1").exists() and Path(f"{flag}.2").exists()  # a Ray worker really died twice
    assert [r["id"] for r in read_jsonl(Path("out/k.jsonl"))] == [r["id"] for r in records]
    assert result.stats["1:test.die_once"].docs_in == 400


@pytest.mark.slow
def test_without_an_address_a_local_cluster_is_started_and_stopped(tmp_path, plugins):
    import ray

    Path("corpus.jsonl").write_bytes(b"".join(
        orjson.dumps({"id": f"s{i}", "text": f"a short document {i} for a private cluster"}) + b"\n"
        for i in range(5)))
    spec = {"name": "solo", "executor": "ray", "workers": 1, "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"]}}, "exact_dedup", {"write_jsonl": {"path": "out/s.jsonl"}}]}
    result = Pipeline.from_dict(spec, plugins=plugins).run(run_dir="run-solo")
    assert result.executor == "ray" and result.docs_out == 5
    assert not ray.is_initialized()  # the run's own cluster was shut down


def test_a_missing_ray_install_is_one_clear_line(tmp_path, monkeypatch, make_plugins):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    Path("corpus.jsonl").write_bytes(b'{"id": "a", "text": "one document"}\n')
    spec = {"name": "noray", "executor": "ray", "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}]}
    with pytest.raises(ConfigError) as failed:
        Pipeline.from_dict(spec, plugins=make_plugins()).run()
    assert str(failed.value) == (
        "executor 'ray' needs the ray package, which is not installed: pip install 'corpuskit[ray]'")
    assert failed.value.exit_code == 2


def test_an_unknown_ray_option_names_the_valid_ones(tmp_path, make_plugins):
    Path("corpus.jsonl").write_bytes(b'{"id": "a", "text": "one document"}\n')
    spec = {"name": "badopt", "executor": "ray", "ray": {"adress": "auto"},
            "stages": [{"read_jsonl": {"paths": ["corpus.jsonl"]}}]}
    with pytest.raises(ConfigError, match=r"ray.adress: unknown ray option 'adress'\n  hint: did you mean 'address'"):
        Pipeline.from_dict(spec, plugins=make_plugins()).run()


@pytest.mark.slow
def test_on_ray_a_hung_document_times_out_and_a_stage_error_stops_the_run(cluster, plugins):
    records = [{"id": f"h{i}", "text": f"document {i} HANG" if i == 3 else f"document {i}"} for i in range(8)]
    Path("corpus.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    stages = [{"read_jsonl": {"paths": ["corpus.jsonl"]}}, {"test.hang_on": {"how": "sleep"}}]
    spec = {"name": "hang", "timeout": 2.0, "ray": ray_section(cluster), "stages": stages}
    result = Pipeline.from_dict(spec, plugins=plugins).run(executor="ray", run_dir="run-hang",
                                                           ray_runtime_env=RUNTIME_ENV)
    assert result.stats["1:test.hang_on"].rejected == {"timeout": 1}
    assert [r["document"]["id"] for r in read_jsonl(Path("run-hang/rejects.jsonl"))] == ["h3"]

    spec = {**spec, "max_errors": 1}  # the first timeout stops the run, re-raised as the stage's own error
    with pytest.raises(StageError, match=r"stage '1:test.hang_on' raised on 1 documents in a row"):
        Pipeline.from_dict(spec, plugins=plugins).run(executor="ray", run_dir="run-hang2",
                                                      ray_runtime_env=RUNTIME_ENV)


@pytest.mark.slow
def test_a_node_that_dies_mid_run_loses_no_work(cluster, plugins):
    """Runs last: the worker node is killed while it runs shards, then replaced."""
    import threading

    records = [{"id": f"q{i:04d}", "text": f"node death document {i} " * 3} for i in range(600)]
    Path("corpus.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    spec = {"name": "nodedeath", "retries": 3, "ray": ray_section(cluster), "stages": [
        {"read_jsonl": {"paths": ["corpus.jsonl"], "shard_size": 2000}}, {"test.slow": {"seconds": 0.01}},
        "test.node_probe", "exact_dedup", {"write_jsonl": {"path": "out/q.jsonl"}}]}
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = Pipeline.from_dict(spec, plugins=plugins).run(
                executor="ray", run_dir="run-q", ray_runtime_env=RUNTIME_ENV)
        except BaseException as exc:  # reported below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    markers = Path("run-q/markers")
    while thread.is_alive() and len(list(markers.glob("seg0-*"))) < 2:
        time.sleep(0.01)
    [worker] = cluster.worker_nodes
    cluster.remove_node(worker, allow_graceful=False)  # SIGKILL its raylet and workers
    try:
        thread.join(180)
        assert "error" not in outcome, outcome.get("error")
        assert [r["id"] for r in read_jsonl(Path("out/q.jsonl"))] == [r["id"] for r in records]
        assert outcome["result"].stats["2:test.node_probe"].docs_in == 600
    finally:
        cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
