"""The fallback chain: configured packs, then the bundled sample, then out of service."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.packs import media
from kiosk.packs.layering import StoreIdentity
from kiosk.packs.media import MediaChecks
from kiosk.services.content import load_content
from tests.packfactory import make_pack, national_files

STORE = StoreIdentity("GD", "GD-SZ", "GD-SZ-0001")


def broken(tmp_path: Path, media_dir: Path) -> Path:
    files = national_files()
    files["services.json"] = "[not json"
    return make_pack(tmp_path / "broken" / "national", media_dir, files)


def test_configured_packs_are_used_when_valid(national: Path) -> None:
    loaded = load_content([national], STORE, "Asia/Shanghai", fallback=None)

    assert loaded.origin == "configured" and loaded.catalog is not None


def test_invalid_pack_falls_back_to_the_bundled_sample(tmp_path: Path, media_dir: Path) -> None:
    sample = make_pack(tmp_path / "sample" / "national", media_dir)

    loaded = load_content(
        [broken(tmp_path, media_dir).parent], STORE, "Asia/Shanghai", fallback=sample.parent
    )

    assert loaded.origin == "bundled sample"
    assert any("services.json" in p and "not valid JSON" in p for p in loaded.problems)


def test_nothing_usable_means_out_of_service_not_a_crash(tmp_path: Path, media_dir: Path) -> None:
    loaded = load_content(
        [broken(tmp_path, media_dir)], STORE, "Asia/Shanghai", fallback=tmp_path / "no-such-folder"
    )

    assert loaded.catalog is None and loaded.origin == "none"
    assert loaded.problems


def test_packs_for_other_stores_are_ignored(national: Path, tmp_path: Path, media_dir: Path) -> None:
    other = make_pack(
        tmp_path / "bj",
        media_dir,
        {
            "pack.json": national_files()["pack.json"] | {"id": "bj", "scope": "province:BJ"},
            "top10.json": {"services": ["svc.data10"]},
        },
    )

    loaded = load_content([national, other], STORE, "Asia/Shanghai", fallback=None)

    assert [p.id for p in loaded.packs] == ["national"]


def test_media_is_decoded_once_and_remembered_across_starts(
    national: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "media-checks.json"
    load_content([national], STORE, "Asia/Shanghai", fallback=None, checks=MediaChecks(cache))
    decoded: list[Path] = []
    real_decode = media.decode
    monkeypatch.setattr(media, "decode", lambda p, kind: decoded.append(p) or real_decode(p, kind))

    loaded = load_content([national], STORE, "Asia/Shanghai", fallback=None, checks=MediaChecks(cache))

    assert loaded.catalog is not None and decoded == []


def test_a_changed_media_file_is_checked_again(national: Path, tmp_path: Path) -> None:
    checks = MediaChecks(tmp_path / "media-checks.json")
    load_content([national], STORE, "Asia/Shanghai", fallback=None, checks=checks)
    (national / "media" / "picture.jpg").write_text("now broken", encoding="utf-8")

    loaded = load_content([national], STORE, "Asia/Shanghai", fallback=None, checks=checks)

    assert loaded.catalog is None
    assert any("picture.jpg' is not an image" in p for p in loaded.problems)


def test_the_first_start_decodes_media_on_two_threads(
    national: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing remembered (a new kiosk, or new checks), every file is decoded once, by
    the two decoding threads, before the reader asks for them one at a time."""
    decoded: list[tuple[str, Path]] = []
    real_decode = media.decode

    def watched(path: Path, kind: str) -> media.Decoded:
        decoded.append((threading.current_thread().name, path))
        return real_decode(path, kind)

    monkeypatch.setattr(media, "decode", watched)

    loaded = load_content(
        [national], STORE, "Asia/Shanghai", fallback=None, checks=MediaChecks(tmp_path / "m.json")
    )

    paths = [p for _, p in decoded]
    assert loaded.catalog is not None and decoded
    assert all(name.startswith("kiosk-check") for name, _ in decoded)
    assert len(paths) == len(set(paths))
