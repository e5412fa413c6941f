"""Reading one YAML file with the line of every key kept, so each problem can name its line.

ruamel's round-trip loader remembers positions; the plain, substituted data is what
the schema checks.  Unreadable files and YAML syntax errors become issues, not
tracebacks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from tracker.config.env import _to_plain
from tracker.config.issues import ConfigError, ConfigIssue, Loc, _describe


@dataclass(frozen=True, slots=True)
class _Doc:
    """One parsed file: the ruamel tree knows where things were; ``data`` is plain and substituted."""

    shown: str  # the path as the user gave it
    root: Any
    data: dict[Any, Any]
    tainted: frozenset[Loc]  # values whose env substitution failed: don't pile more errors on them

    def line(self, loc: Loc) -> int:
        return _line_of(self.root, loc)


def _line_of(root: Any, loc: Loc) -> int:
    """The 1-based line of the deepest key or item along ``loc`` that the tree knows."""
    line, node = 1, root
    for part in loc:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
            else:
                break
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):  # merge keys have no position
            break
    return line


class _Report:
    """The issues of one load; created per call, never shared."""

    def __init__(self) -> None:
        self.issues: list[ConfigIssue] = []

    def add(self, path: str, line: int, message: str) -> None:
        self.issues.append(ConfigIssue(path, line, message))

    def at(self, doc: _Doc, loc: Loc, message: str) -> None:
        if any(loc[: len(bad)] == bad for bad in doc.tainted):
            return
        self.add(doc.shown, doc.line(loc), message)

    def error(self) -> ConfigError:
        return ConfigError(self.issues)


def _read_text(path: Path, shown: str, report: _Report) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        report.add(shown, 1, "file not found")
        return None
    except OSError as exc:
        report.add(shown, 1, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add(shown, line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})")
        return None


def _parse_yaml(text: str, shown: str, report: _Report) -> tuple[bool, Any]:
    """(ok, tree); a syntax error becomes ``YAML syntax error: <problem>`` at its line."""
    try:
        return True, YAML(typ="rt").load(text)
    except DuplicateKeyError as exc:
        key = re.search(r'duplicate key "(.*?)"', str(exc.problem))
        first = f" (first on line {exc.context_mark.line + 1})" if exc.context_mark else ""
        what = f"duplicate key {key.group(1)!r}" if key else str(exc.problem)
        report.add(shown, exc.problem_mark.line + 1 if exc.problem_mark else 1, f"YAML syntax error: {what}{first}")
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "unreadable YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
        report.add(shown, line, f"YAML syntax error: {problem}")
    except ReaderError as exc:
        report.add(shown, text[: exc.position].count("\n") + 1, f"YAML syntax error: {exc.reason}")
    except YAMLError as exc:
        report.add(shown, 1, f"YAML syntax error: {(str(exc).splitlines() or [type(exc).__name__])[0]}")
    except RecursionError:
        report.add(shown, 1, "YAML syntax error: nested too deeply")
    return False, None


def _load_doc(path: Path, shown: str, env: Mapping[str, str] | None, report: _Report, what: str) -> _Doc | None:
    """Read, parse and substitute one file whose top level must be a mapping."""
    text = _read_text(path, shown, report)
    if text is None:
        return None
    ok, root = _parse_yaml(text, shown, report)
    if not ok:
        return None
    if root is None:
        report.add(shown, 1, f"the {what} file is empty: expected a mapping with {_REQUIRED[what]}")
        return None
    if not isinstance(root, CommentedMap):
        report.add(shown, 1, f"the {what} file must be a mapping with {_REQUIRED[what]}, not {_describe(root)}")
        return None
    problems: list[tuple[Loc, str]] = []
    data = _to_plain(root, (), env, problems)
    for loc, message in problems:
        report.add(shown, _line_of(root, loc), message)
    return _Doc(shown, root, data, frozenset(loc for loc, _ in problems))


_REQUIRED = {"config": "'sources:' (see config.example.yaml)", "watchlist": "a 'missions:' map"}
