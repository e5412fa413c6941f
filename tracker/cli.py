"""The command line: parse arguments, call the library, print results. No logic lives here.

Every failure the user can cause (a bad config, an unreachable database, a
malformed input line) ends as one line on stderr and a non-zero exit, never
a traceback; ``--debug`` shows the traceback for bug reports.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click

from tracker import __version__
from tracker.cli_common import config_option, default_config_path, friendly, load, missions_option
from tracker.cli_watch import watch
from tracker.config import load_watchlist
from tracker.model import NewsMoves


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@click.option("--debug", is_flag=True, help="Verbose logs and full tracebacks.")
def cli(debug: bool) -> None:
    """Track space missions' stated dates and alert when they slip, advance, are confirmed, happen or
    are cancelled."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if debug else "%(levelname)s %(message)s",
    )
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)
    # apprise logs rejected URLs with their tokens in plain text; our delivery
    # errors carry the reason with secrets redacted, so keep apprise quiet.
    logging.getLogger("apprise").setLevel(logging.DEBUG if debug else logging.CRITICAL + 1)


@cli.command()
@friendly
def demo() -> None:
    """Replay a bundled timeline through a local feed server and show the alerts.

    No network, no config: the first thing to run after installing.
    """
    from tracker.demo import run_demo

    run_demo(sys.stdout)


@cli.command()
@config_option
@friendly
def run(config_path: Path | None) -> None:
    """Run the daemon: poll due sources, deliver alerts, until SIGTERM or SIGINT (SIGHUP reloads)."""
    from tracker.daemon import Daemon

    path = config_path or default_config_path()
    config = load(path)
    daemon = Daemon(path)
    daemon.install_signal_handlers()
    sys.exit(daemon.run(config))


@cli.command()
@config_option
@friendly
def check(config_path: Path | None) -> None:
    """Poll every source once, deliver alerts, exit.

    Exits 1 with the cause when no source could be polled.
    """
    from tracker.app import open_app

    config = load(config_path)
    if not config.sources:
        click.echo("tracker: no sources configured", err=True)
        sys.exit(1)
    with open_app(config) as app:
        reports = app.poll(force=True)
        for report in reports:
            click.echo(report.line())
        overdue = app.check_overdue()
        if overdue:
            click.echo(f"{len(overdue)} targets became overdue")
        delivery = app.deliver()
    click.echo(f"alerts: {delivery.sent} sent, {delivery.retrying} to retry, {delivery.failed} failed")
    for line in delivery.errors:
        click.echo(line, err=True)
    if reports and not any(r.ok for r in reports):
        click.echo(f"tracker: no source could be polled ({reports[0].line()})", err=True)
        sys.exit(1)


@cli.command()
@config_option
@friendly
def status(config_path: Path | None) -> None:
    """Each milestone: current forecast, last change, evidence count; then sources and the outbox."""
    from tracker.reports import status_lines
    from tracker.store.db import Store

    config = load(config_path)
    store = Store(config.database)
    try:
        for line in status_lines(store, config):
            click.echo(line)
    finally:
        store.close()


@cli.command()
@click.argument("milestone")
@config_option
@friendly
def history(milestone: str, config_path: Path | None) -> None:
    """Forecast versions of MILESTONE (``change-7/launch``, or ``change-7`` for all its events)."""
    from tracker.reports import history_lines
    from tracker.store.db import Store

    config = load(config_path)
    store = Store(config.database)
    try:
        lines = history_lines(store, milestone)
    finally:
        store.close()
    if not lines:
        click.echo(f"tracker: no milestone {milestone!r} recorded yet (see `tracker status`)", err=True)
        sys.exit(1)
    for line in lines:
        click.echo(line)


