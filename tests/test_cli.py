"""The `kiosk` command as a person at a terminal meets it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.packfactory import make_pack, national_files, text


def test_validate_says_valid_and_exits_0(national: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["pack", "validate", str(national)]) == 0
    assert "valid: pack 'national' version 1, scope national" in capsys.readouterr().out


def test_validate_lists_every_problem_and_exits_1(
    tmp_path: Path, media_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    files = national_files()
    files["services.json"][0]["pitch"] = {"zh-CN": "x"}
    files["categories.json"][0]["color"] = "red"
    root = make_pack(tmp_path / "p", media_dir, files)

    assert main(["pack", "validate", str(root)]) == 1

    out = capsys.readouterr().out
    assert "p/error: services.json: [0].pitch: has no text in en" in out
    assert "p/error: categories.json: [0].color: must be a colour" in out
    assert "INVALID: 2 error(s)" in out


def test_bad_json_gives_a_message_not_a_traceback(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["pack.json"] = '{"format": 1,,}'
    root = make_pack(tmp_path / "p", media_dir, files)

    run = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "pack", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 1
    assert "pack.json: line 1 column 14: is not valid JSON" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_validate_checks_references_against_base_layers(
    national: Path, tmp_path: Path, media_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    store = make_pack(
        tmp_path / "store",
        media_dir,
        {
            "pack.json": {
                "format": 1,
                "id": "s1",
                "version": 1,
                "scope": "store:GD-SZ-0001",
                "title": text("门店", "Store"),
                "languages": ["zh-CN", "en"],
            },
            "top10.json": {"services": ["svc.ringback", "svc.missing"]},
        },
    )

    assert main(["pack", "validate", str(store)]) == 0
    assert "references to lower layers were not checked" in capsys.readouterr().out
    assert main(["pack", "validate", str(store), "--base", str(national)]) == 1
    assert "refers to service 'svc.missing'" in capsys.readouterr().out


def test_validate_of_a_missing_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["pack", "validate", str(tmp_path / "nowhere")]) == 1
    assert "is not a folder" in capsys.readouterr().out


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "screenshot", "pack"):
        assert command in out


def test_without_a_display_the_kiosk_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    assert main(["--windowed"]) == 2

    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "no display found" in err and "kiosk screenshot" in err and "QT_QPA_PLATFORM=offscreen" in err


def test_a_bad_settings_file_is_named_with_its_field(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "kiosk.json").write_text(json.dumps({"idle_timeout_s": "soon"}), encoding="utf-8")

    assert main(["--data-dir", str(tmp_path), "screenshot", "list"]) == 2

    err = capsys.readouterr().err
    assert "kiosk.json: idle_timeout_s: must be a whole number of seconds" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--windowed", "--pack", "x"],
        ["run", "--windowed", "--pack", "x"],
        ["--windowed", "--pack", "x", "run"],
    ],
)
def test_run_options_hold_before_or_after_the_subcommand(argv: list[str]) -> None:
    from kiosk.cli import build_parser

    args = build_parser().parse_args(argv)

    assert args.windowed is True and args.pack == [Path("x").absolute()]


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "D", "status"],
        ["status", "--data-dir", "D"],
        ["pack", "validate", "--data-dir", "D", "x"],
        ["screenshot", "home", "--data-dir", "D"],
        ["run", "--data-dir", "D"],
        ["sync", "--once", "--data-dir", "D"],
    ],
)
def test_the_data_folder_can_be_named_before_or_after_the_command(argv: list[str]) -> None:
    from kiosk.cli import build_parser

    assert build_parser().parse_args(argv).data_dir == Path("D")


def test_a_command_without_data_dir_keeps_the_one_given_before_it() -> None:
    from kiosk.cli import build_parser

    assert build_parser().parse_args(["--data-dir", "D", "doctor"]).data_dir == Path("D")
    assert build_parser().parse_args(["doctor"]).data_dir is None


def test_a_data_folder_given_after_the_command_is_the_one_used(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "kiosk.json").write_text(json.dumps({"idle_timeout_s": "soon"}), encoding="utf-8")

    assert main(["screenshot", "list", "--data-dir", str(tmp_path)]) == 2

    assert "kiosk.json: idle_timeout_s" in capsys.readouterr().err


def test_building_the_kiosks_commands_imports_nothing_the_start_does_not_need() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from kiosk.cli import build_parser; build_parser(); "
        "heavy = {'requests', 'urllib3', 'tuf', 'sqlite3', 'av'}; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_relative_pack_folder_is_made_absolute_so_the_ui_finds_its_pictures(tmp_path: Path) -> None:
    from kiosk.cli import build_parser

    for argv in (["--pack", "packs/ok"], ["screenshot", "home", "--pack", "packs/ok"]):
        assert build_parser().parse_args(argv).pack == [Path.cwd() / "packs" / "ok"]


RUN_LINES = [
    [],
    ["run"],
    ["--windowed"],
    ["--fullscreen", "run"],
    ["run", "--windowed", "--size", "1280x720"],
    ["--data-dir", "D", "run", "--pack", "a", "--pack", "b"],
    ["--data-dir=D", "--windowed", "--pack", "x", "run", "--size=800x600"],
    ["run", "--data-dir", "D"],
    ["--wind", "--si", "800x600"],  # abbreviated, as argparse allows
]
OTHER_LINES = [
    ["screenshot", "list"],
    ["--pack", "run", "screenshot", "home"],  # a pack folder named "run"
    ["pack", "validate", "x", "--base", "y"],
    ["--data-dir", "D", "status", "--json"],
    ["sync", "--once"],
]
BAD_LINES = [
    ["--help"],
    ["run", "-h"],
    ["bogus"],
    ["run", "--bogus"],
    ["--size", "huge"],
    ["run", "--windowed", "--fullscreen"],
    ["--windowed", "run", "extra"],
    ["--data-dir"],
]


@pytest.mark.parametrize("argv", RUN_LINES + OTHER_LINES)
def test_the_command_line_means_what_the_whole_parser_says(argv: list[str]) -> None:
    from kiosk.cli import build_parser, parse_args

    assert _meaning(parse_args(argv)) == _meaning(build_parser().parse_args(argv))


def _meaning(args: argparse.Namespace) -> dict[str, object]:
    """The arguments, with the handler by what it runs (the HQ commands' handlers are made
    anew with each parser)."""
    func = args.func
    cells = tuple(c.cell_contents for c in func.__closure__ or ())
    return {**vars(args), "func": (func.__module__, func.__qualname__, cells)}


@pytest.mark.parametrize("argv", BAD_LINES)
def test_help_and_mistakes_are_answered_by_the_whole_parser(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import build_parser, parse_args

    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as parsed:
        parse_args(argv)

    assert parsed.value.code == whole.value.code
    assert capsys.readouterr() == expected


@pytest.mark.parametrize("argv", RUN_LINES)
def test_a_start_builds_no_other_command(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.cli

    def fail(sub: object) -> None:
        raise AssertionError("the whole parser was built")

    monkeypatch.setattr(kiosk.cli, "_other_commands", fail)

    assert kiosk.cli.parse_args(argv).func is kiosk.cli._run
