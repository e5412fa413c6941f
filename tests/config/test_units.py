"""Durations and sizes as people write them in a config."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tracker.config import parse_duration, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("1h", timedelta(hours=1)),
        ("1d", timedelta(days=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1d2h3m4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        (" 1h 30m ", timedelta(hours=1, minutes=30)),
        ("2H", timedelta(hours=2)),
        ("0s", timedelta(0)),
        ("0", timedelta(0)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "30", "5x", "1.5h", "30m1h", "1h1h", "-5m", "m", "1 hour"])
def test_bad_durations_say_what_to_write(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_duration(text)
    assert str(caught.value) == (
        f"invalid duration {text!r}; write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m"
    )


def test_a_duration_is_text() -> None:
    with pytest.raises(ValueError, match=r"^expected a duration, got a number \(30\); write a whole number"):
        parse_duration(30)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (5_242_880, 5_242_880),
        ("123", 123),
        ("123B", 123),
        ("500KB", 500_000),
        ("5MB", 5_000_000),
        ("5 mb", 5_000_000),
        ("1GB", 1_000_000_000),
        ("1.5MB", 1_500_000),
        ("512KiB", 512 * 1024),
        ("5MiB", 5 * 1024 * 1024),
        ("1GiB", 1024**3),
        (0, 0),
    ],
)
def test_sizes(text: str | int, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "5XB", "five MB", "MB", "-5MB", "5 M B"])
def test_bad_sizes_say_what_to_write(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_size(text)
    assert str(caught.value) == f"invalid size {text!r}; write a number of bytes or a size like 500KB, 5MB or 1GiB"


def test_sizes_are_whole_non_negative_byte_counts() -> None:
    with pytest.raises(ValueError, match=r"^invalid size '1\.5B': not a whole number of bytes$"):
        parse_size("1.5B")
    with pytest.raises(ValueError, match=r"^invalid size -1: must not be negative$"):
        parse_size(-1)
    with pytest.raises(ValueError, match=r"^expected a size, got a boolean \(true\)"):
        parse_size(True)
