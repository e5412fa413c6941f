"""Chinese phrase kinds and distractors, in sentences written for these tests."""

from __future__ import annotations

from tests.extract.helpers import read


def zh(
    text: str, published: str = "2026-02-10"
) -> set[tuple[str, str, str, str | None, str | None, str | None, str | None]]:
    return read(text, published=published, lang="zh")


def test_years_numerals_and_qualifiers() -> None:
    assert zh("嫦娥七号计划于2026年发射。") == {
        ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None)
    }
    assert zh("嫦娥八号预计二〇二九年左右发射。") == {
        ("change-8", "launch", "planned", "2029-01-01", "2029-12-31", "year", "approx")
    }
    assert zh("嫦娥八号将于2028年前后实施发射。") == {
        ("change-8", "launch", "planned", "2028-01-01", "2028-12-31", "year", "approx")
    }
    assert zh("我国计划2030年前实现载人登月。") == {
        ("crewed", "landing", "planned", None, "2029-12-31", "year", "before")
    }
    assert zh("目标是到2030年实现载人登月。") == {("crewed", "landing", "planned", None, "2030-12-31", "year", "by")}
    assert zh("阿耳忒弥斯3号最早可能于2027年9月发射。") == {
        ("artemis-3", "launch", "planned", "2027-09-01", "2027-09-30", "month", "net")
    }


def test_relative_halves_and_ranges() -> None:
    assert zh("嫦娥七号计划于今年下半年发射。") == {
        ("change-7", "launch", "planned", "2026-07-01", "2026-12-31", "half", None)
    }
    assert zh("月球-26号计划明年7月发射。") == {
        ("luna-26", "launch", "planned", "2027-07-01", "2027-07-31", "month", None)
    }
    assert zh("月球-26号明年5月至8月都有发射窗口。") == {
        ("luna-26", "launch", "planned", "2027-05-01", "2027-08-31", "month", None)
    }
    assert zh("国际月球科研站计划于2028年至2035年间建成。") == {
        ("ilrs", "complete", "planned", "2028-01-01", "2035-12-31", "year", None)
    }
    assert zh("嫦娥七号将在年底前发射。") == {("change-7", "launch", "planned", None, "2026-12-31", "year", "by")}


def test_past_events() -> None:
    assert zh("嫦娥六号于2024年6月2日成功着陆月球背面。", published="2024-06-03") == {
        ("change-6", "landing", "occurred", "2024-06-02", "2024-06-02", "day", None)
    }
    assert zh("5月3日17时27分，嫦娥六号探测器点火升空。", published="2024-05-04") == {
        ("change-6", "launch", "occurred", "2024-05-03", "2024-05-03", "day", None)
    }


def test_shared_numbers_and_superseded() -> None:
    assert zh("原定2025年的阿耳忒弥斯3号改为2026年9月发射。") == {
        ("artemis-3", "launch", "planned", "2026-09-01", "2026-09-30", "month", None)
    }


def test_distractors() -> None:
    # a rocket whose name ends in a numeral, a mass, a meeting date and another mission's launch
    assert zh("长征五号运载火箭将搭载嫦娥七号。") == set()
    assert zh("嫦娥七号将携带约200千克载荷。") == set()
    assert zh("国家航天局10日表示，嫦娥七号研制进展顺利。") == set()
    assert zh('嫦娥七号进展顺利，"鹊桥三号"于2025年发射。') == set()
