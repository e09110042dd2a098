"""corpuskit: clean, deduplicate and annotate text corpora with pluggable YAML pipelines.

The public API. Plugin authors import from here, never from submodules.
"""

from corpuskit.context import StageContext
from corpuskit.document import Document
from corpuskit.errors import (
    ConfigError,
    CorpuskitError,
    InputError,
    PluginError,
    ResumeError,
    RunError,
    StageError,
)
from corpuskit.markers import hookimpl
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
    "Document",
    "Exporter",
    "Filter",
    "GlobalStage",
    "InputError",
    "Loader",
    "Mapper",
    "PartWriter",
    "PluginError",
    "Ref",
    "ResumeError",
    "RunError",
    "Shard",
    "StageContext",
    "StageError",
    "StreamStage",
    "hookimpl",
    "param",
    "stage",
]
