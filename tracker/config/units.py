"""Durations (``1h30m``) and sizes (``5MB``) as people write them in the config.

Units are required, so a bare ``30`` is never silently seconds or minutes.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from tracker.config.issues import _describe

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
