"""The ``corpuskit`` command line."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from corpuskit._config.overrides import parse_override
from corpuskit._errors import ConfigError, CorpuskitError, did_you_mean
from corpuskit._plugins.manager import Plugins, load_plugins
from corpuskit._plugins.sources import import_plugin

F = TypeVar("F", bound=Callable[..., Any])

CLI_EXECUTOR = "local"
"""The executor of `corpuskit run` when neither the file nor --executor names one (the library's is serial)."""


def _fail(exc: CorpuskitError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread: the run stops as on Ctrl-C (exit 143 = 128 + SIGTERM)."""


def _on_sigterm(signum: int, frame: Any) -> None:
    from corpuskit._run.executors.base import interrupt

    interrupt(Terminated())


def _handle_errors(fn: F) -> F:
    """Report corpuskit errors as one clear message and the right exit code."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CorpuskitError as exc:
            _fail(exc)
        except Terminated:
            click.echo("terminated (SIGTERM); finished shards are kept, 'corpuskit run --resume' continues", err=True)
            sys.exit(143)
        except KeyboardInterrupt:
            click.echo("interrupted; finished shards are kept, 'corpuskit run --resume' continues", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="corpuskit")
def main() -> None:
    """Turn raw text corpora into clean, deduplicated, annotated datasets.

    \b
    Example:
      corpuskit run configs/news.yaml
      corpuskit stages minhash
    """


def _plugins(refs: tuple[str, ...]) -> Plugins:
    """The installed plugins, plus the one-off plugins given with ``--plugin`` (relative to the working directory)."""
    found = load_plugins()
    for ref in refs:
        found.add(import_plugin(ref, Path.cwd(), where="--plugin"))
    return found


_plugin_option = click.option("--plugin", "plugin_refs", multiple=True, metavar="MODULE|FILE.py",
                              help="Load a one-off plugin: a module name or a .py file (repeatable).")


def _load(config: str, overrides: tuple[str, ...], workers: int | None, executor: str | None,
          plugin_refs: tuple[str, ...] = ()) -> Any:
    from corpuskit._run.pipeline import Pipeline

    pairs = [parse_override(text) for text in overrides]
    if workers is not None:
        pairs.append(("workers", workers))
    if executor is not None:
        pairs.append(("executor", executor))
    pipeline = Pipeline.from_yaml(config, overrides=pairs, plugins=_plugins(plugin_refs))
    for warning in pipeline.warnings:
        click.echo(f"warning: {warning}", err=True)
    return pipeline


@main.command()
@click.argument("config", type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a value of the pipeline file (repeatable).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--executor", help="serial, local, ray or a plugin's (default: the file's, else local).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run, skipping finished shards.")
@click.option("--force", is_flag=True, help="With --resume: continue even though a stage's code changed.")
@click.option("--run-dir", type=click.Path(file_okay=False), help="Run directory (default .corpuskit/runs/NAME).")
@click.option("--ray-runtime-env", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Ray runtime_env (YAML or JSON) for every task: it can run code, so only from here.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no summary.")
@_plugin_option
@_handle_errors
def run(config: str, overrides: tuple[str, ...], workers: int | None, executor: str | None, resume: bool,
        force: bool, run_dir: str | None, ray_runtime_env: str | None, quiet: bool,
        plugin_refs: tuple[str, ...]) -> None:
    """Run the pipeline in CONFIG.

    \b
    Example:
      corpuskit run configs/news.yaml --workers 2
      corpuskit run configs/news.yaml --set stages.2.length_filter.min_words=80
      corpuskit run configs/news.yaml --resume
      corpuskit run my.yaml --plugin my_stages.py
    """
    from corpuskit.cli.summary import RichProgress, print_summary

    signal.signal(signal.SIGTERM, _on_sigterm)
    pipeline = _load(config, overrides, workers, executor, plugin_refs)
    progress = RichProgress() if not quiet and sys.stderr.isatty() else None
    try:
        result = pipeline.run(executor=pipeline.config.executor or CLI_EXECUTOR, run_dir=run_dir, resume=resume,
                              progress=progress, ray_runtime_env=_runtime_env(ray_runtime_env), force=force)
    finally:
        if progress is not None:
            progress.close()
    if not quiet:
        print_summary(result)


def _runtime_env(path: str | None) -> dict[str, Any] | None:
    """The mapping in a --ray-runtime-env file (YAML, which JSON also is)."""
    if path is None:
        return None
    import yaml

    with open(path, encoding="utf-8") as fh:
        env = yaml.safe_load(fh)
    if not isinstance(env, dict):
        raise ConfigError(f"expected a mapping (Ray's runtime_env), found {type(env).__name__}",
                          where=path, key="--ray-runtime-env")
    return env


@main.command()
@click.argument("config", type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override a value (repeatable).")
@_plugin_option
@_handle_errors
def validate(config: str, overrides: tuple[str, ...], plugin_refs: tuple[str, ...]) -> None:
    """Check CONFIG without running it and print the resolved pipeline.

    Checks keys, stage names, parameters and their types, and that the inputs exist.

    \b
    Example:
      corpuskit validate configs/news.yaml --set workers=1
    """
    import yaml

    pipeline = _load(config, overrides, None, None, plugin_refs)
    cfg = pipeline.config
    shards = pipeline.plan()
    click.echo(f"{config}: valid. pipeline '{cfg.name}': {len(cfg.stages)} stages, {pipeline.segments()} segments, "
               f"{len(shards)} input shards")
    width = max(len(s.label) for s in cfg.stages)
    for spec in cfg.stages:
        marker = " (global)" if spec.is_global else ""
        click.echo(f"  {spec.label.ljust(width)}  {spec.kind:<11} from {spec.plugin}{marker}")
    click.echo("resolved:")
    click.echo(yaml.safe_dump(cfg.resolved(), sort_keys=False).rstrip())


@main.command()
@click.argument("run_dir", type=click.Path(file_okay=False, exists=True))
@click.option("--open", "open_browser", is_flag=True, help="Open report.html in the default browser.")
@_handle_errors
def report(run_dir: str, open_browser: bool) -> None:
    """Write RUN_DIR/report.html again and print a short summary of the run.

    \b
    Example:
      corpuskit report .corpuskit/runs/news-seeds --open
    """
    from corpuskit.cli.report import report as write_report

    write_report(Path(run_dir), open_browser=open_browser)


@main.command()
@_handle_errors
def plugins() -> None:
    """List installed plugins, their versions and the stages they provide.

    \b
    Example:
      corpuskit plugins
      CORPUSKIT_DISABLE_PLUGINS=news corpuskit plugins
    """
    found = load_plugins()
    found.load_all()
    for info in found.infos():
        stages = ", ".join(found.stages_of(info.name)) or "-"
        tag = " (builtin)" if info.builtin else ""
        dist = f" [{info.dist}]" if info.dist and not info.builtin else ""
        click.echo(f"{info.name} {info.version}{tag}{dist}\n  module: {info.module}\n  stages: {stages}")
        executors = [n for n in found.executors.names() if found.executors.plugin_of(n) == info.name]
        if executors:
            click.echo(f"  executors: {', '.join(executors)}")
    for name, error in found.failed.items():
        click.echo(f"{name} BROKEN (disabled; the other plugins work)")
        lines = error.splitlines()
        click.echo("\n".join([f"  error: {lines[0]}", *(f"  {line.strip()}" for line in lines[1:])]))
    for warning in found.warnings:
        click.echo(f"warning: {warning}")


@main.command()
@click.argument("name", required=False)
@click.option("--markdown", is_flag=True, help="Print every stage's reference as Markdown (docs/stages.md).")
@_plugin_option
@_handle_errors
def stages(name: str | None, markdown: bool, plugin_refs: tuple[str, ...]) -> None:
    """List stages, or document stage NAME (kind, parameters, what it writes).

    \b
    Example:
      corpuskit stages
      corpuskit stages length_filter
      corpuskit stages --markdown > docs/stages.md
    """
    from corpuskit._plugins.stagedoc import describe_stage, markdown_reference, stage_lines

    found = _plugins(plugin_refs)
    if markdown:
        click.echo(markdown_reference(list(found.stages)))
        return
    if name is None:
        for line in stage_lines(list(found.stages)):
            click.echo(line)
        return
    wanted = found.stages.get(name)
    if wanted is None:
        raise ConfigError(f"unknown stage '{name}'", hint=did_you_mean(name, found.stages.names()))
    click.echo(describe_stage(wanted))




@main.command()
@click.argument("path")
@click.option("-n", "count", type=click.IntRange(min=1), default=5, show_default=True, help="How many records.")
@click.option("--loader", help="The loader to read PATH with (default: chosen from the extension).")
@click.option("--set", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the loader, e.g. --set text_field=content (repeatable).")
@_plugin_option
@_handle_errors
def peek(path: str, count: int, loader: str | None, params: tuple[str, ...], plugin_refs: tuple[str, ...]) -> None:
    """Show the first documents of PATH as corpuskit reads them: id, text start, meta.

    The loader is chosen from the path (.parquet, .arrow or a save_to_disk folder, .csv/.tsv,
    .jsonl, .warc, .html, else text), so you see how columns map before writing a pipeline.

    \b
    Example:
      corpuskit peek data/train-00000-of-00004.parquet -n 3
      corpuskit peek export.csv --set text_field=body
    """
    from corpuskit.cli.peek import peek as peek_at
    from corpuskit.cli.peek import render

    found = peek_at(path, count, _plugins(plugin_refs), loader, dict(parse_override(p) for p in params))
    for line in render(path, found):
        click.echo(line)


@main.command("new-plugin")
@click.argument("name")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Where to create the package folder.")
@_handle_errors
def new_plugin(name: str, directory: str) -> None:
    """Write a plugin package NAME: a streaming and a global stage, entry points, tests, README.

    It installs and passes its own tests at once:

    \b
    Example:
      corpuskit new-plugin mysite
      pip install -e mysite && python -m pytest mysite/tests
    """
    from corpuskit.cli.scaffold import write_plugin

    root = write_plugin(name, Path(directory))
    click.echo(f"wrote {root}: pip install -e {root} && python -m pytest {root / 'tests'}")
