"""What every command shares: finding and loading the config, common options, one-line errors.

Every failure the user can cause (a bad config, an unreachable database, a
malformed input line) ends as one line on stderr and a non-zero exit, never
a traceback; ``--debug`` shows the traceback for bug reports.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from tracker.config import Config, ConfigError, load_config
from tracker.errors import first_line

P = ParamSpec("P")
R = TypeVar("R")

CONFIG_ENV = "TRACKER_CONFIG"


def default_config_path() -> Path:
    """``$TRACKER_CONFIG``, else ./config.yaml, else ~/.config/tracker/config.yaml."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path("config.yaml")
    if local.exists():
        return local
    import platformdirs

    return Path(platformdirs.user_config_dir("tracker")) / "config.yaml"


def config_option(fn: Callable[P, R]) -> Callable[P, R]:
    return click.option(
        "--config",
        "-c",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=f"Config file (default: ${CONFIG_ENV}, ./config.yaml, or ~/.config/tracker/config.yaml).",
    )(fn)


def missions_option(fn: Callable[P, R]) -> Callable[P, R]:
    return click.option(
        "--missions",
        "missions_path",
        required=True,
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="The missions: a watchlist, a config, or a corpus missions.yaml (a `missions:` map).",
    )(fn)


def load(config_path: Path | None) -> Config:
    path = config_path or default_config_path()
    if not path.exists():
        raise click.UsageError(f"no config file at {path}; copy config.example.yaml there or pass --config")
    return load_config(path, dict(os.environ))


def friendly(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn expected failures into one clear line and an exit code."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                raise
            click.echo(f"tracker: {type(exc).__name__}: {first_line(exc)}", err=True)
            sys.exit(1)

    return run
