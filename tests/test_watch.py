"""``tracker watch add|set|remove``: edits that keep the user's file as written, validated first.

Every expectation is the whole file text, so a comment moved, a quote dropped
or a line re-wrapped anywhere outside the edited lines fails the test.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_cli import run_tracker
from tracker.cli import cli
from tracker.config import Config, ConfigError, load_config
from tracker.model import Event
from tracker.watch import (
    Edit,
    WatchError,
    _merge,
    apply_edit,
    check_window,
    parse_forecast_option,
    plan_add,
    plan_remove,
    plan_set,
    validate_edit,
)

CONFIG = """\
# tracker config for the tests
sources:
  - name: nasa
    kind: rss
    url: https://www.nasa.gov/news-release/feed/
    trust: agency   # speaks for its own missions

watchlists:
  - watchlists/moon.yaml

# Missions kept inline.
missions:
  change-7:   # the south-pole lander
    name: Chang'e 7
    aliases: [Chang'e-7, CE-7, 嫦娥七号,
              Чанъэ-7]
    forecasts:
      launch: "about 2025"   # CNSA, 2023
      landing: 2026
  # Station
  ilrs:
    name: International Lunar Research Station
    forecasts:
      complete: by 2035

# Where alerts go.
channels:
  - name: watchers
    url: json://localhost/tracker
    missions: [change-7]
"""

WATCHLIST = """\
# Moon missions, kept by hand.
missions:
  artemis-2:
    name: Artemis II
    aliases: [Artemis 2, Artemis-2]
    forecasts:
      launch: 'NET 2026-09'  # NASA
  # Crewed landing
  artemis-3:
    name: Artemis III
    forecasts: {launch: mid-2027, landing: H2 2027}

  luna-26:
    name: Luna 26
    forecasts:
      launch: 2027-08-24
