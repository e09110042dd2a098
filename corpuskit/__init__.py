"""corpuskit: clean, deduplicate and annotate text corpora with pluggable YAML pipelines.

The public API. Plugin authors import from here, never from submodules.
"""

from corpuskit.context import StageContext
from corpuskit.document import Document
from corpuskit.errors import (
    ConfigError,
    CorpuskitError,
    DataError,
    InputError,
    PluginError,
    ResumeError,
    RunError,
    StageError,
)
from corpuskit.linefreq import frequent_line_decisions, line_hash, line_keys
from corpuskit.markers import hookimpl
from corpuskit.pipeline import Pipeline
from corpuskit.result import RunResult
from corpuskit.stage import (
    Exporter,
    Filter,
    GlobalStage,
    Loader,
    Mapper,
    PartWriter,
    Ref,
    Shard,
    StreamStage,
    param,
    stage,
)

__all__ = [
    "ConfigError",
    "CorpuskitError",
    "DataError",
    "Document",
    "Exporter",
    "Filter",
    "GlobalStage",
    "InputError",
    "Loader",
    "Mapper",
    "PartWriter",
    "Pipeline",
    "PluginError",
    "Ref",
    "ResumeError",
    "RunError",
    "RunResult",
    "Shard",
    "StageContext",
    "StageError",
    "StreamStage",
    "frequent_line_decisions",
    "hookimpl",
    "line_hash",
    "line_keys",
    "param",
    "stage",
]
