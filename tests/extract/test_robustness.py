"""Any text returns claims or none and never raises; long texts stay fast."""

from __future__ import annotations

import random
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.helpers import EXTRACTOR, MISSIONS, read
from tracker.extract import extract
from tracker.model import Claim, TextItem

_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
_langs = st.sampled_from([None, "en", "zh", "ru", "fr", ""])
_pieces = st.sampled_from(
    [
        "Chang'e 7",
        "嫦娥七号",
        "«Луны-26»",
        "Artemis II",
        " in ",
        " by ",
        " no earlier than ",
        "2026",
        "年前",
        "左右",
        "до ",
        "года",
        "May",
        "March 5",
        "late ",
        "Q3 ",
        ", ",
        ". ",
        "。",
        "<b>",
        "&amp;",
        "launched on",
        "will launch",
        "31 February",
        "0",
        "9999",
        "13月",
        "\u202e",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.text(max_size=2000), _dates, _langs)
def test_arbitrary_text_never_raises(title: str, text: str, published: date, lang: str | None) -> None:
    claims = EXTRACTOR.extract(TextItem(title, text, published, lang))
    assert isinstance(claims, list)
    assert all(isinstance(c, Claim) for c in claims)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=40).map("".join), _dates, _langs)
def test_schedule_shaped_noise_never_raises(text: str, published: date, lang: str | None) -> None:
    claims = EXTRACTOR.extract(TextItem("", text, published, lang))
    for c in claims:
        c.to_json()  # windows are valid by construction (DateWindow checks its invariant)


def test_edge_inputs() -> None:
    assert read("") == set()
    assert read("", title="") == set()
    assert read("\x00\x01\x02 ~~~ \ufffd", lang=None) == set()
    noise = bytes(random.Random(1).randrange(256) for _ in range(20000)).decode("latin-1")
    assert isinstance(EXTRACTOR.extract(TextItem("", noise, date(2026, 1, 1), None)), list)


def test_html_scripts_and_entities() -> None:
    html = (
        "<html><head><script>var d = 'Chang&#39;e 7 will launch in 2031';</script>"
        "<style>p { color: red }</style></head><body><p>Chang&#39;e&nbsp;7 is scheduled to launch "
        "in&nbsp;2026.</p></body></html>"
    )
    assert read(html) == {("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None)}


def test_mixed_scripts_and_right_to_left() -> None:
    text = "\u200fمهمة Chang'e 7 is scheduled to launch in 2026 \u202bقمر\u202c. 嫦娥七号。Луна."
    assert ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None) in read(text, lang=None)


def test_language_is_detected_when_undeclared() -> None:
    assert read("嫦娥七号计划于2026年发射。", lang=None) == {
        ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None)
    }
    assert read("Запуск станции «Луна-26» планируется в 2027 году.", lang=None) == {
        ("luna-26", "launch", "planned", "2027-01-01", "2027-12-31", "year", None)
    }


def test_one_megabyte_item_is_fast() -> None:
    rnd = random.Random(3)
    parts = [
        "Chang'e 7 is scheduled to launch in 2026. ",
        "<p>NASA said on 3 March that Artemis II will fly no earlier than April 2026.</p> ",
        "嫦娥七号计划于2026年下半年发射。",
        "Запуск «Луны-26» планируется в 2027 году. ",
        "2026 2027 May 2028 no earlier than by before after the end of the decade " * 3,
        "".join(chr(rnd.randrange(32, 0x3000)) for _ in range(300)),
        "a" * 5000 + " " + "(" * 2000 + "2026" + "-" * 3000,
    ]
    text = ""
    while len(text.encode("utf-8")) < 1_000_000:
        text += rnd.choice(parts)
    t0 = time.perf_counter()
    claims = EXTRACTOR.extract(TextItem("", text, date(2025, 1, 1), None))
    elapsed = time.perf_counter() - t0
    assert isinstance(claims, list)
    assert elapsed < 5.0  # generous: only catches catastrophic backtracking (the bench prints the real figure)


def test_convenience_function_and_determinism() -> None:
    item = TextItem("", "Chang'e 7 is scheduled to launch in 2026.", date(2026, 2, 10), "en")
    assert extract(item, MISSIONS) == extract(item, MISSIONS) == EXTRACTOR.extract(item)
