"""The daemon: APScheduler drives a poll tick and a delivery job until a signal stops it.

Jobs run one at a time on a single worker thread, each step in its own
transaction; SIGTERM/SIGINT let the running step finish, then stop, so
nothing half-written is left.  SIGHUP reloads the config and watchlists.
systemd is told when the service is ready and when it is stopping.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from tracker.app import App, open_app
from tracker.config import Config, ConfigError, load_config
from tracker.errors import first_line

log = logging.getLogger(__name__)

SIGNAL_CHECK_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    tick_seconds: float = 30.0  # how often to ask storage which sources are due
    deliver_seconds: float = 30.0
    overdue_hour: int = 6  # UTC hour of the daily overdue check


def sd_notify(state: str, environ: dict[str, str] | None = None) -> bool:
    """Tell systemd about our state (Type=notify); a no-op outside systemd."""
    address = (environ or dict(os.environ)).get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(address)
            sock.sendall(state.encode())
        except OSError as exc:
            log.warning("could not notify systemd: %s", exc)
            return False
    return True


class Daemon:
    """Runs the scheduler over an App until told to stop."""

    def __init__(self, config_path: Path, settings: DaemonSettings | None = None) -> None:
        self.config_path = config_path
        self.settings = settings or DaemonSettings()
        # Plain flags, set from signal handlers: a handler runs on the main thread
        # between any two bytecodes, even inside a lock's critical section, so it
        # must not take a lock (Event.set would deadlock inside Event.wait).
        self.stop_requested = False
        self.reload_requested = False

    def request_stop(self, *_: object) -> None:
        self.stop_requested = True

    def request_reload(self, *_: object) -> None:
        self.reload_requested = True

    def install_signal_handlers(self) -> None:
        def stop(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s, stopping after the current step", signal.Signals(signum).name)
            self.request_stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, lambda *_: self.request_reload())

    def run(self, config: Config) -> int:
        """Serve until stopped; returns the process exit code."""
        previous: Config | None = None  # the config that ran before a reload, to fall back on
        while not self.stop_requested:
            try:
                with ExitStack() as stack:
                    app = stack.enter_context(open_app(config))
                    self._serve(app)
            except Exception as exc:
                if previous is None:
                    raise
                log.error(
                    "could not start with the reloaded config (%s: %s); keeping the previous one",
                    type(exc).__name__,
                    first_line(exc),
                )
                config, previous = previous, None
                continue
            if self.reload_requested:
                self.reload_requested = False
                sd_notify("RELOADING=1")
                previous, config = config, self._reload(config)
        sd_notify("STOPPING=1")
        log.info("stopped")
        return 0

    def _reload(self, current: Config) -> Config:
        try:
            config = load_config(self.config_path, dict(os.environ))
        except ConfigError as exc:
            log.error("config not reloaded, keeping the running one:\n%s", exc)
            return current
        log.info("config reloaded from %s", self.config_path)
        return config

    def _serve(self, app: App) -> None:
        scheduler = BackgroundScheduler(executors={"default": ThreadPoolExecutor(1)}, timezone="UTC")
        every = {"trigger": "interval", "max_instances": 1, "coalesce": True, "next_run_time": app.clock()}
        jobs: list[tuple[str, Callable[[], None], dict[str, Any]]] = [
            ("poll", lambda: self._poll(app), {"seconds": self.settings.tick_seconds}),
            ("deliver", lambda: self._deliver(app), {"seconds": self.settings.deliver_seconds}),
            # daily, and once at start so a restart misses no day
            ("overdue", lambda: self._overdue(app), {"trigger": "cron", "hour": self.settings.overdue_hour}),
        ]
        for name, job, options in jobs:
            scheduler.add_job(self._guarded(name, job), id=name, **{**every, **options})
        scheduler.start()
        sd_notify("READY=1")
        log.info(
            "tracking %d missions from %d sources; %d channels",
            len(app.config.missions),
            len(app.config.sources),
            len(app.config.channels),
        )
        while not self._interrupted():  # short sleeps: the handlers only set flags
            time.sleep(SIGNAL_CHECK_SECONDS)
        scheduler.shutdown(wait=True)  # let the running step finish its transaction

    def _guarded(self, name: str, job: Callable[[], None]) -> Callable[[], None]:
        """A job that logs one line on failure instead of killing the scheduler."""

        def run() -> None:
            if self.stop_requested:
                return
            try:
                job()
            except Exception as exc:
                log.error("%s step failed: %s: %s", name, type(exc).__name__, exc)
                log.debug("%s step traceback", name, exc_info=True)

        return run

    def _poll(self, app: App) -> None:
        for report in app.poll(should_stop=self._interrupted):
            (log.info if report.ok else log.warning)("%s", report.line())

    def _interrupted(self) -> bool:
        """Stop between steps for a stop or a reload request: both wait for the running job."""
        return self.stop_requested or self.reload_requested

    def _overdue(self, app: App) -> None:
        raised = app.check_overdue()
        if raised:
            log.info("%d targets became overdue", len(raised))

    def _deliver(self, app: App) -> None:
        report = app.deliver(should_stop=self._interrupted)
        if report.sent:
            log.info("sent %d alerts", report.sent)
