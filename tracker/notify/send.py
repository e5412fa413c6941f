"""The thin I/O edge over apprise: send one rendered message to one channel URL.

Every call builds its own plugin and ``apprise.Apprise`` object (no shared
state), picks the body the service renders best (Markdown for Slack, text for
email and the rest), and never raises: whatever goes wrong comes back as
``SendResult(ok=False, error=...)`` with one line that says why and never
carries a password or token from the URL.

Apprise explains failures through the ``logging`` module; its per-call log
capture (``notify(log_level=...)``, scoped with context variables, so it is
safe across threads) feeds the error line.  Socket-level detail ("Connection
refused") is logged by apprise at DEBUG and shows up in the line only when the
``apprise`` logger is enabled for DEBUG; this module never changes logger
levels itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import apprise
from apprise import AppriseAsset, NotifyFormat, NotifyType

from tracker.notify.render import Message

__all__ = ["Message", "SendResult", "check_url", "redact", "send"]

MASK = "****"
MAX_ERROR = 400

# Query keys whose values are credentials; "+"-prefixed keys are HTTP headers (json://, form://).
_SECRET_KEY = re.compile(r"pass|pwd|token|secret|key|auth|sig|cred|session|cookie|bearer", re.IGNORECASE)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")
# A path segment that reads like a word ("hook", "api", "v1", "services") rather than a token.
_PLAIN_SEGMENT = re.compile(r"[a-z][a-z_\-]{0,11}|v\d{1,2}|\d{1,5}")
_HOSTNAME = re.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]")
# apprise DEBUG lines that carry the underlying exception text, and the OS error inside one.
_EXCEPTION_DETAIL = re.compile(r"^(?:[\w ]*)Exception: (?P<detail>.+)$")
_OS_ERROR = re.compile(r"\[Errno -?\d+\] [^'\"()\]]+")


@dataclass(frozen=True, slots=True)
class SendResult:
    """What happened to one send: ok, or one clear, secret-free line saying why not."""

    ok: bool
    error: str | None


# --------------------------------------------------------------------------- redaction


def _mask(token: str) -> str:
    """apprise's privacy style: first and last character of a long token, else stars."""
    return f"{token[0]}...{token[-1]}" if len(token) >= 8 else MASK


def _looks_secret_host(host: str, private: Set[str]) -> bool:
    return bool(host) and (host in private or (not _HOSTNAME.fullmatch(host) and host != "_"))


def _looks_secret_segment(segment: str, private: Set[str]) -> bool:
    text = unquote(segment)
    if text in private:
        return True
    if not text or "@" in text or text[0] in "#@+":
        return False  # an email address, channel, user or id target
    return not _PLAIN_SEGMENT.fullmatch(text)


def _secret_query(key: str, value: str, private: Set[str]) -> bool:
    key = unquote(key)
    if not value:
        return False
    return key.startswith(("+", "-", ":")) or bool(_SECRET_KEY.search(key)) or unquote(value) in private


def _split(url: str) -> tuple[str, str, str, str, str, list[tuple[str, str]], str] | None:
    """scheme, userinfo, host, port, path, raw query pairs, fragment; None if not scheme://.

    Query pairs stay undecoded: apprise reads "+Header=value" with a literal
    plus, which form decoding would turn into a space.
    """
    match = _SCHEME.match(url)
    if match is None:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    try:
        port = str(parts.port) if parts.port else ""
    except ValueError:  # "bot123:TOKEN" (Telegram style) is no port: keep it whole as the host
        port = ""
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host = hostport[: -len(port) - 1] if port and hostport.endswith(f":{port}") else hostport
    query = [pair.partition("=")[::2] for pair in parts.query.split("&") if pair]
    return match["scheme"], userinfo, host, port, parts.path, query, parts.fragment


def _private_values(url: str) -> frozenset[str]:
    """What apprise itself marks private in this URL (tokens, keys); empty if it cannot load it."""
    try:
        plugin = apprise.Apprise.instantiate(url, asset=_asset(), suppress_exceptions=False)
    except Exception:  # an unloadable URL falls back to the syntactic rules alone
        return frozenset()
    return frozenset(_plugin_secrets(plugin)) if plugin is not None else frozenset()


