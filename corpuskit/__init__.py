"""corpuskit: clean, deduplicate and annotate text corpora with pluggable YAML pipelines.

The public API. Plugin authors import from here, never from submodules.
"""

from corpuskit._document import Document
from corpuskit._errors import (
    ConfigError,
    ConfigWarning,
    CorpuskitError,
    DataError,
    InputError,
    ParamError,
    PluginError,
    ResumeError,
    RunError,
    StageError,
)
from corpuskit._plugins.hookmarkers import hookimpl
from corpuskit._plugins.manager import Plugins, load_plugins, own_version
from corpuskit._plugins.registry import ExecutorRegistry, RegisteredStage, StageRegistry
from corpuskit._run.executors.base import Executor, TaskFailed
from corpuskit._run.pipeline import Pipeline
from corpuskit._run.result import RunResult
from corpuskit._run.runinfo import RunInfo
from corpuskit._stages.checks import Finding, Upstream, UpstreamStage
from corpuskit._stages.context import StageContext
from corpuskit._stages.dedup.linefreq import frequent_line_decisions, line_hash, line_keys
from corpuskit._stages.kinds import (
    Exporter,
    Filter,
    GlobalStage,
    Loader,
    Mapper,
    PartWriter,
    Ref,
    Resources,
    Shard,
    StreamStage,
    param,
    stage,
)
from corpuskit._stages.stats import StageStats
from corpuskit._stages.verdict import ACTIONS, Action, Rules, Verdict, action_param, format_number

__version__ = own_version()
"""The installed distribution's version (``corpuskit --version`` prints it too)."""

__all__ = [
    "ACTIONS",
    "Action",
    "ConfigError",
    "ConfigWarning",
    "CorpuskitError",
    "DataError",
    "Document",
    "Executor",
    "ExecutorRegistry",
    "Exporter",
    "Filter",
    "Finding",
    "GlobalStage",
    "InputError",
    "Loader",
    "Mapper",
    "ParamError",
    "PartWriter",
    "Pipeline",
    "PluginError",
    "Plugins",
    "Ref",
    "RegisteredStage",
    "Resources",
    "ResumeError",
    "Rules",
    "RunError",
    "RunInfo",
    "RunResult",
    "Shard",
    "StageContext",
    "StageError",
    "StageRegistry",
    "StageStats",
    "StreamStage",
    "TaskFailed",
    "Upstream",
    "UpstreamStage",
    "Verdict",
    "__version__",
    "action_param",
    "format_number",
    "frequent_line_decisions",
    "hookimpl",
    "line_hash",
    "line_keys",
    "load_plugins",
    "param",
    "stage",
]
