"""Russian phrase kinds (case forms of months and "году/года") and distractors."""

from __future__ import annotations

from tests.extract.helpers import read


def ru(
    text: str, published: str = "2026-02-10"
) -> set[tuple[str, str, str, str | None, str | None, str | None, str | None]]:
    return read(text, published=published, lang="ru")


def test_years_and_qualifiers() -> None:
    assert ru("Запуск станции «Луна-26» планируется в 2027 году.") == {
        ("luna-26", "launch", "planned", "2027-01-01", "2027-12-31", "year", None)
    }
    assert ru("Станцию «Луна-26» запустят не ранее 2028 года.") == {
        ("luna-26", "launch", "planned", "2028-01-01", "2028-12-31", "year", "net")
    }
    assert ru("МНЛС планируется построить к 2036 году.") == {
        ("ilrs", "complete", "planned", None, "2036-12-31", "year", "by")
    }
    assert ru("Запуск «Луны-26» намечен ориентировочно на 2028 год.") == {
        ("luna-26", "launch", "planned", "2028-01-01", "2028-12-31", "year", "approx")
    }
    assert ru("Старт «Чанъэ-7» перенесли на конец 2026 года.") == {
        ("change-7", "launch", "planned", "2026-09-01", "2026-12-31", "part", None)
    }
    assert ru("Artemis III должна стартовать не позднее сентября 2027 года.") == {
        ("artemis-3", "launch", "planned", None, "2027-09-30", "month", "by")
    }


def test_relative_and_inflected_names() -> None:
    assert ru("Запуск «Луны-26» планируется в июле следующего года.") == {
        ("luna-26", "launch", "planned", "2027-07-01", "2027-07-31", "month", None)
    }
    assert ru("Старт «Луны-26» возможен с июля по август 2027 года.") == {
        ("luna-26", "launch", "planned", "2027-07-01", "2027-08-31", "month", None)
    }
    assert ru("Запуск «Луна-27Б» планируется в 2030 году.") == {
        ("luna-27b", "launch", "planned", "2030-01-01", "2030-12-31", "year", None)
    }


def test_past_events() -> None:
    assert ru("Зонд «Чанъэ-6» стартовал 3 мая с космодрома Вэньчан.", published="2024-05-10") == {
        ("change-6", "launch", "occurred", "2024-05-03", "2024-05-03", "day", None)
    }


def test_distractors() -> None:
    # a signing date, a mass, another mission with a number, a construction start
    assert ru("Соглашение по «Луне-26» подписали 9 марта.") == set()
    assert ru("Масса станции «Луна-26» составит 2000 кг.") == set()
    assert ru("«Луна-26» полетит позже, а «Луна-30» стартует в 2031 году.") == set()
