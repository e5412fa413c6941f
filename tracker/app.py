"""Assemble the running parts from a config: storage, reader, HTTP client, routing, sender.

The one place that touches the real clock and the real network client; the
CLI, the daemon and the demo all build their pipeline here, so they run the
same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.config import Config
from tracker.extract import Extractor
from tracker.forecasts import make_router
from tracker.notify import send as send_module
from tracker.notify.outbox import DeliveryReport, Sender, deliver_due
from tracker.pipeline import Clock, Pipeline, PollReport, missions_of
from tracker.sources.http import make_client
from tracker.store.db import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    """A configured tracker: poll sources and deliver alerts."""

    config: Config
    pipeline: Pipeline
    send: Sender
    clock: Clock

    @property
    def store(self) -> Store:
        return self.pipeline.store

    def poll(self, *, force: bool = False, should_stop: Callable[[], bool] = lambda: False) -> list[PollReport]:
        return self.pipeline.poll_due(force=force, should_stop=should_stop)

    def check_overdue(self) -> list[int]:
        return self.pipeline.check_overdue()

    def deliver(self, *, should_stop: Callable[[], bool] = lambda: False) -> DeliveryReport:
        channels = {c.name: c for c in self.config.channels}
        return deliver_due(
            self.store,
            channels=channels,
            policy=self.config.delivery,
            send=self.send,
            clock=self.clock,
            should_stop=should_stop,
        )


@contextmanager
def open_app(
    config: Config,
    *,
    clock: Clock = utc_now,
    send: Sender | None = None,
    database: str | None = None,
    timeout: float | None = None,
) -> Iterator[App]:
    """A ready App (schema migrated, sources and watchlists registered); closes its resources."""
    store = Store(database or config.database)
    default_timeout = max((s.timeout.total_seconds() for s in config.sources), default=20.0)
    client = make_client(user_agent=config.user_agent, timeout=timeout or default_timeout)
    try:
        route = make_router([(c.name, c.kinds, c.missions) for c in config.channels])
        pipeline = Pipeline(
            config=config,
            store=store,
            extractor=Extractor(missions_of(config)),
            client=client,
            clock=clock,
            route=route,
            policy=config.policy,
        )
        pipeline.register()
        yield App(config=config, pipeline=pipeline, send=send or send_module.send, clock=clock)
    finally:
        client.close()
        store.close()
