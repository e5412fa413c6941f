"""check_url and redact: what config validation and logs may say about a channel URL."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.paths import FIXTURES
from tracker.notify.send import check_url, redact


def _vectors() -> list[tuple[str, dict[str, Any]]]:
    """apprise's own Slack/email URL test vectors (literal URLs only)."""
    data = json.loads((FIXTURES / "apprise/apprise_url_test_vectors_slack_mailto.json").read_text("utf-8"))
    return [
        (vector["url"], vector["expect"])
        for vectors in data["files"].values()
        for vector in vectors
        if isinstance(vector["url"], str)
    ]


def _drifted(url: str) -> bool:
    # The vectors come from another apprise commit; the installed 2.x rejects
    # pgp=yes as an unknown PGP mode, which that commit still accepted.
    return "pgp=yes" in url


VECTORS = _vectors()


@pytest.mark.parametrize(("url", "expect"), VECTORS, ids=[u for u, _ in VECTORS])
def test_check_url_agrees_with_apprise_test_vectors(url: str, expect: dict[str, Any]) -> None:
    if _drifted(url):
        pytest.skip("behaviour changed between the vectors' apprise commit and the installed apprise")
    invalid = expect["instance"].get("$name") == "TypeError"
    reason = check_url(url)
    if invalid:
        assert reason, "apprise rejects this URL; check_url must say why"
        assert "\n" not in reason
    else:
        assert reason is None


WITH_PRIVACY = [(u, e["privacy_url"]) for u, e in VECTORS if "privacy_url" in e]


@pytest.mark.parametrize(("url", "privacy_url"), WITH_PRIVACY, ids=[u for u, _ in WITH_PRIVACY])
def test_redact_masks_at_least_what_apprise_masks(url: str, privacy_url: str) -> None:
    redacted = redact(url)
    password = urlsplit(url).password
    if password:
        assert password not in redacted.replace("****", "")
    # apprise shows a masked token as first...last; the raw token must not survive in ours.
    for first, last in re.findall(r"(\w)\.\.\.(\w)", privacy_url):
        raw = [
            piece for piece in re.split(r"[/?&=@:#]", url) if len(piece) > 2 and piece[0] == first and piece[-1] == last
        ]
        assert raw, f"no raw token behind {first}...{last}"
        for piece in raw:
            assert piece not in redacted


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "mailto://tracker:hunter2@smtp.example.org:587?from=a@example.org&to=b@example.org",
            "mailto://tracker:****@smtp.example.org:587?from=a@example.org&to=b@example.org",
        ),
        (
            "mailto://127.0.0.1:2525/?smtp=127.0.0.1&mode=insecure&pass=hunter2",
            "mailto://127.0.0.1:2525/?smtp=127.0.0.1&mode=insecure&pass=****",
        ),
        (
            "slack://TTRACKER01/BTRACKER02/trackerTestHookSecret123/#alerts",
            "slack://T...1/B...2/t...3/#alerts",
        ),
        (
            "slack://tracker@xoxb-1234-1234-abc124/#ops",
            "slack://tracker@x...4/#ops",
        ),
        (
            "json://hooks.example.org:8443/v1/notify?+X-Api-Key=abc123&format=text",
            "json://hooks.example.org:8443/v1/notify?+X-Api-Key=****&format=text",
        ),
        ("discord://123456789012/AbCdEfGhIjKlMnOp", "discord://1...2/A...p"),
        ("tgram://123456789:AAbbCCddEEff/12345", "tgram://1...f/12345"),
        ("https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/cccccccccccccccc", None),
        ("not a url", "****"),
        ("", ""),
    ],
)
def test_redact(url: str, expected: str | None) -> None:
    if expected is None:
        assert redact(url) == "https://hooks.slack.com/services/T...A/B...B/c...c"
    else:
        assert redact(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "mailto://user:pw@example.org",
        "mailto://127.0.0.1:2525/?smtp=127.0.0.1&mode=insecure&from=a@example.org&to=b@example.org",
        "slack://TTRACKER01/BTRACKER02/trackerTestHookSecret123/",
        "json://127.0.0.1:9/hook",
    ],
)
def test_check_url_accepts_what_apprise_understands(url: str) -> None:
    assert check_url(url) is None  # offline: nothing listens on these, and nothing is sent


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("nope://example.org", "unknown notification scheme nope://"),
        ("example.org", "not a notification URL"),
        ("https://example.org/hook", "apprise knows no service at this web address"),
        ("mailto://user:pw@example.org?mode=bogus", "invalid mailto:// URL"),
    ],
)
def test_check_url_says_why(url: str, words: str) -> None:
    reason = check_url(url)
    assert reason is not None and words in reason
    assert "\n" not in reason


def test_check_url_never_echoes_a_rejected_token() -> None:
    reason = check_url("slack://T1JJ3T3L2/-INVALID-/SeCrEtToKeN123/")
    assert reason is not None
    assert "SeCrEtToKeN123" not in reason