# end of list
"""


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    (tmp_path / "watchlists").mkdir()
    (tmp_path / "watchlists" / "moon.yaml").write_text(WATCHLIST, encoding="utf-8")
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def load(path: Path) -> Config:
    return load_config(path, {})


def write(edit: Edit, path: Path) -> Config:
    return apply_edit(edit, load(path), {})


def moon(config_path: Path) -> Path:
    return config_path.parent / "watchlists" / "moon.yaml"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.rglob("*.tmp"))


# ============================================================================ set


def test_set_replaces_an_inline_forecast_keeping_quotes_comment_and_everything_else(
    config_path: Path,
) -> None:
    edit = plan_set(load(config_path), "change-7", "launch", "Aug  2026")
    assert edit.summary == f"change-7 launch: about 2025 → Aug 2026 ({config_path})"
    assert edit.path == config_path.resolve() and edit.forecasts_changed
    loaded = write(edit, config_path)
    assert read(config_path) == CONFIG.replace(
        '      launch: "about 2025"   # CNSA, 2023\n', '      launch: "Aug 2026"     # CNSA, 2023\n'
    )
    assert loaded.missions["change-7"].forecast_text[Event.LAUNCH] == "Aug 2026"
    assert read(moon(config_path)) == WATCHLIST
    assert leftovers(config_path.parent) == []


def test_set_adds_a_forecast_to_a_watchlist_mission_and_leaves_the_config_alone(config_path: Path) -> None:
    edit = plan_set(load(config_path), "luna-26", "landing", "late 2027")
    assert edit.path == moon(config_path).resolve()
    assert edit.summary == f"luna-26 landing: (no forecast) → late 2027 ({moon(config_path)})"
    write(edit, config_path)
    assert read(moon(config_path)) == WATCHLIST.replace(
        "      launch: 2027-08-24\n", "      launch: 2027-08-24\n      landing: late 2027\n"
    )
    assert read(config_path) == CONFIG
    assert load(config_path).missions["luna-26"].forecasts[Event.LANDING] == check_window("late 2027", "")[1]


def test_set_in_a_flow_mapping_stays_flow(config_path: Path) -> None:
    write(plan_set(load(config_path), "artemis-3", "landing", "2028"), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace(
        "{launch: mid-2027, landing: H2 2027}", "{launch: mid-2027, landing: '2028'}"
    )


def test_set_name_and_a_first_alias_list(config_path: Path) -> None:
    edit = plan_set(load(config_path), "ilrs", None, None, name="ILRS", aliases=["国际月球科研站", "ILRS"])
    assert (
        edit.summary == "ilrs name: 'International Lunar Research Station' → 'ILRS'; aliases: + 国际月球科研站"
        f" ({config_path})"
    )
    assert not edit.forecasts_changed
    write(edit, config_path)
    assert read(config_path) == CONFIG.replace(
        "    name: International Lunar Research Station\n",
        "    name: ILRS\n    aliases: [国际月球科研站]\n",
    )


def test_set_an_alias_appends_to_a_multi_line_flow_list(config_path: Path) -> None:
    write(plan_set(load(config_path), "change-7", aliases=["CE7"]), config_path)
    assert read(config_path) == CONFIG.replace(
        "    aliases: [Chang'e-7, CE-7, 嫦娥七号,\n              Чанъэ-7]\n",
        "    aliases: [Chang'e-7, CE-7, 嫦娥七号, Чанъэ-7, CE7]\n",
    )


def test_set_a_name_only_is_no_forecast_change(config_path: Path) -> None:
    edit = plan_set(load(config_path), "change-7", "launch", "about 2025", name="Chang'e-7")
    assert edit.summary == f'change-7 name: "Chang\'e 7" → "Chang\'e-7" ({config_path})'
    assert edit.changed and not edit.forecasts_changed


def test_set_what_is_already_there_changes_nothing(config_path: Path) -> None:
    edit = plan_set(load(config_path), "change-7", "launch", "about  2025", aliases=["CE-7"])
    assert not edit.changed
    assert edit.summary == f"change-7: nothing to change ({config_path})"


def test_set_an_unknown_mission_suggests_the_close_one(config_path: Path) -> None:
    with pytest.raises(
        WatchError,
        match=r"no mission 'chang-7' in .*config.yaml or its watchlists; did you mean 'change-7'\?",
    ):
        plan_set(load(config_path), "chang-7", "launch", "2026")


@pytest.mark.parametrize(
    ("event", "window", "message"),
    [
        ("launch", "some day", r"change-7 launch: cannot read 'some day' as a date"),
        ("launch", "   ", r"change-7 launch: empty date"),
        ("lanch", "2026", r"unknown event 'lanch'; did you mean 'launch'\?"),
        (
            "docking",
            "2026",
            r"unknown event 'docking' \(expected one of: launch, landing, sample_return, complete\)",
        ),
    ],
)
def test_set_rejects_bad_arguments_before_reading_anything(
    config_path: Path, event: str, window: str, message: str
) -> None:
    with pytest.raises(WatchError, match=message):
        plan_set(load(config_path), "change-7", event, window)


# ============================================================================ add


ADDED = """\
  artemis-4:
    name: Artemis IV
    aliases: [Artemis 4]
    forecasts:
      launch: '2028'
      landing: by 2030
