"""A content sync against a real HQ on loopback: verified, content-addressed, switched whole."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from kiosk.config import BUNDLED_CONTENT
from kiosk.hq import repository
from kiosk.packs import media
from kiosk.packs.media import MediaChecks, Use
from kiosk.services.content import load_sources
from kiosk.sync import content
from kiosk.sync.errors import SyncError, UntrustedError
from kiosk.sync.packsets import PackSet, PackSets
from tests.sync.hqkit import Hq, content_sync, enrolled, republish_store_pack

OPENING = "media/offers/opening.jpg"


def reencoded(path: Path, quality: int = 70) -> bytes:
    out = io.BytesIO()
    Image.open(path).save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_a_first_sync_makes_the_published_packs_the_kiosks_current_set(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)

    result = content_sync(data, identity).run()

    assert result.switched and result.current is not None
    assert {(p.id, p.scope, p.version) for p in result.current.packs} == {
        ("national", "national", 1),
        ("province-gd", "province:GD", 1),
        ("store-gd-sz-0001", "store:GD-SZ-0001", 1),
    }
    sets = PackSets(data / "content")
    folder = sets.folder(result.current.name)
    assert (folder / "national" / "pack.json").read_bytes() == (
        BUNDLED_CONTENT / "national" / "pack.json"
    ).read_bytes()
    catalog, packs, problems = load_sources([folder], identity.store_identity, "Asia/Shanghai")
    assert catalog is not None and problems == [] and len(packs) == 3
    assert all(p.signed_until for p in result.current.packs)


def test_a_sync_with_nothing_new_downloads_nothing_and_switches_nothing(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()

    again = content_sync(data, identity).run()

    assert (again.changed, again.downloaded_bytes, again.downloaded_files) == (False, 0, 0)
    assert (
        again.current is not None and first.current is not None and again.current.name == first.current.name
    )


def test_a_new_version_that_changes_one_file_fetches_that_file_and_its_manifest_only(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()
    new_picture = reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)
    republish_store_pack(hq, tmp_path, {OPENING: new_picture})

    second = content_sync(data, identity).run()

    new_manifest = PackSets(data / "content").folder(second.current.name) / "store-gd-sz-0001" / "pack.json"
    assert second.downloaded_files == 2
    assert second.downloaded_bytes == len(new_picture) + new_manifest.stat().st_size
    assert second.switched and first.current is not None
    assert PackSets(data / "content").pointer().previous == first.current.name
    shown = PackSets(data / "content").folder(second.current.name) / "store-gd-sz-0001" / OPENING
    assert shown.read_bytes() == new_picture


def test_a_target_whose_bytes_were_changed_on_the_server_is_refused_and_the_set_in_use_stays(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()
    new_picture = reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING, quality=50)
    republish_store_pack(hq, tmp_path, {OPENING: new_picture})
    blobs = hq.repo / "public" / "targets" / "store" / "GD-SZ-0001" / "blobs"
    import hashlib

    sha = hashlib.sha256(new_picture).hexdigest()
    served = blobs / f"{sha}.{sha}"
    tampered = bytearray(served.read_bytes())
    tampered[1000] ^= 0xFF
    served.write_bytes(bytes(tampered))

    with pytest.raises(UntrustedError, match="does not match its signed hash"):
        content_sync(data, identity).run()

    sets = PackSets(data / "content")
    assert first.current is not None and sets.pointer().current == first.current.name
    assert not sets.has_blob(sha, len(new_picture))
    assert list(sets.partial.iterdir()) == []


def test_a_replayed_old_snapshot_is_refused_as_a_rollback(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    metadata = hq.repo / "public" / "metadata"
    old_timestamp = (metadata / "timestamp.json").read_bytes()
    content_sync(data, identity).run()
    republish_store_pack(hq, tmp_path, {OPENING: reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)})
    second = content_sync(data, identity).run()

    (metadata / "timestamp.json").write_bytes(old_timestamp)  # an attacker replays yesterday
    with pytest.raises(UntrustedError, match="refused"):
        content_sync(data, identity).run()

    assert PackSets(data / "content").pointer().current == second.current.name


def test_an_expired_timestamp_is_refused_and_the_set_in_use_stays(hq: Hq, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.hq.repository import KioskRepository, Layout

    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()
    # HQ's timestamp signed anew, but as of 8 days ago: expired (a frozen repository).
    repo = KioskRepository(Layout(hq.repo), now=datetime.now(UTC) - timedelta(days=8))
    repo.close("timestamp", repo.open("timestamp"))
    repo.commit()

    with pytest.raises(UntrustedError, match="Expired"):
        content_sync(data, identity).run()

    assert first.current is not None and PackSets(data / "content").pointer().current == first.current.name
    assert json.loads((data / "content" / "active.json").read_text())["current"] == first.current.name


def test_on_the_wire_a_one_file_change_costs_that_file_its_manifest_and_the_metadata(
    hq: Hq, tmp_path: Path
) -> None:
    from tests.sync.faultproxy import fault_proxy
    from tests.sync.hqkit import content_sync_via

    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    content_sync(data, identity).run()
    new_picture = reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING, quality=60)
    republish_store_pack(hq, tmp_path, {OPENING: new_picture})

    with fault_proxy(hq.url, fault_rate=0.0) as proxy:
        result = content_sync_via(proxy.url, data, identity).run()

    assert result.switched and result.downloaded_files == 2
    metadata = sum(
        (hq.repo / "public" / "metadata" / name).stat().st_size
        for name in ("timestamp.json", "5.snapshot.json", "2.store-GD-SZ-0001.json")
    )
    payload = result.downloaded_bytes + metadata
    index = (hq.repo / "public" / "targets" / "store" / "GD-SZ-0001").glob("*.index.json")
    payload += min(p.stat().st_size for p in index)
    # What crossed the wire: those bytes, HTTP's headers (well under 1 KB an answer), nothing else.
    assert payload <= proxy.bytes_down < payload + 8 * 1024, (proxy.bytes_down, payload)


def test_a_kiosk_takes_only_its_own_scopes_packs(hq: Hq, tmp_path: Path) -> None:
    from kiosk.sync.enrol import enrol

    data = tmp_path / "guangzhou"
    identity = enrol(data, hq.url, hq.code(store="GD-GZ-0002", city="GD-GZ"))

    result = content_sync(data, identity).run()

    assert result.current is not None
    assert {p.id for p in result.current.packs} == {"national", "province-gd"}
    store_only = {f.sha256 for f in _published(hq, "store/GD-SZ-0001")} - {
        f.sha256 for p in result.current.packs for f in p.files
    }
    assert store_only and not any(PackSets(data / "content").blob(sha).exists() for sha in store_only)


def test_a_set_that_does_not_fit_on_the_disk_is_not_started(
    hq: Hq, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.sync import content
    from kiosk.sync.errors import NoRoomError

    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    monkeypatch.setattr(content, "DISK_MARGIN_BYTES", 1 << 60)  # as if the disk were full

    with pytest.raises(NoRoomError, match="are free on"):
        content_sync(data, identity).run()

    sets = PackSets(data / "content")
    assert sets.pointer().current is None
    assert not sets.blobs.exists() or not any(sets.blobs.iterdir())


def _published(hq: Hq, prefix: str) -> list:
    from kiosk.hq.repository import parse_scope
    from kiosk.packs.targets import read_index

    scope = parse_scope(prefix.replace("/", ":", 1))
    index = next((hq.repo / "public" / "targets" / prefix).glob("*.index.json"))
    return [f for p in read_index(index.read_bytes(), scope) for f in p.files]


def test_a_role_signed_with_a_key_hq_did_not_name_is_refused_and_the_set_in_use_stays(
    hq: Hq, tmp_path: Path
) -> None:
    from securesystemslib.signer import CryptoSigner

    from kiosk.hq.repository import KioskRepository, Layout

    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()
    # Someone with the timestamp and snapshot keys but not the province's signs its role.
    repo = KioskRepository(Layout(hq.repo))
    forged = repo.open("province-GD")
    forged.signed.version += 1
    forged.signatures.clear()
    forged.sign(CryptoSigner.generate_ed25519())
    repo._staged["province-GD"] = forged
    repo.do_snapshot()
    repo.do_timestamp()
    repo.commit()

    with pytest.raises(UntrustedError, match="UnsignedMetadataError"):
        content_sync(data, identity).run()

    assert first.current is not None and PackSets(data / "content").pointer().current == first.current.name


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """Every video, sound and picture actually decoded from now on."""
    seen: list[tuple[Path, str]] = []
    real_decode = media.decode

    def counting(path: Path, kind: str, *, whole: bool = True) -> media.Decoded:
        if kind in ("video", "audio", "image"):
            seen.append((path, kind))
        return real_decode(path, kind, whole=whole)

    monkeypatch.setattr(media, "decode", counting)
    return seen


def _decodable(made: PackSet) -> set[str]:
    decodable = {".mp4", ".ogg", ".jpg", ".png", ".webp"}
    return {f.sha256 for p in made.packs for f in p.files if Path(f.path).suffix.lower() in decodable}


def test_a_first_sync_decodes_each_video_sound_and_picture_once_and_the_kiosks_start_none(
    hq: Hq, tmp_path: Path, decoded: list[tuple[Path, str]]
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    cache = data / "media-checks.json"

    result = content_sync(data, identity, checks=MediaChecks(cache)).run()

    assert result.current is not None
    assert len(decoded) == len(_decodable(result.current)) > 0
    decoded.clear()
    folder = PackSets(data / "content").folder(result.current.name)
    catalog, _, problems = load_sources(
        [folder], identity.store_identity, "Asia/Shanghai", MediaChecks(cache)
    )
    assert catalog is not None and problems == []
    assert decoded == []


def test_a_new_set_does_not_decode_again_the_videos_sounds_and_pictures_it_carries_unchanged(
    hq: Hq, tmp_path: Path, decoded: list[tuple[Path, str]]
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    cache = data / "media-checks.json"
    content_sync(data, identity, checks=MediaChecks(cache)).run()
    republish_store_pack(hq, tmp_path, {OPENING: reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)})
    decoded.clear()

    second = content_sync(data, identity, checks=MediaChecks(cache)).run()

    assert second.switched
    assert [kind for _, kind in decoded] == ["image"]  # the changed picture, and only it


def test_a_video_that_does_not_decode_is_refused_even_when_decoded_as_it_arrived(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    first = content_sync(data, identity).run()
    national = tmp_path / "national-v2"
    shutil.copytree(BUNDLED_CONTENT / "national", national)
    manifest = json.loads((national / "pack.json").read_text(encoding="utf-8"))
    manifest["version"] = 2
    (national / "pack.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    (national / "media" / "video" / "ringback-video.mp4").write_bytes(b"not a video at all" * 100)
    repository.publish(hq.repo, national, "national", check_media=False)

    with pytest.raises(SyncError, match=r"ringback-video\.mp4"):
        content_sync(data, identity).run()

    assert first.current is not None
    assert PackSets(data / "content").pointer().current == first.current.name


def test_a_download_that_cannot_be_made_durable_fails_the_sync_and_only_it_is_not_kept(
    hq: Hq, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    real = content.make_durable
    failed: list[str] = []

    def failing_once(paths: list[Path], *, folders: bool = True) -> None:
        if not failed:
            failed.append(paths[0].name.split(".", 1)[0])
            raise OSError(5, "Input/output error")
        real(paths, folders=folders)

    monkeypatch.setattr(content, "make_durable", failing_once)

    with pytest.raises(SyncError, match="cannot be written"):
        content_sync(data, identity).run()

    sets = PackSets(data / "content")
    assert sets.pointer().current is None
    kept = {p.name for p in sets.blobs.iterdir()}
    assert failed and failed[0] not in kept and len(kept) > 1


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="thread priorities are set on Linux only")
def test_a_new_sets_media_is_decoded_behind_the_screen(tmp_path: Path) -> None:
    """A new set's media is decoded while the kiosk plays its own: the decoding threads run
    at a lower priority than the thread that asked."""
    pack = tmp_path / "national"
    pack.mkdir()
    (pack / "voice.wav").write_bytes(b"")
    (pack / "clip.mp4").write_bytes(b"")
    files = [
        SimpleNamespace(path="voice.wav", sha256="a" * 64),
        SimpleNamespace(path="clip.mp4", sha256="b" * 64),
    ]
    made = SimpleNamespace(packs=[SimpleNamespace(id="national", files=files)])
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[tuple[str, int]] = []

    class Watching(MediaChecks):
        def check(self, path: Path, use: Use, st: os.stat_result | None = None, **kw: Any) -> media.Checked:
            seen.append((path.name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
            return super().check(path, use, st, **kw)

    content._decode_ahead(tmp_path, made, Watching())  # type: ignore[arg-type]

    lower = min(mine + content.DECODE_NICENESS, 19)
    assert sorted(seen) == [("clip.mp4", lower), ("voice.wav", lower)]


def test_media_checks_of_a_collected_set_are_forgotten_with_it(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    cache = data / "media-checks.json"

    def sync() -> PackSet:
        result = content_sync(data, identity, checks=MediaChecks(cache)).run()
        assert result.current is not None
        return result.current

    first = sync()
    first_picture = reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING, quality=60)
    republish_store_pack(hq, tmp_path / "v2", {OPENING: first_picture}, version=2)
    sync()
    republish_store_pack(
        hq, tmp_path / "v3", {OPENING: reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)}, version=3
    )
    sync()  # the first set is collected (the current and previous stay)

    keys = json.loads(cache.read_text(encoding="utf-8"))["files"]
    first_folder = str(PackSets(data / "content").folder(first.name))
    assert not any(k.startswith(first_folder) for k in keys)
    held = {p.name for p in (data / "content" / "blobs").iterdir()}
    shas = {k.split("|")[0].removeprefix("sha256:") for k in keys if k.startswith("sha256:")}
    assert shas and shas <= held
    assert hashlib.sha256(first_picture).hexdigest() in held  # the previous set's is kept
