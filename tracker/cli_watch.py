"""``tracker watch add|set|remove``: edit the watchlist from the command line.

Thin like the rest of the command line: parse the arguments, let
:mod:`tracker.watch` plan, validate and write the edit, print what changed.

"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from tracker.cli_common import config_option, friendly, load
from tracker.config import Config
from tracker.watch import Edit, WatchError, apply_edit, plan_add, plan_remove, plan_set, validate_edit

F = TypeVar("F", bound=Callable[..., None])

RELOAD_HINT = "a running daemon picks this up on reload (`systemctl reload tracker`, or SIGHUP)"
FORECAST_HINT = "; it records your forecast as a new version, without an alert"

_EPILOG = """\
Comments, key order, quoting and layout are kept; only the lines that change
are rewritten.  The config is loaded with the edit in place before anything is
written: on an error nothing is written, the errors are printed as
file:line: message, and the exit status is 2.  The file is then replaced
atomically, so a daemon reloading meanwhile never reads half a file; the
daemon applies the change on its next reload (`systemctl reload tracker`, or
SIGHUP).
"""


def _dry_run_option(fn: F) -> F:
    return click.option(
        "--dry-run",
        "-n",
        is_flag=True,
        help="Check the edit and print it as a diff; write nothing.",
    )(fn)


def _run(config_path: Path | None, dry_run: bool, plan: Callable[[Config], Edit]) -> None:
    """Load the config, plan the edit, validate it and write it (or show it)."""

    @friendly
    def run() -> None:
        try:
            config = load(config_path)
            edit = plan(config)
            if not edit.changed:
                click.echo(edit.summary)
                return
            env = dict(os.environ)
            if dry_run:
                validate_edit(edit, config, env)
                click.echo(edit.diff(), nl=False)
                click.echo(f"{edit.summary} [dry run: nothing written]")
                return
            apply_edit(edit, config, env)
        except WatchError as exc:
            click.echo(f"tracker: {exc}", err=True)
            sys.exit(2)
        except OSError as exc:
            click.echo(f"tracker: cannot write {exc.filename or 'the file'}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        click.echo(edit.summary)
        click.echo(f"tracker: {RELOAD_HINT}{FORECAST_HINT if edit.forecasts_changed else ''}", err=True)

    run()


@click.group()
def watch() -> None:
    """Edit the watchlist: add a mission, set a forecast, remove either.

    \b
      tracker watch add change-8 --name "Chang'e 8" --forecast launch="about 2028"
      tracker watch set change-7 launch "Aug 2026"
      tracker watch remove change-7 landing

    Events are launch, landing, sample_return and complete; dates use the
    watchlist grammar (2026, about 2025, by 2030, NET 2026-09, Aug 2026,
    H2 2026, Q3 2026, mid-2027, 2030s, ...).  Each command prints one line
    saying what changed, the dates as tracker reads them.  A running daemon
    picks the change up on reload (`systemctl reload tracker`, or SIGHUP); a
    forecast you write becomes your own new forecast version, without an alert.
    """


@watch.command(epilog=_EPILOG, short_help="Add a mission to watch.")
@click.argument("mission_id")
@click.option("--name", required=True, help="The mission's name, as texts call it.")
@click.option("--alias", "aliases", multiple=True, help="Another name texts use (repeatable).")
@click.option(
    "--forecast",
    "forecasts",
    multiple=True,
    metavar="EVENT=WINDOW",
    help="Your forecast for an event, e.g. launch='about 2028' (repeatable).",
)
@click.option(
    "--file",
    "file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The config or one of its watchlists to add to (default: the config's first watchlist, "
    "else the config itself, under `missions:`).",
)
@config_option
@_dry_run_option
def add(
    mission_id: str,
    name: str,
    aliases: tuple[str, ...],
    forecasts: tuple[str, ...],
    file: Path | None,
    config_path: Path | None,
    dry_run: bool,
) -> None:
    """Add a mission to watch, MISSION_ID being lowercase letters, digits and hyphens.

    The id must not exist yet in the config or any of its watchlists (the
    error names where it is).  The mission is appended to the file's
    `missions:` map, which is created if the file has none.
    """
    _run(config_path, dry_run, lambda config: plan_add(config, mission_id, name, aliases, forecasts, file))


@watch.command("set", epilog=_EPILOG, short_help="Set a forecast, the name or aliases of a mission.")
@click.argument("mission_id")
@click.argument("event", required=False)
@click.argument("window", required=False)
@click.option("--name", default=None, help="Rename the mission.")
@click.option("--alias", "aliases", multiple=True, help="Add an alias (repeatable); existing ones are kept.")
@config_option
@_dry_run_option
def set_(
    mission_id: str,
    event: str | None,
    window: str | None,
    name: str | None,
    aliases: tuple[str, ...],
    config_path: Path | None,
    dry_run: bool,
) -> None:
    """Set MISSION_ID's forecast for EVENT to WINDOW, adding it or replacing the old one.

    Also, or instead, rename the mission (--name) or add aliases (--alias).
    Setting what is already there changes nothing and writes nothing.  The
    file edited is the one where the mission is defined: the config for a
    mission written under its own `missions:`, else the watchlist file.
    """
    if (event is None) != (window is None):
        raise click.UsageError("give both EVENT and WINDOW, e.g. `tracker watch set change-7 launch 'Aug 2026'`")
    if event is None and name is None and not aliases:
        raise click.UsageError("nothing to set: give EVENT WINDOW, --name or --alias")
    _run(config_path, dry_run, lambda config: plan_set(config, mission_id, event, window, name, aliases))


@watch.command(epilog=_EPILOG, short_help="Remove a forecast, aliases or a whole mission.")
@click.argument("mission_id")
@click.argument("event", required=False)
@click.option("--alias", "aliases", multiple=True, help="Remove this alias (repeatable).")
@config_option
@_dry_run_option
def remove(
    mission_id: str, event: str | None, aliases: tuple[str, ...], config_path: Path | None, dry_run: bool
) -> None:
    """Remove MISSION_ID's forecast for EVENT, or aliases, or with neither the whole mission.

    The file edited is the one where the mission is defined.  Removing a
    forecast keeps the mission watched; its recorded forecast history stays in
    the database.  A mission that a channel's `missions:`
    filter names cannot be removed until the filter no longer names it (the
    error says where).
    """
    _run(config_path, dry_run, lambda config: plan_remove(config, mission_id, event, aliases))
