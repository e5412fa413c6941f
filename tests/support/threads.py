"""Running jobs on threads released at the same instant, to provoke races between instances."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run callables on threads released at the same instant; re-raise what any of them raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(n: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[n] = job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a job hung"
    assert not errors, errors
    return results
