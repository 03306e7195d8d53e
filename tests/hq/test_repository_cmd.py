"""`kiosk-hq init / publish / refresh` as an operator at a terminal meets them."""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

import pytest

from kiosk.hq.cli import main
from kiosk.hq.repository_cmd import ProgressLine, refresher
from kiosk.packs.validate_cmd import validate_command
from tests.packfactory import make_pack, national_files

SAMPLES = Path(__file__).resolve().parents[2] / "kiosk" / "sample_content"


def kiosk_hq(*argv: str | Path) -> int:
    """The command as an operator runs it: its exit code."""
    return main([str(a) for a in argv])


@pytest.fixture
def repo_dir(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    assert kiosk_hq("init", tmp_path / "repo") == 0
    capsys.readouterr()
    return tmp_path / "repo"


def test_init_says_what_to_serve_and_where_the_private_keys_are(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert kiosk_hq("init", tmp_path / "repo") == 0

    out = capsys.readouterr().out
    assert f"serve only {tmp_path / 'repo' / 'public'}" in out
    assert f"move {tmp_path / 'repo' / 'keys' / 'root.pem'} offline" in out
    assert "1.root.json" in out
    root = (tmp_path / "repo" / "public" / "metadata" / "1.root.json").read_bytes()
    assert f"--root-sha256`: {hashlib.sha256(root).hexdigest()}" in out


def test_init_over_a_repository_is_one_plain_message(repo_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert kiosk_hq("init", repo_dir) == 2  # cannot be done as asked

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kiosk-hq: ")
    assert "already holds a repository" in err


def test_init_where_no_folder_can_be_made_is_one_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")

    assert kiosk_hq("init", tmp_path / "file" / "repo") == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Not a directory" in err and "Traceback" not in err


def test_publish_reports_what_it_signed_and_then_unchanged(
    repo_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ["publish", SAMPLES / "national", "--repo", repo_dir, "--scope", "national", "--no-media"]
    assert kiosk_hq(*args) == 0
    first = capsys.readouterr().out

    assert kiosk_hq(*args) == 0

    assert "published pack 'national' version 1 (national)" in first
    assert "signed by role 'targets'" in first and "index national/index.json" in first
    assert "pack 'national' version 1 (national): unchanged" in capsys.readouterr().out


def test_publish_to_a_new_province_says_it_has_its_own_key(
    repo_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    code = kiosk_hq(
        "publish",
        SAMPLES / "province-gd",
        "--repo",
        repo_dir,
        "--scope",
        "province:GD",
        "--base",
        SAMPLES / "national",
        "--no-media",
    )

    assert code == 0
    out = capsys.readouterr().out
    assert "signed by role 'province-GD'" in out
    assert f"'province-GD' is a new role with its own key, {repo_dir / 'keys' / 'province-GD.pem'}" in out


def test_invalid_pack_is_refused_with_the_validators_lines(
    tmp_path: Path, media_dir: Path, repo_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    files = national_files()
    files["services.json"][0]["price"]["amount"] = "five"
    pack = make_pack(tmp_path / "bad", media_dir, files)
    validate_command(pack, [], check_media=False)
    problems = capsys.readouterr().out.splitlines()[:-1]

    assert kiosk_hq("publish", pack, "--repo", repo_dir, "--scope", "national", "--no-media") == 1

    err = capsys.readouterr().err.splitlines()
    assert err[: len(problems)] == problems and problems
    assert err[-1].startswith(f"kiosk-hq: {pack}: INVALID: 1 error(s)")


def test_scope_mismatch_is_refused_naming_both(repo_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code = kiosk_hq(
        "publish", SAMPLES / "national", "--repo", repo_dir, "--scope", "store:GD-SZ-0001", "--no-media"
    )

    assert code == 2
    err = capsys.readouterr().err
    assert "declares scope national" in err and "--scope says store:GD-SZ-0001" in err


def test_a_scope_that_is_not_one_is_a_usage_error(repo_dir: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        kiosk_hq("publish", SAMPLES / "national", "--repo", repo_dir, "--scope", "planet:earth")

    assert exit_.value.code == 2
    assert "'planet:earth' is not a scope" in capsys.readouterr().err


def test_publish_to_a_folder_without_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = kiosk_hq("publish", SAMPLES / "national", "--repo", tmp_path, "--scope", "national")

    assert code == 2
    assert f"kiosk-hq init {tmp_path}" in capsys.readouterr().err


def test_refresh_prints_the_new_timestamp(repo_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert kiosk_hq("refresh", "--repo", repo_dir) == 0

    assert f"refreshed {repo_dir}: timestamp v2, valid until" in capsys.readouterr().out


def test_serves_refresher_signs_a_new_timestamp_and_logs_it(
    repo_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.hq.repo")

    refresher(repo_dir)()

    assert "repository refreshed: timestamp v2, valid until" in caplog.text


def test_serves_refresher_logs_a_refresh_it_cannot_sign_instead_of_raising(
    repo_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (repo_dir / "keys" / "timestamp.pem").unlink()

    refresher(repo_dir)()

    assert caplog.records[-1].levelno == logging.ERROR
    assert "private key of role 'timestamp' is not here" in caplog.text


def test_progress_in_a_log_is_a_line_every_tenth() -> None:
    log = io.StringIO()
    progress = ProgressLine(log)

    for done in range(100):
        progress(done, 100, done * 1000 + 1000, 100_000, f"media/{done}.jpg")  # read, not stored
        progress(done + 1, 100, done * 1000 + 1000, 100_000, f"media/{done}.jpg")
    progress.finish()

    lines = log.getvalue().splitlines()
    assert len(lines) == 11 and lines[0].startswith("publishing: 1% (0/100 files")
    assert lines[-1] == "publishing: 100% (100/100 files, 100.0 kB of 100.0 kB)"
    assert "\r" not in log.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_rewrites_one_line() -> None:
    screen = _Terminal()
    progress = ProgressLine(screen)

    for done in range(1, 4):
        progress(done, 3, done * 10, 30, f"media/{done}.jpg")
    before_finish = screen.getvalue()
    progress.finish()

    assert before_finish.count("\r") == 3 and "\n" not in before_finish
    assert "publishing 100.0% (3/3 files" in before_finish
    assert screen.getvalue().endswith("\n")