def _url_secrets(url: str, private: Set[str]) -> set[str]:
    """Every piece of ``url`` that :func:`redact` masks, raw and decoded, for scrubbing text."""
    found = set(private)
    split = _split(url.strip())
    if split is None:
        return found
    _, userinfo, host, _, path, query, _ = split
    user, has_password, password = userinfo.partition(":")
    if has_password and password:
        found.add(password)
    if user and unquote(user) in private:
        found.add(user)
    if _looks_secret_host(host, private):
        found.add(host)
    found.update(seg for seg in path.split("/") if _looks_secret_segment(seg, private))
    found.update(value for key, value in query if _secret_query(key, value, private))
    return found | {unquote(s) for s in found}


def redact(url: str) -> str:
    """The URL with credentials and tokens masked, for logs and error lines.

    Masks what apprise marks private for the URL's service (when it loads
    the URL, offline) and, by shape, passwords, token-like hosts and path
    segments (Slack, Discord, Telegram style) and credential-looking query
    values or header parameters; hosts, ports, ordinary paths, addresses and
    channel names stay readable.
    """
    split = _split(url.strip())
    if split is None:
        return MASK if url.strip() else ""
    private = _private_values(url.strip())
    scheme, userinfo, host, port, path, query, fragment = split
    out = f"{scheme}://"
    if userinfo:
        user, has_password, password = userinfo.partition(":")
        out += _mask(unquote(user)) if unquote(user) in private else user
        out += (f":{MASK}" if has_password and password else "") + "@"
    out += _mask(host) if _looks_secret_host(host, private) else host
    out += f":{port}" if port else ""
    out += "/".join(_mask(unquote(s)) if _looks_secret_segment(s, private) else s for s in path.split("/"))
    if query:
        out += "?" + "&".join(f"{k}={MASK if _secret_query(k, v, private) else v}" for k, v in query)
    # A fragment is where apprise URLs name channels ("#general"), never credentials.
    return out + (f"#{fragment}" if fragment else "")


