"""English phrase kinds and distractors, in sentences written for these tests."""

from __future__ import annotations

from tests.extract.helpers import read


def test_plain_year_and_qualifiers() -> None:
    assert read("Chang'e 7 is scheduled to launch in 2026.") == {
        ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None)
    }
    assert read("Chang'e-8 should fly around 2029, officials said.") == {
        ("change-8", "launch", "planned", "2029-01-01", "2029-12-31", "year", "approx")
    }
    assert read("The agency now expects Artemis III to launch no earlier than September 2027.") == {
        ("artemis-3", "launch", "planned", "2027-09-01", "2027-09-30", "month", "net")
    }
    assert read("Officials want the ILRS built by 2035.") == {
        ("ilrs", "complete", "planned", None, "2035-12-31", "year", "by")
    }
    assert read("China's plan is a Chinese crewed lunar landing before 2030.") == {
        ("crewed", "landing", "planned", None, "2029-12-31", "year", "before")
    }


def test_parts_halves_quarters_seasons() -> None:
    assert read("Artemis II is now targeted for mid-2027.") == {
        ("artemis-2", "launch", "planned", "2027-05-01", "2027-08-31", "part", None)
    }
    assert read("Chang'e-7 will launch in the second half of 2026.") == {
        ("change-7", "launch", "planned", "2026-07-01", "2026-12-31", "half", None)
    }
    assert read("Luna-26 is set to fly in the third quarter of 2027.") == {
        ("luna-26", "launch", "planned", "2027-07-01", "2027-09-30", "quarter", None)
    }
    assert read("Endurance is planned for launch no earlier than fall 2026.") == {
        ("endurance", "launch", "planned", "2026-09-01", "2026-11-30", "part", "net")
    }
    assert read("The Chang'e 7 probe should launch at the end of 2026.") == {
        ("change-7", "launch", "planned", "2026-09-01", "2026-12-31", "part", None)
    }


def test_relative_dates_resolve_against_publication() -> None:
    assert read("Endurance is to launch later this year.", published="2026-05-06") == {
        ("endurance", "launch", "planned", "2026-05-06", "2026-12-31", "year", None)
    }
    assert read("Chang'e 8 is expected to launch next year.", published="2026-05-06") == {
        ("change-8", "launch", "planned", "2027-01-01", "2027-12-31", "year", None)
    }
    assert read("SLIM will attempt its landing in February.", published="2023-11-20") == {
        ("slim", "landing", "planned", "2024-02-01", "2024-02-29", "month", None)
    }
    assert read("Luna-26 must launch by the end of the decade.", published="2024-03-01") == {
        ("luna-26", "launch", "planned", None, "2029-12-31", "decade", "by")
    }


def test_days_ranges_and_backups() -> None:
    assert read("Artemis II is set to lift off on 24 August 2026.") == {
        ("artemis-2", "launch", "planned", "2026-08-24", "2026-08-24", "day", None)
    }
    assert read("Artemis 2 has launch opportunities on Sept. 14 and 15.", published="2026-08-01") == {
        ("artemis-2", "launch", "planned", "2026-09-14", "2026-09-15", "day", None)
    }
    assert read("Luna-27 could launch in 2028 or 2029.") == {
        ("luna-27", "launch", "planned", "2028-01-01", "2029-12-31", "year", None)
    }
    assert read("Chang'e-7 will launch in July-August 2026.") == {
        ("change-7", "launch", "planned", "2026-07-01", "2026-08-31", "month", None)
    }


def test_past_events_and_year_inheritance() -> None:
    got = read(
        "Chang'e 6 left Earth on May 3, 2024, landed on June 2 and brought samples home on June 25.",
        published="2024-07-01",
    )
    assert ("change-6", "launch", "occurred", "2024-05-03", "2024-05-03", "day", None) in got
    assert ("change-6", "landing", "occurred", "2024-06-02", "2024-06-02", "day", None) in got
    assert read("SLIM landed on 19 January, JAXA confirmed.", published="2024-01-25") == {
        ("slim", "landing", "occurred", "2024-01-19", "2024-01-19", "day", None)
    }


def test_several_missions_in_one_sentence() -> None:
    assert read("Chang'e 7 and 8 will launch in 2026 and 2028.") == {
        ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None),
        ("change-8", "launch", "planned", "2028-01-01", "2028-12-31", "year", None),
    }


def test_superseded_dates_are_not_claims() -> None:
    assert read("NASA moved Artemis III from September 2026 to mid-2027.") == {
        ("artemis-3", "launch", "planned", "2027-05-01", "2027-08-31", "part", None)
    }
    assert read("Artemis II now targets April 2027 rather than September 2026.") == {
        ("artemis-2", "launch", "planned", "2027-04-01", "2027-04-30", "month", None)
    }


def test_cancelled_and_postponed() -> None:
    assert read("NASA said it is cancelling Luna-26 support.") == {
        ("luna-26", "launch", "cancelled", None, None, None, None)
    }
    assert read("The launch of Chang'e-7 has been postponed again.") == {
        ("change-7", "launch", "postponed", None, None, None, None)
    }


def test_distractors() -> None:
    # a briefing date, a rocket named for a month, a weight and a rocket's maiden flight
    assert read("Officials said on 3 March that Chang'e 7 is on track.") == set()
    assert read("A Long March 5 rocket will carry Chang'e-7.") == set()
    assert read("Chang'e 8 will carry a 2,000 kg lander.") == set()
    assert read("The rocket that will carry Luna-26 made its maiden flight in 2025.") == set()
    assert read("SLIM's team met at a conference on 12 May to discuss the lander.") == set()
    # the slim adjective is not the mission
    assert read("There is a slim chance of a launch in 2026.") == set()


def test_titles_count_too() -> None:
    assert read("", title="Chang'e-7 to launch in 2026") == {
        ("change-7", "launch", "planned", "2026-01-01", "2026-12-31", "year", None)
    }