"""


def test_add_goes_to_the_first_watchlist_before_its_trailing_comment(config_path: Path) -> None:
    edit = plan_add(
        load(config_path),
        "artemis-4",
        "Artemis IV",
        aliases=["Artemis 4", "Artemis IV"],
        forecasts=["launch=2028", "landing = by 2030"],
    )
    assert edit.summary == f"artemis-4: added 'Artemis IV' (launch 2028, landing by 2030) ({moon(config_path)})"
    loaded = write(edit, config_path)
    assert read(moon(config_path)) == WATCHLIST.replace("# end of list\n", ADDED + "# end of list\n")
    assert loaded.missions["artemis-4"].aliases == ("Artemis IV", "Artemis 4")
    assert read(config_path) == CONFIG


def test_add_to_the_config_inline(config_path: Path) -> None:
    write(
        plan_add(
            load(config_path),
            "artemis-4",
            "Artemis IV",
            ["Artemis 4"],
            ["launch=2028", "landing=by 2030"],
            file=config_path,
        ),
        config_path,
    )
    assert read(config_path) == CONFIG.replace("      complete: by 2035\n", "      complete: by 2035\n" + ADDED)


def test_add_creates_the_missions_map_in_a_config_without_one(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    text = "sources: []  # none yet\n# the end\n"
    path.write_text(text, encoding="utf-8")
    write(plan_add(load(path), "change-7", "Chang'e 7", forecasts=["launch=about 2025"]), path)
    assert read(path) == (
        "sources: []  # none yet\n"
        "missions:\n"
        "  change-7:\n"
        "    name: Chang'e 7\n"
        "    forecasts:\n"
        "      launch: about 2025\n"
        "# the end\n"
    )


def test_add_fills_an_empty_missions_map_in_the_files_indentation(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("defaults:\n    interval: 1h\nsources: []\nmissions: {}   # add some\n", encoding="utf-8")
    write(plan_add(load(path), "ilrs", "ILRS"), path)
    assert (
        read(path) == "defaults:\n    interval: 1h\nsources: []\n"
        "missions:      # add some\n    ilrs:\n        name: ILRS\n"
    )


def test_add_an_existing_id_names_where_it_is(config_path: Path) -> None:
    with pytest.raises(WatchError, match=r"mission 'luna-26' already exists at .*moon.yaml:13; "):
        plan_add(load(config_path), "luna-26", "Luna 26")


@pytest.mark.parametrize(
    ("mission_id", "options", "message"),
    [
        (
            "Change_8",
            {},
            r"invalid mission id 'Change_8': use lowercase letters, digits and hyphens \(e.g. 'change-8'\)",
        ),
        ("change-8", {"forecasts": ["launch"]}, r"--forecast wants EVENT=WINDOW"),
        ("change-8", {"forecasts": ["launch=2028", "launch=2029"]}, r"--forecast launch given twice"),
        ("change-8", {"forecasts": ["launch=whenever"]}, r"launch date: cannot read 'whenever' as a date"),
        (
            "change-8",
            {"file": Path("elsewhere.yaml")},
            r"elsewhere.yaml is neither the config nor one of its watchlists",
        ),
    ],
)
def test_add_rejects_bad_arguments(
    config_path: Path, mission_id: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(WatchError, match=message):
        plan_add(load(config_path), mission_id, "Chang'e 8", **options)  # type: ignore[arg-type]


# ============================================================================ remove


def test_remove_a_forecast_keeps_the_comment_that_follows(config_path: Path) -> None:
    edit = plan_remove(load(config_path), "change-7", "landing")
    assert edit.summary == f"change-7 landing: 2026 → (removed) ({config_path})"
    loaded = write(edit, config_path)
    assert read(config_path) == CONFIG.replace("      landing: 2026\n", "")
    assert Event.LANDING not in loaded.missions["change-7"].forecasts


def test_remove_the_only_forecast_removes_the_forecasts_key(config_path: Path) -> None:
    write(plan_remove(load(config_path), "ilrs", "complete"), config_path)
    assert read(config_path) == CONFIG.replace("    forecasts:\n      complete: by 2035\n", "")


def test_remove_a_forecast_from_a_flow_mapping(config_path: Path) -> None:
    write(plan_remove(load(config_path), "artemis-3", "launch"), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace("{launch: mid-2027, landing: H2 2027}", "{landing: H2 2027}")


def test_remove_the_first_mission_keeps_the_comments_of_the_next(config_path: Path) -> None:
    edit = plan_remove(load(config_path), "artemis-2")
    assert edit.summary == f"artemis-2: removed 'Artemis II' and its 1 forecast ({moon(config_path)})"
    write(edit, config_path)
    assert read(moon(config_path)) == WATCHLIST.replace(
        "  artemis-2:\n    name: Artemis II\n    aliases: [Artemis 2, Artemis-2]\n"
        "    forecasts:\n      launch: 'NET 2026-09'  # NASA\n",
        "",
    )


def test_remove_the_last_mission_keeps_the_comment_after_it(config_path: Path) -> None:
    write(plan_remove(load(config_path), "luna-26"), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace(
        "  luna-26:\n    name: Luna 26\n    forecasts:\n      launch: 2027-08-24\n", ""
    )


def test_remove_a_mission_in_the_middle_keeps_every_comment_and_blank_line_around_it(
    config_path: Path,
) -> None:
    """Whether "# Crewed landing" headed only artemis-3 is a guess; keeping a comment is the safe one."""
    write(plan_remove(load(config_path), "artemis-3"), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace(
        "  artemis-3:\n    name: Artemis III\n    forecasts: {launch: mid-2027, landing: H2 2027}\n", ""
    )


def test_remove_aliases(config_path: Path) -> None:
    write(plan_remove(load(config_path), "artemis-2", aliases=["Artemis-2"]), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace("[Artemis 2, Artemis-2]", "[Artemis 2]")
    write(plan_remove(load(config_path), "artemis-2", aliases=["Artemis 2"]), config_path)
    assert read(moon(config_path)) == WATCHLIST.replace("    aliases: [Artemis 2, Artemis-2]\n", "")


BLOCK_LIST = """\
sources: []
missions:
    m3:
        name: Three
        aliases:
        -   three   # first
        # about the others
        -   drei
        -   "3"
        # after the aliases
    # before m4
    m4:
        name: "Four"
