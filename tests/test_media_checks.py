"""MediaChecks remembers what sync decoded by the content's verified hash, not only by path."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kiosk.config import BUNDLED_CONTENT
from kiosk.packs import media
from kiosk.packs.media import MediaChecks, Use

VIDEO = BUNDLED_CONTENT / "national" / "media" / "video" / "ringback-video.mp4"
SHA = hashlib.sha256(VIDEO.read_bytes()).hexdigest()


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file actually decoded from now on."""
    seen: list[Path] = []
    real_check = media.check

    def counting(path: Path, use: Use, suffix: str | None = None) -> media.Checked:
        seen.append(path)
        return real_check(path, use, suffix)

    monkeypatch.setattr(media, "check", counting)
    return seen


def blob(tmp_path: Path) -> Path:
    """The video as sync holds it while it arrives: named by its hash, without a suffix."""
    path = tmp_path / "partial" / f"{SHA}.{SHA}"
    path.parent.mkdir()
    shutil.copyfile(VIDEO, path)
    return path


def blob_again(tmp_path: Path) -> Path:
    return tmp_path / "partial" / f"{SHA}.{SHA}"


def placed(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "set" / name
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(VIDEO, path)
    return path


def test_a_download_is_checked_for_the_suffix_it_will_have_not_its_own_name(
    tmp_path: Path, decoded: list[Path]
) -> None:
    checks = MediaChecks()

    result = checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)

    assert result.reason is None and result.duration_s is not None
    assert len(decoded) == 1


def test_a_file_whose_content_was_decoded_is_not_decoded_again_at_another_path(
    tmp_path: Path, decoded: list[Path]
) -> None:
    checks = MediaChecks()
    first = checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)

    again = checks.check(placed(tmp_path, "clip.mp4"), Use.VIDEO, sha256=SHA)
    elsewhere = checks.check(placed(tmp_path, "other.MP4"), Use.VIDEO, sha256=SHA)

    assert again == first == elsewhere
    assert len(decoded) == 1


def test_the_hash_is_remembered_in_the_file_for_the_next_sync_and_the_path_for_the_next_start(
    tmp_path: Path, decoded: list[Path]
) -> None:
    cache = tmp_path / "media-checks.json"
    checks = MediaChecks(cache)
    checks.check(placed(tmp_path, "clip.mp4"), Use.VIDEO, sha256=SHA)
    checks.save()

    MediaChecks(cache).check(placed(tmp_path, "renamed.mp4"), Use.VIDEO, sha256=SHA)
    MediaChecks(cache).check(tmp_path / "set" / "clip.mp4", Use.VIDEO)

    assert len(decoded) == 1


def test_the_same_content_under_a_suffix_the_kiosk_refuses_is_decided_again(
    tmp_path: Path, decoded: list[Path]
) -> None:
    checks = MediaChecks()
    checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)

    refused = checks.check(placed(tmp_path, "clip.avi"), Use.VIDEO, sha256=SHA)

    assert refused.reason is not None and "'.avi'" in refused.reason
    assert len(decoded) == 2


def test_the_same_content_for_another_use_is_decided_again(tmp_path: Path, decoded: list[Path]) -> None:
    checks = MediaChecks()
    checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)

    checks.check_content(blob_again(tmp_path), SHA, ".mp4", Use.AUDIO)

    assert len(decoded) == 2


def test_without_a_hash_a_new_path_is_decoded(tmp_path: Path, decoded: list[Path]) -> None:
    checks = MediaChecks()
    checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)

    checks.check(placed(tmp_path, "clip.mp4"), Use.VIDEO)

    assert len(decoded) == 2
