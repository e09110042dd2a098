"""A stage declares the resources it needs; the ray executor reserves them per work unit."""

from __future__ import annotations

import attrs
import pytest

from corpuskit import Mapper, Pipeline, PluginError, Resources, hookimpl, stage
from corpuskit._run.executors.ray import task_options
from corpuskit._run.plan import plan_segments
from corpuskit._run.tasks import ReduceTask, ShardTask


@stage("test.on_gpu", kind="extract", resources=Resources(cpus=2, gpus=1, memory=4 * 2**30))
@attrs.frozen
class OnGpu(Mapper):
    """Pretends to run a model on a GPU."""

    def map(self, doc, ctx):
        return doc


@hookimpl
def corpuskit_register_stages(registry):
    registry.add(OnGpu)


def _segments(make_plugins, stages):
    import sys

    pipeline = Pipeline.from_dict({"stages": stages}, plugins=make_plugins(sys.modules[__name__]))
    return plan_segments(pipeline.config)


def test_a_shard_task_asks_ray_for_what_its_segment_s_stages_need(make_plugins):
    gpu, plain = _segments(make_plugins, ["normalize", "test.on_gpu", "exact_dedup", "length_filter"])
    assert task_options(ShardTask("r", "t", gpu, 0), 1.0) == {"num_cpus": 2.0, "num_gpus": 1.0, "memory": 4 * 2**30}
    assert task_options(ShardTask("r", "t", plain, 0), 1.0) == {"num_cpus": 1.0}
    assert task_options(ShardTask("r", "t", plain, 0), 3.0) == {"num_cpus": 3.0}  # ray.num_cpus_per_task


def test_a_reduce_task_asks_for_its_global_stage_s_needs(make_plugins):
    (seg, _) = _segments(make_plugins, ["test.on_gpu", "exact_dedup"])
    assert task_options(ReduceTask("r", "t", 0, seg.tail, 0, 1), 1.0) == {"num_cpus": 1.0}


def test_resources_are_checked_when_declared():
    with pytest.raises(ValueError, match="'gpus' must be >= 0: -1"):
        Resources(gpus=-1)
    with pytest.raises(PluginError, match=r"resources must be corpuskit\.Resources"):
        stage("x", kind="clean", resources={"gpus": 1})
