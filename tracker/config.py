"""The config and watchlists: YAML files people edit by hand, read into frozen values.

Every mistake in those files becomes one ``path:line: message`` line, and all of
them are reported at once (``ConfigError``): a user fixes a file in one pass
instead of one restart per typo, and never sees a traceback for a bad file.

Loading runs in small steps, each its own function:

1. read YAML with ruamel's round-trip loader, which remembers where every key
   and item was (``_load_doc``, ``_line_of``);
2. substitute ``${NAME}`` / ``${NAME:-default}`` in string values (``_substitute``);
3. check the shape with pydantic models (``_Schema`` subclasses, extra keys
   forbidden), one unit at a time (a source, a mission, a channel) so one bad
   entry never hides the problems of the others (``_validate``);
4. cross-check what one unit cannot see alone: duplicate names, filters naming
   unknown missions, selectors on non-page sources (``_check_*``);
5. build the public frozen values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar, get_args
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from tracker import __version__
from tracker.model import ChangeKind, Event, NewsMoves, Policy
from tracker.windows import DateWindow, parse_window

__all__ = [
    "ALL_CHANGE_KINDS",
    "DEFAULT_CHANNEL_KINDS",
    "DEFAULT_USER_AGENT",
    "ChannelConfig",
    "Config",
    "ConfigError",
    "ConfigIssue",
    "DeliveryPolicy",
    "MissionConfig",
    "SourceConfig",
    "SourceKind",
    "Trust",
    "load_config",
    "load_watchlist",
    "parse_duration",
    "parse_size",
]

# ============================================================================ public values

Trust = Literal["agency", "news"]
SourceKind = Literal["rss", "ll2", "page"]
# Kinds the schema knows but the pipeline cannot poll yet: refused rather than failing at run time.
NOT_YET_SUPPORTED = ("ll2", "page")

ALL_CHANGE_KINDS: frozenset[str] = frozenset(kind.value for kind in ChangeKind)
# A channel without a `kinds:` filter hears about moves and outcomes. "new" (a first
# forecast) and "refined" (the same target, more precisely) are opt-in: they are noise
# for most channels.
DEFAULT_CHANNEL_KINDS: frozenset[str] = ALL_CHANGE_KINDS - {ChangeKind.NEW.value, ChangeKind.REFINED.value}
DEFAULT_USER_AGENT = f"tracker/{__version__} (mission schedule tracker)"

DEFAULT_INTERVAL = timedelta(minutes=30)
DEFAULT_JITTER = timedelta(minutes=2)
DEFAULT_TIMEOUT = timedelta(seconds=20)
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_ATTEMPTS = 30
DEFAULT_POLICY = Policy()
DEFAULT_BACKOFF = timedelta(minutes=1)
DEFAULT_MAX_BACKOFF = timedelta(hours=6)


def _empty_mapping() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One feed to poll, with the defaults already applied."""

    name: str
    kind: SourceKind
    url: str
    trust: Trust = "news"
    lang: str | None = None
    interval: timedelta = DEFAULT_INTERVAL
    jitter: timedelta = DEFAULT_JITTER
    timeout: timedelta = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    selector: str | None = None


@dataclass(frozen=True, slots=True)
class MissionConfig:
    """A watched mission and the user's own forecasts for its events."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()  # the name first, no duplicates
    forecasts: Mapping[Event, DateWindow] = field(default_factory=_empty_mapping, hash=False)
    forecast_text: Mapping[Event, str] = field(default_factory=_empty_mapping, hash=False)  # as written
    origin: str = ""  # "path:line" where the mission is defined, for messages


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """An apprise URL and which changes it wants (None: every mission)."""

    name: str
    url: str
    kinds: frozenset[str] = DEFAULT_CHANNEL_KINDS
    missions: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """How a failed alert is retried: ``backoff`` doubling up to ``max_backoff``."""

    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    backoff: timedelta = DEFAULT_BACKOFF
    max_backoff: timedelta = DEFAULT_MAX_BACKOFF


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded, checked config with its watchlists merged in."""

    path: Path
    database: str | None = None  # None: the app picks the XDG data dir
    user_agent: str = DEFAULT_USER_AGENT
    sources: tuple[SourceConfig, ...] = ()
    missions: Mapping[str, MissionConfig] = field(default_factory=_empty_mapping, hash=False)
    channels: tuple[ChannelConfig, ...] = ()
    delivery: DeliveryPolicy = DeliveryPolicy()
    policy: Policy = DEFAULT_POLICY
    watchlist_paths: tuple[Path, ...] = ()


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


