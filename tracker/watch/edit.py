"""A planned edit of one watchlist or config file, and the error for bad command arguments."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Config


class WatchError(ValueError):
    """A mistake in the command's arguments; the message is one line naming the bad text."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One planned change to one file: what it says now, what it will say, and in words."""

    path: Path  # the file to rewrite, symlinks resolved
    shown: str  # how messages name it (as the config names it)
    before: str  # the text as read, to notice a concurrent edit
    after: str
    summary: str  # one line: what changed, windows printed normalised
    forecasts_changed: bool = False
    verify: Callable[[Config], bool] | None = None  # does the reloaded config show the change?

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff of the edit, for ``--dry-run``."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=self.shown,
                tofile=self.shown,
            )
        )
