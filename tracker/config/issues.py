"""Problems in a user's file, and the words for them.

Each mistake is one ``path:line: message`` line that names the value the way the
user wrote it (``sources[0].interval``) and what was found, so it can be fixed
without reading a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    """One problem in a user's file, printed the way editors and compilers do."""

    path: str
    line: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ConfigError(ValueError):
    """Every problem found in a config and its watchlists, sorted by file then line."""

    def __init__(self, issues: Iterable[ConfigIssue]) -> None:
        unique = dict.fromkeys(issues)
        self.issues: list[ConfigIssue] = sorted(unique, key=lambda i: (i.path, i.line))
        super().__init__("\n".join(str(issue) for issue in self.issues))


Loc = tuple[str | int, ...]


def _describe(value: object) -> str:
    """A value as a YAML user thinks of it, for "got ..." in messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    return f"a {type(value).__name__}"


def _unknown(what: str, value: object, options: Sequence[str]) -> str:
    """``unknown kind 'atom' (expected one of: ...)``, or a suggestion when one is close."""
    lowered = {option.lower(): option for option in options}
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=1, cutoff=0.6)
    hint = f"; did you mean {lowered[close[0]]!r}?" if close else f" (expected one of: {', '.join(options)})"
    return f"unknown {what} {value!r}{hint}"


def _where(loc: Loc) -> str:
    """``sources[0].interval``: the dotted path of a value, for the start of a message."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _prefixed(loc: Loc, message: str) -> str:
    return f"{_where(loc)}: {message}" if loc else message
