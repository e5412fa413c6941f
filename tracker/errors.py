"""Turning exceptions into the one line a user reads."""

from __future__ import annotations


def first_line(exc: BaseException) -> str:
    """Database errors carry the SQL and its parameters on later lines; users need the first."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