# ============================================================================ durations and sizes

_DURATION = re.compile(
    r"(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?\s*(?:(?P<s>\d+)\s*s)?", re.IGNORECASE
)
_DURATION_HELP = "write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m"


def parse_duration(text: str) -> timedelta:
    """``"90s"``, ``"30m"``, ``"1h30m"``, ``"1d"`` (and ``"0"``) as a timedelta.

    Units are required (is ``30`` seconds or minutes?) except for zero.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a duration, got {_describe(text)}; {_DURATION_HELP}")
    s = text.strip()
    if s == "0":
        return timedelta(0)
    match = _DURATION.fullmatch(s)
    if not s or match is None or not any(match.groups()):
        raise ValueError(f"invalid duration {text!r}; {_DURATION_HELP}")
    d, h, m, sec = (int(g or 0) for g in match.group("d", "h", "m", "s"))
    return timedelta(days=d, hours=h, minutes=m, seconds=sec)


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)", re.IGNORECASE)
# SI units are decimal, as disks and networks count; the binary ones are spelt KiB, MiB, GiB.
_SIZE_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE_HELP = "write a number of bytes or a size like 500KB, 5MB or 1GiB"


def parse_size(text: str | int) -> int:
    """Bytes from ``5242880``, ``"500KB"``, ``"5MB"`` (decimal) or ``"5MiB"`` (binary)."""
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError(f"expected a size, got {_describe(text)}; {_SIZE_HELP}")
    if isinstance(text, int):
        if text < 0:
            raise ValueError(f"invalid size {text}: must not be negative")
        return text
    match = _SIZE.fullmatch(text.strip())
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _SIZE_UNITS:
        raise ValueError(f"invalid size {text!r}; {_SIZE_HELP}")
    try:
        amount = Decimal(match.group(1)) * _SIZE_UNITS[unit]
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        raise ValueError(f"invalid size {text!r}; {_SIZE_HELP}") from None
    if amount != amount.to_integral_value():
        raise ValueError(f"invalid size {text!r}: not a whole number of bytes")
    return int(amount)


# ============================================================================ small helpers

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


# ============================================================================ YAML with positions


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


# ============================================================================ environment variables

_ENV_REF = re.compile(r"\$\$\{|\$\{([^}]*)(\})?")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _substitute(text: str, env: Mapping[str, str]) -> tuple[str, list[str]]:
    """``${NAME}`` and ``${NAME:-default}`` (default when unset or empty); ``$${`` is a literal ``${``."""
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$${":
            return "${"
        body, closed = match.group(1), match.group(2)
        name, has_default, default = body.partition(":-")
        if not closed or not _ENV_NAME.fullmatch(name):
            problems.append(f"bad environment reference {match.group(0)!r}: write ${{NAME}} or ${{NAME:-default}}")
            return match.group(0)
        value = env.get(name)
        if value:
            return value
        if has_default:
            return default
        if value is None:
            problems.append(f"environment variable {name} is not set")
            return match.group(0)
        return value

    return _ENV_REF.sub(replace, text), problems


def _to_plain(node: Any, loc: Loc, env: Mapping[str, str] | None, problems: list[tuple[Loc, str]]) -> Any:
    """ruamel's tree as plain dicts, lists and scalars, with env substituted in strings only."""
    if isinstance(node, dict):
        return {k: _to_plain(v, (*loc, k), env, problems) for k, v in node.items()}
    if isinstance(node, list):
        return [_to_plain(v, (*loc, i), env, problems) for i, v in enumerate(node)]
    if isinstance(node, TaggedScalar):
        problems.append((loc, f"unsupported YAML tag {getattr(node.tag, 'value', node.tag)}"))
        return None
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)  # ruamel's ScalarInt and friends
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        if env is None:
            return str(node)
        text, failed = _substitute(str(node), env)
        problems.extend((loc, message) for message in failed)
        return text
    return node


# ============================================================================ schema: leaf values


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}")
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _http_url(value: object) -> str:
    """An http(s) URL; the value is not echoed, it may carry a token."""
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http:// or https:// URL")
    return text


_DATABASE_URL = re.compile(r"[A-Za-z][\w+.-]*://.*", re.DOTALL)


def _database_url(value: object) -> str:
    """A SQLAlchemy URL's outline; the value is not echoed, it may carry a password."""
    text = _text(value)
    if not _DATABASE_URL.fullmatch(text):
        raise ValueError("expected a SQLAlchemy URL like sqlite:////var/lib/tracker/tracker.db")
    return text


