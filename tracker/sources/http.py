"""Polite, bounded HTTP fetching shared by every source kind.

One ``fetch`` is one conditional GET: it sends the validators stored for the
source, reads at most ``max_bytes`` of (decoded) body, and turns every network
or HTTP problem into a ``FetchResult`` with one human line in ``error``. The
caller (the poll orchestrator) decides what a failure means for the schedule;
``retry_after`` carries the server's own wish when it gave one.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

import httpx

MAX_REDIRECTS = 5
# A server may ask for a long pause, but a typo'd header must not park a source for years.
MAX_RETRY_AFTER = timedelta(days=7)
# The whole download may take this many times the per-operation timeout, so a
# server that trickles one byte per read can't hold a worker forever.
TOTAL_TIMEOUT_FACTOR = 3

ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"  # noqa: E501


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET state kept per source in the DB."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one poll of a URL produced; ``error`` is set exactly when outcome is "error"."""

    outcome: Literal["ok", "not_modified", "error"]
    url: str
    status: int | None
    body: bytes | None
    content_type: str | None
    validators: Validators = field(default_factory=Validators)
    retry_after: timedelta | None = None
    error: str | None = None


class _Refused(Exception):
    """Raised while reading a body to stop; carries the one-line reason and where it happened."""

    def __init__(self, message: str, response: httpx.Response) -> None:
        super().__init__(message)
        self.url = str(response.url)
        self.status = response.status_code


def make_client(*, user_agent: str, timeout: float) -> httpx.Client:
    """An httpx client for feed polling: redirects followed (at most 5), every phase bounded."""
    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent, "Accept": ACCEPT},
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
    )


def fetch(client: httpx.Client, url: str, *, validators: Validators, max_bytes: int, now: datetime) -> FetchResult:
    """One conditional GET of ``url``; never raises for network or HTTP problems."""
    host = _host(url)
    try:
        with client.stream("GET", url, headers=_conditional_headers(validators)) as response:
            return _read_response(client, response, validators=validators, max_bytes=max_bytes, now=now)
    except _Refused as refused:
        return _error(refused.url, refused.status, validators, str(refused))
    except httpx.TooManyRedirects:
        return _error(url, None, validators, f"too many redirects (more than {MAX_REDIRECTS}) from {host}")
    except httpx.TimeoutException as exc:
        return _error(url, None, validators, _timeout_message(client, exc, host))
    except httpx.InvalidURL as exc:
        return _error(url, None, validators, f"invalid URL {url!r}: {exc}")
    except httpx.UnsupportedProtocol:
        return _error(url, None, validators, f"unsupported URL (only http and https are fetched): {url}")
    except httpx.DecodingError as exc:
        return _error(url, None, validators, f"could not decode the compressed response from {host}: {exc}")
    except httpx.HTTPError as exc:
        return _error(url, None, validators, _transport_message(exc, host))


def _read_response(
    client: httpx.Client, response: httpx.Response, *, validators: Validators, max_bytes: int, now: datetime
) -> FetchResult:
    """Turn a response whose headers have arrived into a result, reading the body only on success."""
    final_url = str(response.url)
    status = response.status_code
    content_type = response.headers.get("content-type")
    if status == 304:
        return FetchResult("not_modified", final_url, status, None, content_type, _merge(validators, response))
    if not 200 <= status < 300:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now) if status in (429, 503) else None
        message = f"HTTP {status} from {_host(final_url)}"
        if retry_after is not None:
            message += f" (retry after {_duration(retry_after)})"
        return FetchResult("error", final_url, status, None, content_type, validators, retry_after, message)
    body = _read_body(client, response, max_bytes)
    new_validators = Validators(etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
    return FetchResult("ok", final_url, status, body, content_type, new_validators)


def _read_body(client: httpx.Client, response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, refusing past ``max_bytes`` or past the total time budget."""
    too_large = f"response larger than {_size(max_bytes)} from {_host(str(response.url))}"
    declared = response.headers.get("content-length", "")
    if "content-encoding" not in response.headers and declared.isdigit() and int(declared) > max_bytes:
        raise _Refused(too_large, response)
    budget = (client.timeout.read or 30.0) * TOTAL_TIMEOUT_FACTOR
    # Monotonic, not wall-clock: this only bounds elapsed time and never leaks into results.
    deadline = time.monotonic() + budget
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _Refused(too_large, response)
        if time.monotonic() > deadline:
            raise _Refused(f"download from {_host(str(response.url))} took longer than {budget:g} s", response)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After as a delay: delta-seconds or an HTTP-date (relative to ``now``); None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(timedelta(seconds=int(value[:12])), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return min(max(when - now, timedelta(0)), MAX_RETRY_AFTER)


def _conditional_headers(validators: Validators) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from stored validators, skipping values no header can carry."""
    headers = {}
    if etag := _header_value(validators.etag):
        headers["If-None-Match"] = etag
    if last_modified := _header_value(validators.last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


def _header_value(value: str | None) -> str | None:
    """A stored validator may be corrupt; sending it would raise inside httpx."""
    if value and value.isascii() and value.isprintable():
        return value
    return None


def _merge(old: Validators, response: httpx.Response) -> Validators:
    """A 304 may refresh the validators; keep the stored ones where it is silent."""
    return Validators(
        etag=response.headers.get("etag") or old.etag,
        last_modified=response.headers.get("last-modified") or old.last_modified,
    )


def _error(url: str, status: int | None, validators: Validators, message: str) -> FetchResult:
    return FetchResult("error", url, status, None, None, validators, None, message)


def _timeout_message(client: httpx.Client, exc: httpx.TimeoutException, host: str) -> str:
    """Say which phase timed out, with the configured limit."""
    timeout = client.timeout
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out after {timeout.connect or 0:g} s connecting to {host}"
    if isinstance(exc, httpx.PoolTimeout):
        return f"timed out after {timeout.pool or 0:g} s waiting for a free connection to {host}"
    if isinstance(exc, httpx.WriteTimeout):
        return f"timed out after {timeout.write or 0:g} s sending the request to {host}"
    return f"timed out after {timeout.read or 0:g} s waiting for {host}"


def _transport_message(exc: httpx.HTTPError, host: str) -> str:
    """Name the root cause (refused, DNS, TLS...) rather than httpx's wrapper."""
    root = _root_cause(exc)
    if isinstance(root, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(root, ConnectionResetError):
        return f"connection reset by {host}"
    if isinstance(root, ssl.SSLCertVerificationError):
        return f"TLS error: certificate verification failed for {host}: {root.verify_message}"
    if isinstance(root, ssl.SSLError):
        return f"TLS error with {host}: {root.reason or root}"
    if type(root).__name__ == "gaierror":
        return f"DNS lookup failed for {host}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"protocol error from {host}: {_one_line(exc)}"
    return f"{type(exc).__name__} from {host}: {_one_line(exc)}"


def _root_cause(exc: BaseException) -> BaseException:
    seen: set[int] = set()
    while (nxt := exc.__cause__ or exc.__context__) is not None and id(nxt) not in seen:
        seen.add(id(exc))
        exc = nxt
    return exc


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except (httpx.InvalidURL, ValueError, TypeError):
        return url


def _size(n: int) -> str:
    """Byte counts as people say them: "5 MB", "512 KB"."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g} MB"
    if n >= 1_000:
        return f"{n / 1_000:.3g} KB"
    return f"{n} bytes"


def _duration(delta: timedelta) -> str:
    return f"{int(delta.total_seconds())} s"
