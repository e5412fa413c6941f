"""Validating an edit with the real loader, then writing it atomically.

The new text goes to a temporary file beside the target, :func:`load_config`
reads the config with that file in its place, and only then does ``os.replace``
move it over the target: a daemon reloading at any moment reads the old file or
the new one, never a broken or half-written one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedSeq

from tracker.config import Config, ConfigError, ConfigIssue, load_config
from tracker.watch.document import _read
from tracker.watch.edit import Edit, WatchError
from tracker.watch.merge import _changes, _lines, _to_other


@contextmanager
def _temp_beside(path: Path, text: str, mode: int | None) -> Iterator[Path]:
    """A temporary file next to ``path`` (same file system, so os.replace is atomic), removed after."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        yield temp
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


def _line_before(after: str, before: str, line: int) -> int:
    """A 1-based line of ``after`` as the line of ``before`` it replaces: the file on disk is ``before``."""
    old = _lines(before)
    changes = _changes(_lines(after), old)
    return max(1, min(_to_other(changes, line - 1, end=False) + 1, len(old)))


@dataclass(frozen=True, slots=True)
class _Stand:
    """A temporary file standing in for a real one during validation."""

    temp: str
    shown: str  # the real file, as messages name it
    after: str  # the temporary file's text
    before: str  # the real file's text

    def line(self, line: int) -> int:
        return _line_before(self.after, self.before, line)

    def reference(self, match: re.Match[str]) -> str:
        """``temp:12`` in a message as ``real:line``."""
        return f"{self.shown}:{self.line(int(match[1]))}"


def _renamed(error: ConfigError, stands: Sequence[_Stand]) -> ConfigError:
    """Issues found in temporary files, naming the real files and their lines as they are on disk."""

    def fix(text: str) -> str:
        for stand in stands:
            text = re.sub(re.escape(stand.temp) + r":(\d+)", stand.reference, text)
            text = text.replace(stand.temp, stand.shown)
        return text

    def issue(i: ConfigIssue) -> ConfigIssue:
        stand = next((s for s in stands if s.temp == i.path), None)
        return ConfigIssue(stand.shown, stand.line(i.line), fix(i.message)) if stand else i

    return ConfigError(issue(i) for i in error.issues)


def _config_pointing_at(config: Config, watchlist: Path, temp: Path) -> tuple[str, str]:
    """The config's text, and that text with its entry for ``watchlist`` naming ``temp`` instead."""
    doc = _read(config.path, str(config.path))
    index = next(i for i, p in enumerate(config.watchlist_paths) if p.resolve() == watchlist.resolve())
    entries = doc.root.get("watchlists")
    if not isinstance(entries, CommentedSeq) or index >= len(entries):
        raise WatchError(f"{config.path} changed since it was read; try again")
    entries[index] = str(temp).replace("${", "$${")
    return doc.raw, doc.render()


def _check(edit: Edit, config: Config, env: Mapping[str, str], temp: Path) -> Config:
    """Load the config as it will be once ``temp`` replaces the edited file; raise ConfigError.

    Errors name the real files, at the lines of the files as they are on disk.
    """
    if edit.path == config.path.resolve():
        before, text = edit.before, edit.after
    else:
        before, text = _config_pointing_at(config, edit.path, temp)
    with _temp_beside(config.path, text, None) as temp_config:
        try:
            loaded = load_config(temp_config, env)
        except ConfigError as exc:
            stands = [
                _Stand(str(temp_config), str(config.path), text, before),
                _Stand(str(temp), edit.shown, edit.after, edit.before),
            ]
            raise _renamed(exc, stands) from None
    if edit.verify is not None and not edit.verify(loaded):  # pragma: no cover - an edit in the wrong place
        raise WatchError(f"the edit of {edit.shown} did not show in the loaded config; nothing written")
    return loaded


def validate_edit(edit: Edit, config: Config, env: Mapping[str, str]) -> Config:
    """Check that the config loads with the edit in place, writing nothing; raise ConfigError."""
    with _temp_beside(edit.path, edit.after, None) as temp:
        return _check(edit, config, env, temp)


def apply_edit(edit: Edit, config: Config, env: Mapping[str, str]) -> Config:
    """Validate the edit with the real loader, then atomically replace the file; return the new config."""
    try:
        mode: int | None = edit.path.stat().st_mode & 0o7777
    except OSError:
        mode = None
    with _temp_beside(edit.path, edit.after, mode) as temp:
        loaded = _check(edit, config, env, temp)
        try:
            current = edit.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != edit.before:
            raise WatchError(f"{edit.shown} changed while it was being edited; nothing written, try again")
        os.replace(temp, edit.path)
    return loaded