_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _lang(value: object) -> str:
    text = _text(value)
    if not _LANG.fullmatch(text):
        raise ValueError(f"invalid language {text!r}: expected a code like en, zh or ru")
    return text


def _one_of(what: str, options: Sequence[str]) -> PlainValidator:
    def check(value: object) -> str:
        if isinstance(value, str) and value in options:
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected one of: {', '.join(options)}; got {_describe(value)}")
        raise ValueError(_unknown(what, value, options))

    return PlainValidator(check)


def _event(value: object) -> Event:
    if isinstance(value, str) and value in Event._value2member_map_:
        return Event(value)
    raise ValueError(_unknown("event", value, [e.value for e in Event]))


def _duration(value: object) -> timedelta:
    if value == 0 and not isinstance(value, bool):  # YAML reads `jitter: 0` as a number
        return timedelta(0)
    return parse_duration(value)  # type: ignore[arg-type]  # it explains any other type itself


def _positive_duration(value: object) -> timedelta:
    duration = _duration(value)
    if duration <= timedelta(0):
        raise ValueError("must be longer than zero")
    return duration


def _positive_size(value: object) -> int:
    size = parse_size(value)  # type: ignore[arg-type]  # parse_size rejects other types itself
    if size <= 0:
        raise ValueError("must be more than zero bytes")
    return size


def _positive_int(value: object) -> int:
    """A whole number >= 1; digit strings count, since ``${VAR}`` substitution yields strings."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_describe(value)}")
    if value < 1:
        raise ValueError(f"must be at least 1, got {value}")
    return value


@dataclass(frozen=True, slots=True)
class _Forecast:
    text: str
    window: DateWindow


def _forecast(value: object) -> _Forecast:
    """Window text as written; YAML may have read ``2026`` as a number or ``2026-08-24`` as a date."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as 'about 2025' or 'by 2030', got {_describe(value)}")
    return _Forecast(value.strip(), parse_window(value))  # WindowSyntaxError is a ValueError


def _or_empty(empty: Callable[[], object]) -> BeforeValidator:
    """An optional section written as a bare ``key:`` (all entries commented out) counts as empty."""
    return BeforeValidator(lambda value: empty() if value is None else value)


Text = Annotated[str, PlainValidator(_text)]
HttpUrl = Annotated[str, PlainValidator(_http_url)]
DatabaseUrl = Annotated[str, PlainValidator(_database_url)]
Lang = Annotated[str, PlainValidator(_lang)]
Duration = Annotated[timedelta, PlainValidator(_duration)]
PositiveDuration = Annotated[timedelta, PlainValidator(_positive_duration)]
Size = Annotated[int, PlainValidator(_positive_size)]
PositiveInt = Annotated[int, PlainValidator(_positive_int)]
EventKey = Annotated[Event, PlainValidator(_event)]
Forecast = Annotated[_Forecast, PlainValidator(_forecast)]
ChangeKindName = Annotated[str, _one_of("change kind", sorted(ALL_CHANGE_KINDS))]


# ============================================================================ schema: models


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class _Defaults(_Schema):
    interval: PositiveDuration = DEFAULT_INTERVAL
    jitter: Duration = DEFAULT_JITTER
    timeout: PositiveDuration = DEFAULT_TIMEOUT
    max_bytes: Size = DEFAULT_MAX_BYTES


class _Source(_Schema):
    name: Text
    kind: Annotated[SourceKind, _one_of("kind", get_args(SourceKind))]
    url: HttpUrl
    trust: Annotated[Trust, _one_of("trust", get_args(Trust))] = "news"
    lang: Lang | None = None
    interval: PositiveDuration | None = None
    jitter: Duration | None = None
    timeout: PositiveDuration | None = None
    max_bytes: Size | None = None
    selector: Text | None = None


class _Mission(_Schema):
    name: Text
    aliases: Annotated[tuple[Text, ...], _or_empty(tuple)] = ()
    forecasts: Annotated[dict[EventKey, Forecast], _or_empty(dict)] = Field(default_factory=dict)


class _Channel(_Schema):
    name: Text
    url: Text  # any apprise URL; `tracker validate` asks apprise about it
    kinds: tuple[ChangeKindName, ...] | None = None
    missions: tuple[Text, ...] | None = None


class _Policy(_Schema):
    news_moves: NewsMoves = NewsMoves.REPORT
    group_window: PositiveDuration = DEFAULT_POLICY.group_window
    corroboration_window: PositiveDuration = DEFAULT_POLICY.corroboration_window


