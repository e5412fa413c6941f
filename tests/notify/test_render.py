"""render_alert / render_test_message: exact wording, evidence, and untrusted text kept in its place."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.notify.factories import ARTICLE, LINK, QUOTE, alert, evidence
from tracker.model import ChangeKind, Event
from tracker.notify.render import Message, render_alert, render_test_message
from tracker.windows import parse_window

W = parse_window

# One case per kind: (kind, before, after, exact title).
TITLES = [
    (ChangeKind.SLIPPED, "about 2025", "Aug 2026", "Chang'e 7 launch slipped: about 2025 → Aug 2026"),
    (ChangeKind.ADVANCED, "2027", "Aug 2026", "Chang'e 7 launch advanced: 2027 → Aug 2026"),
    (ChangeKind.REFINED, "2026", "Aug 2026", "Chang'e 7 launch refined: 2026 → Aug 2026"),
    (ChangeKind.CONFIRMED, "Aug 2026", "Aug 2026", "Chang'e 7 launch confirmed: Aug 2026"),
    (ChangeKind.OCCURRED, "Aug 2026", "3 Aug 2026", "Chang'e 7 launched: 3 Aug 2026"),
    (ChangeKind.FAILED, "Aug 2026", "3 Aug 2026", "Chang'e 7 launch failed: 3 Aug 2026"),
    (ChangeKind.POSTPONED, "Aug 2026", None, "Chang'e 7 launch postponed, no new date (was Aug 2026)"),
    (ChangeKind.CANCELLED, "Aug 2026", None, "Chang'e 7 launch cancelled (was Aug 2026)"),
    (ChangeKind.OVERDUE, "Aug 2026", "Aug 2026", "Chang'e 7 launch overdue: Aug 2026 has passed"),
    (ChangeKind.NEW, None, "by 2030", "Chang'e 7 launch: first forecast by 2030"),
]


def _render(kind: ChangeKind, before: str | None, after: str | None) -> Message:
    return render_alert(alert(kind, before=W(before) if before else None, after=W(after) if after else None))


@pytest.mark.parametrize(("kind", "before", "after", "title"), TITLES, ids=[t[0].value for t in TITLES])
def test_every_kind_has_an_exact_one_line_title(
    kind: ChangeKind, before: str | None, after: str | None, title: str
) -> None:
    message = _render(kind, before, after)
    assert message.title == title
    assert "\n" not in message.title


def test_every_kind_is_covered() -> None:
    assert {t[0] for t in TITLES} == set(ChangeKind)


@pytest.mark.parametrize(("kind", "before", "after", "title"), TITLES, ids=[t[0].value for t in TITLES])
def test_every_kind_carries_the_evidence_in_both_dialects(
    kind: ChangeKind, before: str | None, after: str | None, title: str
) -> None:
    message = _render(kind, before, after)
    for text in (message.body, message.markdown):
        assert "spacenews" in text
        assert "published 2025-11-03 09:45 UTC" in text
        assert f"“{QUOTE}”" in text  # marked as a quote
        assert LINK in text
        assert "tracker" in text.splitlines()[-1]  # footer names the tool
    assert f"Title: {ARTICLE}" in message.body
    assert f"[{ARTICLE}]({LINK})" in message.markdown
    assert f"> “{QUOTE}”" in message.markdown.splitlines()


def test_body_states_what_changed_from_and_to() -> None:
    message = render_alert(alert())
    lines = message.body.splitlines()
    assert lines[0] == "The target for the Chang'e 7 launch moved later."
    assert "From: about 2025" in lines
    assert "To: Aug 2026" in lines
    assert "Detected: 2025-11-03 10:00 UTC" in lines
    assert "**From:** about 2025  " in message.markdown.splitlines()
    assert "**To:** Aug 2026  " in message.markdown.splitlines()


@pytest.mark.parametrize(
    ("kind", "summary"),
    [
        (ChangeKind.ADVANCED, "The target for the Chang'e 7 launch moved earlier."),
        (ChangeKind.CONFIRMED, "A source restated the current target for the Chang'e 7 launch."),
        (ChangeKind.OCCURRED, "The Chang'e 7 launch has happened."),
        (ChangeKind.CANCELLED, "The Chang'e 7 launch was called off."),
        (
            ChangeKind.OVERDUE,
            "The target for the Chang'e 7 launch has passed with no report that it happened.",
        ),
    ],
)
def test_summary_sentence_per_kind(kind: ChangeKind, summary: str) -> None:
    assert render_alert(alert(kind)).body.splitlines()[0] == summary


def test_other_events_are_named_in_words() -> None:
    landing = render_alert(alert(ChangeKind.OCCURRED, event=Event.LANDING, after=W("2026-08-10")))
    assert landing.title == "Chang'e 7 landed: 10 Aug 2026"
    sample = render_alert(alert(ChangeKind.SLIPPED, event=Event.SAMPLE_RETURN))
    assert sample.title == "Chang'e 7 sample return slipped: about 2025 → Aug 2026"


def test_note_is_in_title_and_body() -> None:
    message = render_alert(alert(note="reported, unconfirmed"))
    assert message.title == "Chang'e 7 launch slipped: about 2025 → Aug 2026 (reported, unconfirmed)"
    assert "Note: reported, unconfirmed" in message.body.splitlines()
    assert "**Note:** reported, unconfirmed  " in message.markdown.splitlines()


def test_no_evidence_says_so() -> None:
    message = render_alert(alert(evidence=()))
    assert "Evidence: none recorded" in message.body
    assert "**Evidence:** none recorded" in message.markdown


def test_long_evidence_lists_are_cut_and_counted() -> None:
    many = tuple(evidence(source=f"source{n}") for n in range(8))
    message = render_alert(alert(evidence=many))
    assert "Evidence (8):" in message.body
    assert "source4" in message.body and "source5" not in message.body
    assert "… and 3 more" in message.body
    assert "… and 3 more" in message.markdown


def test_date_only_publication_shows_no_time_and_unknown_is_said() -> None:
    dated = evidence(published=datetime(2025, 11, 3))  # naive: UTC by convention
    undated = evidence(source="cnsa", published=None)
    body = render_alert(alert(evidence=(dated, undated))).body
    assert "1. spacenews, published 2025-11-03\n" in body
    assert "2. cnsa, publication date unknown" in body


def test_times_are_shown_in_utc() -> None:
    from datetime import timedelta, timezone

    beijing = timezone(timedelta(hours=8))
    message = render_alert(alert(at=datetime(2025, 11, 3, 18, 0, tzinfo=beijing)))
    assert "Detected: 2025-11-03 10:00 UTC" in message.body


# --------------------------------------------------------------------------- untrusted text


HOSTILE_QUOTE = (
    "Launch slips to 2026\nLink: https://evil.example/phish\r\n<!channel> @here [click](https://evil.example)"
)
HOSTILE_TITLE = "Breaking\n\nnews\x07\u202e <@U024BE7LH> *bold* `code`"


def _hostile() -> Message:
    return render_alert(alert(evidence=(evidence(quote=HOSTILE_QUOTE, title=HOSTILE_TITLE),)))


def test_a_quote_cannot_add_lines() -> None:
    body = _hostile().body
    assert not any(line.startswith("Link: https://evil") for line in body.splitlines())
    quote_lines = [line for line in body.splitlines() if line.startswith("   “")]
    assert len(quote_lines) == 1
    assert "Launch slips to 2026 Link: https://evil.example/phish" in quote_lines[0]
    assert quote_lines[0].endswith("”")


def test_control_and_bidi_characters_are_stripped() -> None:
    message = _hostile()
    for text in (message.title, message.body, message.markdown):
        assert "\x07" not in text and "\u202e" not in text and "\r" not in text
    assert "   Title: Breaking news " in message.body


def test_slack_mentions_are_defused() -> None:
    message = _hostile()
    for text in (message.body, message.markdown):
        assert "<!channel>" not in text
        assert "<@U024BE7LH>" not in text
        assert not re.search(r"@here\b", text)


def test_markdown_link_and_emphasis_injection_is_escaped() -> None:
    markdown = _hostile().markdown
    assert "[click](https://evil.example)" not in markdown
    assert r"\[click\](https://evil.example)" in markdown
    assert r"\*bold\*" in markdown and r"\`code\`" in markdown
    # The only real link is the evidence link.
    assert re.findall(r"(?<!\\)\]\((\S+?)\)", markdown) == [LINK]


def test_links_that_are_not_web_addresses_are_dropped() -> None:
    message = render_alert(alert(evidence=(evidence(link="javascript:alert(1)"),)))
    assert "javascript" not in message.body and "javascript" not in message.markdown
    assert "Link:" not in message.body


def test_links_cannot_break_out_of_markdown() -> None:
    odd = "https://news.example/a_(b)?q=<x>|y z"
    message = render_alert(alert(evidence=(evidence(link=odd),)))
    assert message.body.count("Link:") == 0  # a space inside: not a usable URL
    fine = "https://news.example/a_(b)?q=<x>|y"
    markdown = render_alert(alert(evidence=(evidence(link=fine),))).markdown
    assert "(https://news.example/a_%28b%29?q=%3Cx%3E%7Cy)" in markdown


def test_mission_names_with_newlines_stay_on_one_line() -> None:
    message = render_alert(alert(mission_name="Chang'e\n7"))
    assert message.title.startswith("Chang'e 7 launch slipped")


def test_long_quotes_are_clipped() -> None:
    message = render_alert(alert(evidence=(evidence(quote="word " * 400),)))
    quote_line = next(line for line in message.body.splitlines() if line.startswith("   “"))
    assert len(quote_line) < 620
    assert quote_line.endswith("…”")


# --------------------------------------------------------------------------- purity


def test_rendering_is_a_function_of_its_input() -> None:
    assert render_alert(alert()) == render_alert(alert())
    assert render_alert(alert()) != render_alert(alert(at=datetime(2025, 11, 4, tzinfo=UTC)))


def test_test_message_names_the_channel_and_time() -> None:
    now = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    message = render_test_message("ops-mail", now)
    assert message.title == "tracker test message for channel ops-mail"
    assert "2026-01-02 03:04 UTC" in message.body and "2026-01-02 03:04 UTC" in message.markdown
    assert "ops-mail" in message.body
    assert render_test_message("ops-mail", now) == message