@cli.command()
@missions_option
@click.option("--jsonl", is_flag=True, help="Read corpus items as JSON Lines; write {id, claims} lines.")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Publication date of plain text.")
@click.option("--lang", default=None, help="Language of plain text: en, zh or ru (default: guess).")
@friendly
def extract(missions_path: Path, jsonl: bool, published: Any, lang: str | None) -> None:
    """Read schedule claims from standard input.

    With --jsonl each input line is a corpus item (id, published, lang, title,
    text) and each output line is {"id": ..., "claims": [...]}.  Without it,
    the whole input is one text and each claim is printed as a JSON line.
    """
    from tracker.extract import Extractor
    from tracker.extract.jsonl import run_jsonl
    from tracker.model import TextItem

    watch = load_watchlist(missions_path, dict(os.environ))
    extractor = Extractor([m.as_mission() for m in watch.values()])
    # UTF-8 whatever the locale says: the contract is JSON Lines in UTF-8.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    try:
        if jsonl:
            bad = run_jsonl(stdin, stdout, extractor)
            stdout.flush()
            sys.exit(1 if bad else 0)
        day = published.date() if published else date.today()
        for claim in extractor.extract(TextItem(title="", text=stdin.read(), published=day, lang=lang)):
            stdout.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
    finally:
        stdout.flush()
        stdout.detach()


@cli.command()
@click.argument("items", type=click.File("r", encoding="utf-8"))
@missions_option
@click.option(
    "--news-moves",
    type=click.Choice([m.value for m in NewsMoves]),
    default=NewsMoves.REPORT.value,
    show_default=True,
    help="What a slip or advance reported by news alone does (see `policy` in the README).",
)
@friendly
def replay(items: TextIO, missions_path: Path, news_moves: str) -> None:
    """Replay corpus-format ITEMS (JSON Lines, `-` for stdin) through reading and comparison.

    Items are taken in publication order, starting from the watchlist's
    forecasts, on a throwaway database.  Prints one JSON line per change:
    {"milestone", "kind", "from", "to", "evidence": [item ids], "at"}.
    """
    from tracker.model import Policy
    from tracker.replay import read_items
    from tracker.replay import replay as run_replay

    errors: list[str] = []
    parsed = read_items(items, errors)
    for line in errors:
        click.echo(f"{items.name}: {line}", err=True)
    missions = load_watchlist(missions_path, dict(os.environ))
    for change in run_replay(parsed, missions, policy=Policy(news_moves=NewsMoves(news_moves))):
        click.echo(json.dumps(change, ensure_ascii=False))
    sys.exit(1 if errors else 0)


@cli.command()
@click.argument("config_file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@friendly
def validate(config_file: Path | None) -> None:
    """Check a config and its watchlists; every error is printed as file:line: message."""
    from tracker.notify.send import check_url

    path = config_file or default_config_path()
    config = load(path)
    problems = [f"{path}: channel {c.name!r}: {err}" for c in config.channels if (err := check_url(c.url))]
    for line in problems:
        click.echo(line, err=True)
    if problems:
        sys.exit(2)
    events = sum(len(m.forecasts) for m in config.missions.values())
    click.echo(
        f"{path}: OK — {len(config.sources)} sources, {len(config.missions)} missions "
        f"({events} forecasts), {len(config.channels)} channels"
    )


@cli.command("notify-test")
@config_option
@click.option("--channel", "only", default=None, help="Only this channel (by name).")
@friendly
def notify_test(config_path: Path | None, only: str | None) -> None:
    """Send a test message to every channel (or one) and report each result."""
    from tracker.app import utc_now
    from tracker.notify.render import render_test_message
    from tracker.notify.send import redact, send

    config = load(config_path)
    channels = [c for c in config.channels if only in (None, c.name)]
    if not channels:
        click.echo("tracker: no channel to test" + (f" named {only!r}" if only else ""), err=True)
        sys.exit(1)
    failed = 0
    for channel in channels:
        result = send(channel.url, render_test_message(channel.name, utc_now()))
        if result.ok:
            click.echo(f"{channel.name}: sent ({redact(channel.url)})")
        else:
            failed += 1
            click.echo(f"{channel.name}: FAILED: {result.error}", err=True)
    sys.exit(1 if failed else 0)


cli.add_command(watch)


def main() -> None:
    cli(prog_name="tracker")


if __name__ == "__main__":
    main()