class _Delivery(_Schema):
    max_attempts: PositiveInt = DEFAULT_MAX_ATTEMPTS
    backoff: PositiveDuration = DEFAULT_BACKOFF
    max_backoff: PositiveDuration = DEFAULT_MAX_BACKOFF


Section = Annotated[dict[Any, Any], _or_empty(dict)]
Entries = Annotated[list[Any], _or_empty(list)]


class _ConfigFile(_Schema):
    """The top level: its keys and scalars. Sections and entries are checked one by one below."""

    database: DatabaseUrl | None = None
    user_agent: Text = DEFAULT_USER_AGENT
    defaults: Section = Field(default_factory=dict)
    sources: Entries
    watchlists: Annotated[tuple[Text, ...], _or_empty(tuple)] = ()
    missions: Section = Field(default_factory=dict)
    channels: Entries = Field(default_factory=list)
    delivery: Section = Field(default_factory=dict)
    policy: Section = Field(default_factory=dict)


class _WatchlistFile(_Schema):
    missions: Section


# Keys that make a file a config rather than a watchlist (load_watchlist accepts both).
_CONFIG_ONLY_KEYS = frozenset(_ConfigFile.model_fields) - {"missions"}

_TYPE_MESSAGES = {
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
}

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: object, doc: _Doc, loc: Loc, report: _Report) -> M | None:
    """The model, or None with each of pydantic's errors reported at its line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where, message = _explain(model, loc, error)
            report.at(doc, where, message)
        return None


def _explain(model: type[BaseModel], prefix: Loc, error: Any) -> tuple[Loc, str]:
    """A pydantic error as (where in the file, message in the user's terms)."""
    rel: Loc = tuple(error["loc"])
    kind: str = error["type"]
    if "[key]" in rel:  # a mapping key failed: point at the key, name its parent
        rel = rel[: rel.index("[key]")]
        return prefix + rel, _prefixed(prefix + rel[:-1], str(error["ctx"]["error"]))
    full = prefix + rel
    if kind == "extra_forbidden":
        return full, _prefixed(prefix + rel[:-1], _unknown("key", rel[-1], list(model.model_fields)))
    if kind == "missing":
        return prefix + rel[:-1], _prefixed(prefix + rel[:-1], f"missing required key {rel[-1]!r}")
    if kind == "value_error":
        return full, _prefixed(full, str(error["ctx"]["error"]))
    if kind in _TYPE_MESSAGES:
        return full, _prefixed(full, f"{_TYPE_MESSAGES[kind]}, got {_describe(error['input'])}")
    return full, _prefixed(full, str(error["msg"]))


def _as_dict(value: object) -> dict[Any, Any]:
    """A section as written, or empty when it isn't a mapping (the schema reports that)."""
    return value if isinstance(value, dict) else {}


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


# Cross-checks read the raw entries, not the validated ones, so a duplicate or a
# misplaced selector is reported even when the same entry has another problem.


def _check_unique_names(doc: _Doc, section: str, what: str, report: _Report) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(_as_list(doc.data.get(section))):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        loc: Loc = (section, i, "name")
        if name.strip() in first:
            message = f"duplicate {what} name {name.strip()!r} (first on line {first[name.strip()]})"
            report.at(doc, loc, _prefixed(loc, message))
        else:
            first[name.strip()] = doc.line(loc)


# ============================================================================ sources


def _check_sources(doc: _Doc, defaults: _Defaults | None, report: _Report) -> list[SourceConfig]:
    """Each source on its own; names unique; a selector exactly where it means something."""
    _check_unique_names(doc, "sources", "source", report)
    sources: list[SourceConfig] = []
    for i, item in enumerate(_as_list(doc.data.get("sources"))):
        loc: Loc = ("sources", i)
        if isinstance(item, dict):
            kind, has_selector = item.get("kind"), item.get("selector") is not None
            if has_selector and kind in ("rss", "ll2"):
                where: Loc = (*loc, "selector")
                report.at(doc, where, _prefixed(where, f"only for kind: page, not kind: {kind}"))
            elif not has_selector and kind == "page":
                report.at(doc, loc, _prefixed(loc, "kind: page needs a selector (the CSS selector of its items)"))
            if kind in NOT_YET_SUPPORTED:
                where = (*loc, "kind")
                report.at(doc, where, _prefixed(where, f"kind: {kind} is not supported yet; use kind: rss"))
        source = _validate(_Source, item, doc, loc, report)
        if source is not None and defaults is not None:
            sources.append(_source_config(source, defaults))
    return sources


def _source_config(source: _Source, defaults: _Defaults) -> SourceConfig:
    return SourceConfig(
        name=source.name,
        kind=source.kind,
        url=source.url,
        trust=source.trust,
        lang=source.lang,
        interval=defaults.interval if source.interval is None else source.interval,
        jitter=defaults.jitter if source.jitter is None else source.jitter,
        timeout=defaults.timeout if source.timeout is None else source.timeout,
        max_bytes=defaults.max_bytes if source.max_bytes is None else source.max_bytes,
        selector=source.selector,
    )


# ============================================================================ missions

_MISSION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class _Declared:
    """A mission id where it was written (so a duplicate can name both places); None if invalid."""

    id: str
    doc: _Doc
    loc: Loc
    mission: MissionConfig | None

    @property
    def origin(self) -> str:
        return f"{self.doc.shown}:{self.doc.line(self.loc)}"


def _check_missions(doc: _Doc, report: _Report) -> list[_Declared]:
    """Every mission of one ``missions:`` map, each checked on its own."""
    declared: list[_Declared] = []
    for key, value in _as_dict(doc.data.get("missions")).items():
        loc: Loc = ("missions", key)
        mission = None
        if not isinstance(key, str) or not _MISSION_ID.fullmatch(key):
            slug = re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-")
            hint = f" (e.g. {slug!r})" if slug else ""
            message = f"invalid mission id {key!r}: use lowercase letters, digits and hyphens{hint}"
            report.at(doc, loc, _prefixed(("missions",), message))
        elif (checked := _validate(_Mission, value, doc, loc, report)) is not None:
            mission = _mission_config(key, checked, f"{doc.shown}:{doc.line(loc)}")
        if isinstance(key, str):
            declared.append(_Declared(key, doc, loc, mission))
    return declared


def _mission_config(mission_id: str, mission: _Mission, origin: str) -> MissionConfig:
    return MissionConfig(
        id=mission_id,
        name=mission.name,
        aliases=tuple(dict.fromkeys((mission.name, *mission.aliases))),
        forecasts=MappingProxyType({event: f.window for event, f in mission.forecasts.items()}),
        forecast_text=MappingProxyType({event: f.text for event, f in mission.forecasts.items()}),
        origin=origin,
    )


def _merge_missions(declared: Iterable[_Declared], report: _Report) -> dict[str, MissionConfig]:
    """One id, one mission: a second definition is an error that names the first."""
    first: dict[str, _Declared] = {}
    merged: dict[str, MissionConfig] = {}
    for d in declared:
        if d.id in first:
            message = f"duplicate mission id {d.id!r}: already defined at {first[d.id].origin}"
            report.at(d.doc, d.loc, _prefixed(("missions",), message))
            continue
        first[d.id] = d
        if d.mission is not None:
            merged[d.id] = d.mission
    return merged


def _load_watchlists(
    config_path: Path, doc: _Doc, env: Mapping[str, str] | None, report: _Report
) -> tuple[list[Path], list[_Declared], bool]:
    """The config's watchlist files, relative to it: (paths, missions, whether all could be read)."""
    paths: list[Path] = []
    declared: list[_Declared] = []
    complete = True
    seen: dict[Path, int] = {}
    for i, entry in enumerate(_as_list(doc.data.get("watchlists"))):
        if not isinstance(entry, str) or not entry.strip():
            complete = False  # the schema reports it
            continue
        loc: Loc = ("watchlists", i)
        path = config_path.parent / Path(entry.strip()).expanduser()
        if path.resolve() in seen:
            message = f"{entry.strip()!r} is listed twice (first on line {seen[path.resolve()]})"
            report.at(doc, loc, _prefixed(loc, message))
            continue
        seen[path.resolve()] = doc.line(loc)
        if not path.is_file():
            what = "is a directory" if path.is_dir() else "not found"
            report.at(doc, loc, _prefixed(loc, f"watchlist file {what}: {path}"))
            complete = False
            continue
        paths.append(path)
        watchlist = _load_doc(path, str(path), env, report, "watchlist")
        if watchlist is None or not isinstance(watchlist.data.get("missions"), dict | None):
            complete = False
        if watchlist is not None:
            _validate(_WatchlistFile, watchlist.data, watchlist, (), report)
            declared.extend(_check_missions(watchlist, report))
    return paths, declared, complete


# ============================================================================ channels and delivery


def _check_channels(doc: _Doc, missions: set[str] | None, report: _Report) -> list[ChannelConfig]:
    """Each channel on its own; names unique; filters name known missions (None: can't tell)."""
    _check_unique_names(doc, "channels", "channel", report)
    channels: list[ChannelConfig] = []
    for i, item in enumerate(_as_list(doc.data.get("channels"))):
        loc: Loc = ("channels", i)
        if isinstance(item, dict):
            _check_channel_filters(doc, loc, item, missions, report)
        channel = _validate(_Channel, item, doc, loc, report)
        if channel is not None:
            channels.append(
                ChannelConfig(
                    name=channel.name,
                    url=channel.url,
                    kinds=DEFAULT_CHANNEL_KINDS if channel.kinds is None else frozenset(channel.kinds),
                    missions=None if channel.missions is None else frozenset(channel.missions),
                )
            )
    return channels


def _check_channel_filters(
    doc: _Doc, loc: Loc, item: dict[Any, Any], missions: set[str] | None, report: _Report
) -> None:
    if item.get("kinds") == []:
        where: Loc = (*loc, "kinds")
        report.at(
            doc,
            where,
            _prefixed(where, "empty, so nothing would be sent; leave it out for the default kinds"),
        )
    for j, mission in enumerate(_as_list(item.get("missions"))):
        where = (*loc, "missions", j)
        if missions is not None and isinstance(mission, str) and mission.strip() not in missions:
            report.at(doc, where, _prefixed(where, _unknown("mission", mission, sorted(missions))))


def _check_delivery(doc: _Doc, report: _Report) -> DeliveryPolicy | None:
    delivery = _validate(_Delivery, _as_dict(doc.data.get("delivery")), doc, ("delivery",), report)
    if delivery is None:
        return None
    if delivery.max_backoff < delivery.backoff:
        where: Loc = ("delivery", "max_backoff")
        report.at(doc, where, _prefixed(where, "shorter than delivery.backoff"))
    return DeliveryPolicy(delivery.max_attempts, delivery.backoff, delivery.max_backoff)


# ============================================================================ entry points


def load_config(path: Path, env: Mapping[str, str]) -> Config:
    """Read a config and its watchlists; raise ConfigError listing every problem.

    ``env`` is the environment for ``${NAME}`` substitution (pass ``os.environ``).
    """
    return _load_config(path, env)


def _load_config(path: Path, env: Mapping[str, str] | None) -> Config:
    report = _Report()
    doc = _load_doc(path, str(path), env, report, "config")
    if doc is None:
        raise report.error()
    top = _validate(_ConfigFile, doc.data, doc, (), report)
    defaults = _validate(_Defaults, _as_dict(doc.data.get("defaults")), doc, ("defaults",), report)
    sources = _check_sources(doc, defaults, report)
    inline = _check_missions(doc, report)
    watchlist_paths, listed, complete = _load_watchlists(path, doc, env, report)
    missions = _merge_missions([*inline, *listed], report)
    known = {d.id for d in [*inline, *listed]} if complete else None
    channels = _check_channels(doc, known, report)
    delivery = _check_delivery(doc, report)
    policy = _validate(_Policy, _as_dict(doc.data.get("policy")), doc, ("policy",), report)
    if report.issues or top is None or delivery is None or policy is None:
        raise report.error()
    return Config(
        path=path,
        database=top.database,
        user_agent=top.user_agent,
        sources=tuple(sources),
        missions=MappingProxyType(missions),
        channels=tuple(channels),
        delivery=delivery,
        policy=Policy(policy.news_moves, policy.group_window, policy.corroboration_window),
        watchlist_paths=tuple(watchlist_paths),
    )


def load_watchlist(path: Path, env: Mapping[str, str] | None = None) -> dict[str, MissionConfig]:
    """The missions of a watchlist (or of the corpus ``missions.yaml``); raise ConfigError.

    With ``env`` None, ``${...}`` is left as written. Given a config file instead,
    its missions (inline and from its watchlists) are returned, so ``tracker
    extract --missions config.yaml`` works too.
    """
    report = _Report()
    doc = _load_doc(path, str(path), env, report, "watchlist")
    if doc is None:
        raise report.error()
    if _CONFIG_ONLY_KEYS & set(doc.data):
        return dict(_load_config(path, env).missions)
    _validate(_WatchlistFile, doc.data, doc, (), report)
    missions = _merge_missions(_check_missions(doc, report), report)
    if report.issues:
        raise report.error()
    return missions