def _scrub(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text``, longest first, and keep it to one line."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    line = " ".join(text.split())
    return line if len(line) <= MAX_ERROR else line[: MAX_ERROR - 1] + "…"


# --------------------------------------------------------------------------- loading


def _asset() -> AppriseAsset:
    """Per call: names tracker in footers and headers, keeps apprise's state in memory only."""
    return AppriseAsset(
        app_id="tracker",
        app_desc="tracker: mission schedule alerts",
        storage_mode="memory",
        language="en",
    )


def _plugin_secrets(plugin: Any) -> set[str]:
    """Values apprise itself marks private (tokens, passwords) for this plugin."""
    found: set[str] = set()
    tokens = getattr(plugin, "template_tokens", {}) or {}
    for name, spec in tokens.items():
        if not (isinstance(spec, dict) and spec.get("private")):
            continue
        value = getattr(plugin, str(spec.get("map_to", name)), None)
        values = value if isinstance(value, list | tuple | set) else [value]
        found.update(v for v in values if isinstance(v, str) and v)
    return found


def _load(url: str) -> tuple[Any, str | None]:
    """apprise's plugin for ``url``, or None and a one-line reason."""
    match = _SCHEME.match(url.strip())
    if match is None:
        return None, "not a notification URL: expected scheme://…, e.g. mailto://… or slack://…"
    scheme = match["scheme"].lower()
    secrets = _url_secrets(url, frozenset())
    try:
        plugin = apprise.Apprise.instantiate(url.strip(), asset=_asset(), suppress_exceptions=False)
    except Exception as exc:  # plugins reject bad tokens/options with TypeError and a reason
        return None, _scrub(f"invalid {scheme}:// URL: {exc}", secrets)
    if plugin is not None:
        return plugin, None
    # The plugin registry is a singleton whose __init__ apprise leaves unannotated.
    if scheme not in apprise.NotificationManager():  # type: ignore[no-untyped-call]
        if scheme in ("http", "https"):
            return None, "apprise knows no service at this web address; use its scheme (json://, slack://, …)"
        return None, f"unknown notification scheme {scheme}:// (apprise has no such service)"
    return None, f"apprise could not read this {scheme}:// URL ({redact(url)})"


def check_url(url: str) -> str | None:
    """None if apprise understands ``url``, else a one-line reason (config validation).

    Offline: builds the plugin, sends nothing.
    """
    try:
        _, reason = _load(url)
    except Exception as exc:  # never let validation crash on a strange URL
        return _scrub(f"cannot check this URL: {exc}", _url_secrets(url, frozenset()))
    return reason


# --------------------------------------------------------------------------- sending


def _body_format(plugin: Any) -> NotifyFormat:
    """Markdown where the service renders it natively (Slack), text elsewhere (email, JSON)."""
    return NotifyFormat.MARKDOWN if plugin.resolve_format() == NotifyFormat.MARKDOWN else NotifyFormat.TEXT


def _cap_timeouts(plugin: Any, timeout: float) -> None:
    """Bound the plugin's connect/read timeouts: apprise's call deadline never cuts a running attempt."""
    for attr in ("socket_connect_timeout", "socket_read_timeout"):
        current = getattr(plugin, attr, None)
        if isinstance(current, int | float):
            setattr(plugin, attr, min(float(current), timeout))


def _where(plugin: Any, url: str) -> str:
    """Which endpoint, in words and without secrets: "SMTP 127.0.0.1:2525" or a redacted URL."""
    smtp_host = getattr(plugin, "smtp_host", None)
    if isinstance(smtp_host, str) and smtp_host:
        return f"SMTP {smtp_host}:{getattr(plugin, 'port', '?')}"
    return f"{getattr(plugin, 'service_name', 'service')} at {redact(url).partition('?')[0]}"


def _explain(result: Any, plugin: Any, url: str, timeout: float) -> str:
    """One line from apprise's captured log: its warnings, then any exception detail."""
    reasons: list[str] = []
    details: list[str] = []
    for entry in result.logs():
        message = " ".join(str(entry.message).split())
        if entry.level in ("WARNING", "ERROR", "CRITICAL"):
            reasons.append(message)
        elif (found := _EXCEPTION_DETAIL.match(message)) is not None:
            # requests nests the OS error deep in a pool message; the OS error is the why.
            os_error = _OS_ERROR.search(found["detail"])
            details.append(os_error[0].strip() if os_error else found["detail"])
    # A read that ran out the socket timeout looks like any connection error in the
    # warnings; the attempt's duration tells them apart.
    longest = max((a.elapsed for r in result for a in r.attempts), default=0.0)
    if result.status == apprise.AppriseResultStatus.TIMEOUT or longest >= 0.9 * timeout:
        reasons.insert(0, f"no answer within {timeout:g}s")
    service = getattr(plugin, "service_name", "the service")
    reason = "; ".join(dict.fromkeys(reasons)) or f"{service} did not accept the message"
    if details:
        reason += f" ({'; '.join(dict.fromkeys(details))})"
    return _scrub(f"{_where(plugin, url)}: {reason}", _url_secrets(url, _plugin_secrets(plugin)))


def send(url: str, message: Message, *, timeout: float = 30.0) -> SendResult:
    """Deliver ``message`` to the channel at ``url``; never raises."""
    secrets = _url_secrets(url, frozenset())
    try:
        plugin, reason = _load(url)
        if plugin is None:
            return SendResult(ok=False, error=reason)
        secrets = _url_secrets(url, _plugin_secrets(plugin))
        _cap_timeouts(plugin, timeout)
        body_format = _body_format(plugin)
        notifier = apprise.Apprise(asset=plugin.asset)
        notifier.add(plugin)
        with notifier.notify(
            body=message.markdown if body_format == NotifyFormat.MARKDOWN else message.body,
            title=message.title,
            notify_type=NotifyType.INFO,
            body_format=body_format,
            timeout=timeout,
            log_level=logging.DEBUG,  # capture what the apprise logger lets through
        ) as result:
            if result:
                return SendResult(ok=True, error=None)
            return SendResult(ok=False, error=_explain(result, plugin, url, timeout))
    except Exception as exc:  # the edge must not take the delivery worker down
        return SendResult(ok=False, error=_scrub(f"{type(exc).__name__}: {exc}", secrets))
