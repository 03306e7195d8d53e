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
    real_decode = media.decode

    def counting(path: Path, kind: str, *, whole: bool = True) -> media.Decoded:
        seen.append(path)
        return real_decode(path, kind, whole=whole)

    monkeypatch.setattr(media, "decode", counting)
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


def test_a_file_hq_signed_is_decoded_to_its_first_frame_and_a_local_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HQ decodes every file whole before it signs it (kiosk-hq publish runs the same checks);
    the kiosk, holding exactly those bytes, checks its own decoder on the first frame."""
    wholes: list[bool] = []
    real_decode = media.decode

    def recording(path: Path, kind: str, *, whole: bool = True) -> media.Decoded:
        wholes.append(whole)
        return real_decode(path, kind, whole=whole)

    monkeypatch.setattr(media, "decode", recording)
    checks = MediaChecks()

    signed = checks.check_content(blob(tmp_path), SHA, ".mp4", Use.VIDEO)
    placed_signed = checks.check(placed(tmp_path, "b.mp4"), Use.VIDEO, sha256=SHA)
    local = checks.check(placed(tmp_path, "c.mp4"), Use.VIDEO)

    assert signed.reason is None and placed_signed.reason is None and local.reason is None
    assert wholes == [False, True]  # b.mp4 was known by its hash; c.mp4 came with none
    assert signed.duration_s == local.duration_s


def test_a_signed_video_cut_short_is_refused_from_its_header_without_decoding_it_whole(
    tmp_path: Path,
) -> None:
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(VIDEO.read_bytes()[: VIDEO.stat().st_size * 6 // 10])
    sha = hashlib.sha256(cut.read_bytes()).hexdigest()

    result = MediaChecks().check(cut, Use.VIDEO, sha256=sha)

    assert result.reason is not None and "cut short" in result.reason


PICTURE = BUNDLED_CONTENT / "national" / "media" / "services" / "family-plan-1.jpg"


def test_a_picture_decoded_as_it_arrived_is_judged_for_each_use_in_the_set_without_decoding_again(
    tmp_path: Path, decoded: list[Path]
) -> None:
    """Sync decodes pictures as they arrive, by hash, for one use; the set's reader asks
    for other uses (full screen, icon), each judged on its own size rules."""
    sha = hashlib.sha256(PICTURE.read_bytes()).hexdigest()
    arrived = tmp_path / "partial" / f"{sha}.{sha}"
    arrived.parent.mkdir()
    shutil.copyfile(PICTURE, arrived)
    in_set = tmp_path / "set" / "photo.jpg"
    in_set.parent.mkdir()
    shutil.copyfile(PICTURE, in_set)
    checks = MediaChecks()

    checks.check_content(arrived, sha, ".jpg", Use.PICTURE)
    found = {use: checks.check(in_set, use, sha256=sha) for use in (Use.PICTURE, Use.FULLSCREEN, Use.ICON)}

    assert found == {use: media.check(in_set, use) for use in found}
    assert len(decoded) == 1 + len(found)  # the arrival, then the fresh decodings compared with
    assert found[Use.FULLSCREEN].reason is not None  # the same file, judged on another use's size


def test_results_of_files_gone_and_content_no_longer_held_are_forgotten_and_the_rest_kept(
    tmp_path: Path, decoded: list[Path]
) -> None:
    cache = tmp_path / "media-checks.json"
    checks = MediaChecks(cache)
    kept = placed(tmp_path, "kept.mp4")
    gone = placed(tmp_path, "gone.mp4")
    for path in (kept, gone):
        checks.check(path, Use.VIDEO, sha256=SHA)
    checks.save()
    gone.unlink()  # its pack set was collected
    decodings = len(decoded)

    checks = MediaChecks(cache)
    assert checks.forget_gone(held={SHA}) == 1  # gone.mp4's result; the content is still held
    checks.save()

    checks = MediaChecks(cache)
    checks.check(kept, Use.VIDEO)  # known by its path
    checks.check(placed(tmp_path, "again.mp4"), Use.VIDEO, sha256=SHA)  # known by its content
    assert len(decoded) == decodings
    # The content no longer held: its result goes, kept.mp4's (still there) stays.
    checks = MediaChecks(cache)
    assert checks.forget_gone(held=set()) == 1
    checks.check(kept, Use.VIDEO)
    assert len(decoded) == decodings