"""


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (["3"], BLOCK_LIST.replace('        -   "3"\n', "")),
        (["drei"], BLOCK_LIST.replace("        -   drei\n", "")),
        (["three"], BLOCK_LIST.replace("        -   three   # first\n", "")),
        (
            ["three", "drei", "3"],
            BLOCK_LIST.replace(
                "        aliases:\n        -   three   # first\n        # about the others\n"
                '        -   drei\n        -   "3"\n',
                "",
            ),
        ),
    ],
    ids=["last", "middle", "first", "all"],
)
def test_remove_aliases_from_a_block_list_keeps_the_comments_between(
    tmp_path: Path, aliases: list[str], expected: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(BLOCK_LIST, encoding="utf-8")
    write(plan_remove(load(path), "m3", aliases=aliases), path)
    assert read(path) == expected


def test_add_and_set_in_a_block_list_file_use_its_indentation(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(BLOCK_LIST, encoding="utf-8")
    write(plan_set(load(path), "m3", "launch", "2030", aliases=["III"]), path)
    write(plan_add(load(path), "m5", "Five", forecasts=["launch=2031"]), path)
    assert (
        read(path)
        == BLOCK_LIST.replace('        -   "3"\n', '        -   "3"\n        -   III\n').replace(
            "        # after the aliases\n",
            "        forecasts:\n            launch: '2030'\n        # after the aliases\n",
        )
        + "    m5:\n        name: Five\n        forecasts:\n            launch: '2031'\n"
    )


def test_add_to_a_watchlist_whose_missions_are_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# nothing yet\nmissions:\n", encoding="utf-8")
    path = tmp_path / "config.yaml"
    path.write_text("sources: []\nwatchlists: [empty.yaml]\n", encoding="utf-8")
    edit = plan_add(load(path), "ilrs", "ILRS", file=tmp_path / "empty.yaml")
    assert edit.summary == f"ilrs: added 'ILRS' ({tmp_path / 'empty.yaml'})"
    write(edit, path)
    assert read(tmp_path / "empty.yaml") == "# nothing yet\nmissions:\n  ilrs:\n    name: ILRS\n"
    write(plan_remove(load(path), "ilrs"), path)
    assert read(tmp_path / "empty.yaml") == "# nothing yet\nmissions: {}\n"


def test_remove_what_is_not_there(config_path: Path) -> None:
    config = load(config_path)
    with pytest.raises(WatchError, match=r"ilrs has no launch forecast \(it has: complete\)"):
        plan_remove(config, "ilrs", "launch")
    with pytest.raises(WatchError, match=r"artemis-2 has no alias 'Artemis II' \(its aliases: Artemis 2, Artemis-2\)"):
        plan_remove(config, "artemis-2", aliases=["Artemis II"])


def test_remove_a_mission_a_channel_names_is_refused_naming_the_line(config_path: Path) -> None:
    edit = plan_remove(load(config_path), "change-7")
    with pytest.raises(ConfigError) as caught:
        write(edit, config_path)
    assert [str(i) for i in caught.value.issues] == [
        f"{config_path}:30: channels[0].missions[0]: unknown mission 'change-7' (expected one of: "
        "artemis-2, artemis-3, ilrs, luna-26)"
    ]
    assert read(config_path) == CONFIG
    assert leftovers(config_path.parent) == []


# ============================================================================ validation and writing


def test_an_edit_that_breaks_a_watchlist_names_the_watchlist_and_writes_nothing(config_path: Path) -> None:
    """A duplicate id that only the full load sees (the watchlist changed behind tracker's back)."""
    config = load(config_path)
    edit = plan_set(config, "artemis-2", "launch", "2027")
    broken = Edit(edit.path, edit.shown, edit.before, edit.after + "  ilrs:\n    name: Again\n", edit.summary)
    with pytest.raises(ConfigError) as caught:
        apply_edit(broken, config, {})
    assert [str(i) for i in caught.value.issues] == [
        f"{moon(config_path)}:17: missions: duplicate mission id 'ilrs': already defined at {config_path}:21"
    ]
    assert read(moon(config_path)) == WATCHLIST
    assert leftovers(config_path.parent) == []


def test_validate_only_writes_nothing(config_path: Path) -> None:
    config = load(config_path)
    edit = plan_set(config, "artemis-2", "launch", "2027")
    assert validate_edit(edit, config, {}).missions["artemis-2"].forecast_text[Event.LAUNCH] == "2027"
    assert read(moon(config_path)) == WATCHLIST
    assert leftovers(config_path.parent) == []
    assert edit.diff().splitlines()[2:] == [
        "@@ -4,7 +4,7 @@",
        "     name: Artemis II",
        "     aliases: [Artemis 2, Artemis-2]",
        "     forecasts:",
        "-      launch: 'NET 2026-09'  # NASA",
        "+      launch: '2027'         # NASA",
        "   # Crewed landing",
        "   artemis-3:",
        "     name: Artemis III",
    ]


def test_a_file_changed_meanwhile_is_not_overwritten(config_path: Path) -> None:
    config = load(config_path)
    edit = plan_set(config, "change-7", "launch", "2027")
    config_path.write_text(CONFIG + "# edited by hand meanwhile\n", encoding="utf-8")
    with pytest.raises(WatchError, match="changed while it was being edited; nothing written"):
        apply_edit(edit, config, {})
    assert read(config_path) == CONFIG + "# edited by hand meanwhile\n"


def test_the_files_mode_and_symlink_are_kept(config_path: Path) -> None:
    real = moon(config_path)
    real.chmod(0o640)
    link_dir = config_path.parent / "links"
    link_dir.mkdir()
    (link_dir / "moon.yaml").symlink_to(real)
    config_path.write_text(CONFIG.replace("watchlists/moon.yaml", "links/moon.yaml"), encoding="utf-8")
    write(plan_set(load(config_path), "luna-26", "launch", "2028"), config_path)
    assert (link_dir / "moon.yaml").is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert "      launch: '2028'\n" in read(real)


PLAIN = "sources: []\nmissions:\n  ilrs:\n    name: ILRS\n"
WITH_FORECAST = PLAIN + "    forecasts:\n      complete: by 2035\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (PLAIN.removesuffix("\n"), WITH_FORECAST.removesuffix("\n")),
        (PLAIN.replace("\n", "\r\n"), WITH_FORECAST.replace("\n", "\r\n")),
        ("\ufeff" + PLAIN, "\ufeff" + WITH_FORECAST),
    ],
    ids=["no-final-newline", "crlf", "bom"],
)
def test_line_ends_final_newline_and_bom_are_kept(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(before.encode("utf-8"))
    write(plan_set(load(path), "ilrs", "complete", "by 2035"), path)
    assert read(path) == after


def test_merge_keeps_the_users_layout_outside_the_edit() -> None:
    ours = "a: [1,\n    2]   # wrapped by hand\nb: x\nc: y\n"
    base = "a: [1, 2]   # wrapped by hand\nb: x\nc: y\n"
    assert _merge(ours, base, base.replace("b: x", "b: z")) == ours.replace("b: x", "b: z")
    assert _merge(ours, base, base + "d: w\n") == ours + "d: w\n"
    # Where the edit touches what ruamel lays out differently, ruamel's layout wins there only.
    assert _merge(ours, base, base.replace("[1, 2]", "[1, 2, 3]")) == "a: [1, 2, 3]   # wrapped by hand\nb: x\nc: y\n"
    assert _merge(ours, base, "b: x\nc: y\n") == "b: x\nc: y\n"


def test_parse_forecast_option() -> None:
    event, text, window = parse_forecast_option(" landing =  NET  2026-09 ")
    assert (event, text, str(window)) == (Event.LANDING, "NET 2026-09", "NET Sep 2026")


# ============================================================================ the command line


def test_cli_set_prints_the_change_and_the_reload_hint(config_path: Path) -> None:
    result = run_tracker("watch", "set", "change-7", "launch", "2026-08", "--config", str(config_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"change-7 launch: about 2025 → Aug 2026 ({config_path})\n"
    assert "systemctl reload tracker" in result.stderr and "without an alert" in result.stderr
    assert read(config_path) == CONFIG.replace('"about 2025"   #', '"2026-08"      #')


def test_cli_add_then_remove_round_trips_the_watchlist(config_path: Path) -> None:
    add = run_tracker(
        "watch", "add", "artemis-4", "--name", "Artemis IV", "--alias", "Artemis 4",
        "--forecast", "launch=2028", "--forecast", "landing=by 2030", "-c", str(config_path),
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    assert add.stdout.startswith("artemis-4: added 'Artemis IV' (launch 2028, landing by 2030)")
    assert read(moon(config_path)) == WATCHLIST.replace("# end of list\n", ADDED + "# end of list\n")
    remove = run_tracker("watch", "remove", "artemis-4", "-c", str(config_path))
    assert remove.returncode == 0, remove.stderr
    assert read(moon(config_path)) == WATCHLIST
    assert run_tracker("validate", str(config_path)).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "change-7", "launch", "soon"], "tracker: change-7 launch: cannot read 'soon' as a date"),
        (["set", "change7", "launch", "2026"], "tracker: no mission 'change7' in"),
        (["add", "ilrs", "--name", "ILRS"], "tracker: mission 'ilrs' already exists at {config}:21; "),
        (["remove", "change-7"], "{config}:30: channels[0].missions[0]: unknown mission 'change-7'"),
    ],
)
def test_cli_errors_are_one_line_exit_2_and_write_nothing(config_path: Path, args: list[str], message: str) -> None:
    result = run_tracker("watch", *args, "--config", str(config_path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(message.format(config=config_path))
    assert read(config_path) == CONFIG and read(moon(config_path)) == WATCHLIST
    assert leftovers(config_path.parent) == []


def test_cli_a_broken_config_is_reported_first(config_path: Path) -> None:
    config_path.write_text(CONFIG.replace("landing: 2026", "landing: sometime"), encoding="utf-8")
    result = run_tracker("watch", "set", "ilrs", "complete", "2036", "-c", str(config_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{config_path}:19: missions.change-7.forecasts.landing: cannot read")


def test_cli_dry_run_shows_the_diff_and_writes_nothing(config_path: Path) -> None:
    result = run_tracker("watch", "remove", "ilrs", "complete", "--dry-run", "-c", str(config_path))
    assert result.returncode == 0, result.stderr
    assert "-    forecasts:\n-      complete: by 2035\n" in result.stdout
    assert result.stdout.endswith(f"ilrs complete: by 2035 → (removed) ({config_path}) [dry run: nothing written]\n")
    assert read(config_path) == CONFIG


def test_cli_set_needs_event_and_window_together(config_path: Path) -> None:
    result = CliRunner().invoke(cli, ["watch", "set", "change-7", "launch", "-c", str(config_path)])
    assert result.exit_code == 2 and "give both EVENT and WINDOW" in result.output


@pytest.mark.parametrize("command", ["add", "set", "remove"])
def test_cli_every_watch_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, ["watch", command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"watch {command} [OPTIONS] MISSION_ID" in result.output
    assert "--config" in result.output and "--dry-run" in result.output and "atomically" in result.output


def test_cli_watch_help_runs_as_the_installed_entry_point() -> None:
    result = run_tracker("watch", "--help")
    assert result.returncode == 0, result.stderr
    for command in ("add", "set", "remove"):
        assert command in result.stdout
