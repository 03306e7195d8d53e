"""HQ's TUF repository, checked the way a kiosk meets it: served over HTTP on 127.0.0.1 and read
with python-tuf's own client (`tuf.ngclient.Updater`), nothing of TUF mocked."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from tuf.api.exceptions import ExpiredMetadataError
from tuf.api.exceptions import RepositoryError as TufRepositoryError
from tuf.api.metadata import Metadata, TargetFile
from tuf.ngclient import Updater

from kiosk.hq import repository
from kiosk.hq.repository import KioskRepository, Layout, RepositoryError, metadata
from kiosk.packs.validate_cmd import validate_command
from tests.packfactory import make_pack, national_files

SAMPLES = Path(__file__).resolve().parents[2] / "kiosk" / "sample_content"
NATIONAL = SAMPLES / "national"
PROVINCE = SAMPLES / "province-gd"
STORE = SAMPLES / "store-gd-sz-0001"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    repository.init(tmp_path / "repo")
    return tmp_path / "repo"


@pytest.fixture
def url(repo_dir: Path) -> Iterator[str]:
    """REPO/public served on 127.0.0.1, as `kiosk-hq serve` mounts it."""
    handler = functools.partial(_QuietHandler, directory=str(repo_dir / "public"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def kiosk(home: Path, repo_dir: Path, url: str) -> Updater:
    """A kiosk's TUF client keeping its files in `home`, trusting the repository's first root.

    An Updater refreshes once; a kiosk's next update is a new one over the same `home`.
    """
    (home / "metadata").mkdir(parents=True, exist_ok=True)
    (home / "targets").mkdir(exist_ok=True)
    return Updater(
        str(home / "metadata"),
        f"{url}/metadata/",
        str(home / "targets"),
        f"{url}/targets/",
        bootstrap=Layout(repo_dir).trusted_root.read_bytes(),
    )


def fetch(updater: Updater, target: str) -> bytes:
    info = updater.get_targetinfo(target)
    assert info is not None, f"{target} is not a trusted target"
    return Path(updater.download_target(info)).read_bytes()


def publish(repo_dir: Path, pack: Path, scope: str, *bases: Path) -> repository.PublishResult:
    return repository.publish(repo_dir, pack, scope, bases=list(bases), check_media=False)


def metadata_files(repo_dir: Path) -> set[str]:
    return {p.name for p in Layout(repo_dir).metadata.iterdir()}


def blob_file(repo_dir: Path, scope: str, sha: str) -> Path:
    target = TargetFile(1, {"sha256": sha}, repository.blob_target(repository.parse_scope(scope), sha))
    return Layout(repo_dir).targets / target.get_prefixed_paths()[0]


def versioned_national(tmp_path: Path, media_dir: Path, version: int) -> Path:
    """A small national pack whose version also shows in a file of its own (media/note.txt)."""
    files = national_files()
    files["pack.json"]["version"] = version
    root = make_pack(tmp_path / f"national-v{version}", media_dir, files)
    (root / "media" / "note.txt").write_text(f"version {version}", encoding="utf-8")
    return root


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_in(path: Path) -> int:
    return Metadata.from_bytes(path.read_bytes()).signed.version


# -- init ------------------------------------------------------------------------------------


def test_init_serves_metadata_and_keeps_private_keys_outside_public(repo_dir: Path) -> None:
    layout = Layout(repo_dir)

    assert {"1.root.json", "root.json", "1.targets.json", "1.snapshot.json", "timestamp.json"} <= (
        metadata_files(repo_dir)
    )
    assert Metadata.from_bytes(layout.trusted_root.read_bytes()).signed.consistent_snapshot is True
    assert stat.S_IMODE(layout.keys.stat().st_mode) == 0o700
    keys = sorted(p.name for p in layout.keys.iterdir())
    assert keys == ["root.pem", "snapshot.pem", "targets.pem", "timestamp.pem"]
    assert all(stat.S_IMODE((layout.keys / k).stat().st_mode) == 0o600 for k in keys)
    assert not list(layout.public.rglob("*.pem"))


def test_init_refuses_a_folder_that_holds_a_repository(repo_dir: Path) -> None:
    before = (repo_dir / "keys" / "root.pem").read_bytes()

    with pytest.raises(RepositoryError, match="already holds a repository"):
        repository.init(repo_dir)

    assert (repo_dir / "keys" / "root.pem").read_bytes() == before


# -- publish and fetch -----------------------------------------------------------------------


def test_kiosk_verifies_every_index_and_blob_over_http(tmp_path: Path, repo_dir: Path, url: str) -> None:
    publish(repo_dir, NATIONAL, "national")
    publish(repo_dir, PROVINCE, "province:GD", NATIONAL)
    publish(repo_dir, STORE, "store:GD-SZ-0001", NATIONAL, PROVINCE)
    client = kiosk(tmp_path / "kiosk", repo_dir, url)

    client.refresh()

    for pack, scope, prefix in [
        (NATIONAL, "national", "national/"),
        (PROVINCE, "province:GD", "province/GD/"),
        (STORE, "store:GD-SZ-0001", "store/GD-SZ-0001/"),
    ]:
        index = json.loads(fetch(client, prefix + "index.json"))
        manifest = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
        assert index["format"] == 1 and index["scope"] == scope
        entry = index["packs"][manifest["id"]]
        assert entry["version"] == manifest["version"] and "previous" not in entry
        on_disk = {p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file()}
        assert set(entry["files"]) == on_disk and "pack.json" in on_disk
        for relpath, info in entry["files"].items():
            data = fetch(client, f"{prefix}blobs/{info['sha256']}")
            assert data == (pack / relpath).read_bytes() and len(data) == info["length"]


def test_each_scope_below_national_is_a_terminating_delegation_with_its_own_key(repo_dir: Path) -> None:
    result = publish(repo_dir, PROVINCE, "province:GD", NATIONAL)

    assert result.role == "province-GD" and result.new_role
    targets = KioskRepository(Layout(repo_dir)).current("targets")
    assert targets is not None and targets.signed.delegations is not None
    role = targets.signed.delegations.roles["province-GD"]
    assert role.terminating
    assert role.paths == ["province/GD/index.json", "province/GD/blobs/*"]
    assert role.is_delegated_path("province/GD/blobs/" + "a" * 64)
    assert not role.is_delegated_path("province/GDX/blobs/" + "a" * 64)
    assert not role.is_delegated_path("national/index.json")
    key = Layout(repo_dir).key("province-GD")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    root = KioskRepository(Layout(repo_dir)).current("root")
    assert root is not None and len(role.keyids) == 1
    assert role.keyids[0] not in root.signed.roles["targets"].keyids


def test_city_and_store_roles_are_named_after_their_scope() -> None:
    city, shop = repository.parse_scope("city:GD-SZ"), repository.parse_scope("store:GD-SZ-0001")

    assert repository.role_name(city) == "city-GD-SZ"
    assert repository.index_target(city) == "city/GD-SZ/index.json"
    assert repository.role_name(shop) == "store-GD-SZ-0001"
    assert repository.blob_target(shop, "ab") == "store/GD-SZ-0001/blobs/ab"
    assert repository.role_name(repository.parse_scope("national")) == "targets"


def test_client_refuses_a_blob_tampered_on_disk(tmp_path: Path, repo_dir: Path, url: str) -> None:
    publish(repo_dir, NATIONAL, "national")
    original = (NATIONAL / "pack.json").read_bytes()
    digest = sha(original)
    tampered = bytearray(original)
    tampered[-2] ^= 1  # same length: only the hash can tell
    blob_file(repo_dir, "national", digest).write_bytes(tampered)
    client = kiosk(tmp_path / "kiosk", repo_dir, url)
    client.refresh()

    with pytest.raises(TufRepositoryError):
        fetch(client, f"national/blobs/{digest}")


def test_province_key_cannot_sign_national_targets(tmp_path: Path, repo_dir: Path, url: str) -> None:
    publish(repo_dir, NATIONAL, "national")
    publish(repo_dir, PROVINCE, "province:GD", NATIONAL)
    evil = b"not from HQ"
    path = f"national/blobs/{sha(evil)}"
    # The province signs a target under national/ with its own key, through a proper new
    # version of its role, snapshot and timestamp: everything but the delegation is in order.
    signed = KioskRepository(Layout(repo_dir))
    with signed.edit_targets("province-GD") as targets:
        targets.targets[path] = TargetFile.from_data(path, evil)
    signed.do_snapshot()
    signed.do_timestamp()
    signed.commit()
    blob_file(repo_dir, "national", sha(evil)).write_bytes(evil)
    client = kiosk(tmp_path / "kiosk", repo_dir, url)

    client.refresh()

    assert client.get_targetinfo(path) is None
    assert client.get_targetinfo("province/GD/index.json") is not None


def test_republishing_the_same_pack_makes_no_new_metadata(repo_dir: Path) -> None:
    publish(repo_dir, NATIONAL, "national")
    before = {p: p.read_bytes() for p in Layout(repo_dir).public.rglob("*") if p.is_file()}

    result = publish(repo_dir, NATIONAL, "national")

    assert not result.changed and result.new_files == 0
    after = {p: p.read_bytes() for p in Layout(repo_dir).public.rglob("*") if p.is_file()}
    assert after == before


def test_new_version_keeps_the_previous_versions_blobs_and_drops_older_ones(
    tmp_path: Path, media_dir: Path, repo_dir: Path, url: str
) -> None:
    packs = [versioned_national(tmp_path, media_dir, v) for v in (1, 2, 3)]
    notes = [sha(f"version {v}".encode()) for v in (1, 2, 3)]
    for pack in packs:
        publish(repo_dir, pack, "national")

    client = kiosk(tmp_path / "kiosk", repo_dir, url)
    client.refresh()
    index = json.loads(fetch(client, "national/index.json"))
    entry = index["packs"]["national"]
    assert entry["version"] == 3 and entry["previous"]["version"] == 2
    assert "previous" not in entry["previous"]
    assert fetch(client, f"national/blobs/{notes[1]}") == b"version 2"
    assert not blob_file(repo_dir, "national", notes[0]).exists()
    assert client.get_targetinfo(f"national/blobs/{notes[0]}") is None
    assert blob_file(repo_dir, "national", notes[2]).exists()


def test_only_the_current_and_previous_snapshot_and_what_they_name_stay(
    tmp_path: Path, media_dir: Path, repo_dir: Path
) -> None:
    for v in (1, 2, 3):
        publish(repo_dir, versioned_national(tmp_path, media_dir, v), "national")

    assert metadata_files(repo_dir) == {
        "1.root.json",
        "root.json",
        "timestamp.json",
        "3.snapshot.json",
        "4.snapshot.json",
        "3.targets.json",
        "4.targets.json",
    }


def test_a_published_version_cannot_change_or_go_back(
    tmp_path: Path, media_dir: Path, repo_dir: Path
) -> None:
    publish(repo_dir, versioned_national(tmp_path, media_dir, 2), "national")
    changed = versioned_national(tmp_path / "other", media_dir, 2)
    (changed / "media" / "note.txt").write_text("something else", encoding="utf-8")

    with pytest.raises(RepositoryError, match="version 2 is already published with other content"):
        publish(repo_dir, changed, "national")
    with pytest.raises(RepositoryError, match="version 1 is older than the published version 2"):
        publish(repo_dir, versioned_national(tmp_path, media_dir, 1), "national")


def test_invalid_pack_is_refused_with_the_lines_kiosk_pack_validate_prints(
    tmp_path: Path, media_dir: Path, repo_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    files = national_files()
    files["services.json"][0]["pitch"] = {"zh-CN": "x"}
    files["categories.json"][0]["color"] = "red"
    pack = make_pack(tmp_path / "bad", media_dir, files)
    validate_command(pack, [], check_media=False)
    validator_lines = capsys.readouterr().out.splitlines()[:-1]  # the last is its own summary

    with pytest.raises(repository.InvalidPackError) as refused:
        publish(repo_dir, pack, "national")

    assert refused.value.problems == validator_lines and len(validator_lines) == 2
    assert "INVALID: 2 error(s)" in str(refused.value)
    assert not list(Layout(repo_dir).targets.rglob("*"))


def test_scope_that_differs_from_pack_json_is_refused_naming_both(repo_dir: Path) -> None:
    with pytest.raises(RepositoryError) as refused:
        publish(repo_dir, PROVINCE, "province:ZJ", NATIONAL)

    assert "declares scope province:GD" in str(refused.value)
    assert "--scope says province:ZJ" in str(refused.value)


def test_publish_without_a_key_it_needs_writes_nothing(repo_dir: Path) -> None:
    publish(repo_dir, PROVINCE, "province:GD", NATIONAL)
    Layout(repo_dir).key("province-GD").unlink()
    before = {p.name for p in Layout(repo_dir).public.rglob("*")}
    pack = shutil.copytree(PROVINCE, repo_dir.parent / "province-gd")
    manifest = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    (pack / "pack.json").write_text(json.dumps({**manifest, "version": 2}), encoding="utf-8")

    with pytest.raises(RepositoryError, match=r"private key of role 'province-GD' is not here"):
        publish(repo_dir, pack, "province:GD", NATIONAL)

    assert {p.name for p in Layout(repo_dir).public.rglob("*")} == before


def test_crash_before_the_timestamp_leaves_what_is_served_whole(
    tmp_path: Path, media_dir: Path, repo_dir: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(repo_dir, versioned_national(tmp_path, media_dir, 1), "national")
    write = metadata.write_bytes

    def crash_at_timestamp(path: Path, data: bytes, mode: int = 0o644) -> None:
        if path.name == "timestamp.json":
            raise OSError("power cut")
        write(path, data, mode)

    monkeypatch.setattr(metadata, "write_bytes", crash_at_timestamp)
    with pytest.raises(OSError, match="power cut"):
        publish(repo_dir, versioned_national(tmp_path, media_dir, 2), "national")
    monkeypatch.undo()
    client = kiosk(tmp_path / "kiosk", repo_dir, url)

    client.refresh()

    index = json.loads(fetch(client, "national/index.json"))
    assert index["packs"]["national"]["version"] == 1
    for info in index["packs"]["national"]["files"].values():
        fetch(client, f"national/blobs/{info['sha256']}")
    assert publish(repo_dir, versioned_national(tmp_path, media_dir, 2), "national").changed


def test_publish_holds_the_repository_lock_while_it_works(repo_dir: Path) -> None:
    attempts: list[bool] = []

    def try_lock(*_: object) -> None:
        fd = os.open(Layout(repo_dir).lock, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            attempts.append(True)
        except BlockingIOError:
            attempts.append(False)
        finally:
            os.close(fd)

    repository.publish(repo_dir, NATIONAL, "national", check_media=False, progress=try_lock)

    assert attempts and not any(attempts)


def test_progress_counts_every_file_and_byte(repo_dir: Path) -> None:
    calls: list[tuple[int, int, int, int, str]] = []

    repository.publish(repo_dir, NATIONAL, "national", check_media=False, progress=lambda *a: calls.append(a))

    files = [p for p in NATIONAL.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    assert calls[-1][:4] == (len(files), len(files), total, total)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert {c[4] for c in calls} == {p.relative_to(NATIONAL).as_posix() for p in files}


# -- refresh and expiry ----------------------------------------------------------------------


def test_refresh_signs_a_new_timestamp_the_kiosk_accepts(tmp_path: Path, repo_dir: Path, url: str) -> None:
    publish(repo_dir, NATIONAL, "national")
    client = kiosk(tmp_path / "kiosk", repo_dir, url)
    client.refresh()
    seen = tmp_path / "kiosk" / "metadata" / "timestamp.json"
    before = version_in(seen)

    result = repository.refresh(repo_dir)
    kiosk(tmp_path / "kiosk", repo_dir, url).refresh()

    assert result.timestamp_version == before + 1 == version_in(seen)
    assert result.renewed == [] and result.warnings == []
    assert result.timestamp_expires - datetime.now(UTC) > repository.TIMESTAMP_EXPIRY - timedelta(minutes=1)


def test_kiosk_refuses_an_expired_timestamp(tmp_path: Path, repo_dir: Path, url: str) -> None:
    publish(repo_dir, NATIONAL, "national")
    repository.refresh(repo_dir, now=datetime.now(UTC) - repository.TIMESTAMP_EXPIRY - timedelta(days=1))
    client = kiosk(tmp_path / "kiosk", repo_dir, url)

    with pytest.raises(ExpiredMetadataError):
        client.refresh()


def test_refresh_renews_the_snapshot_past_half_its_life(repo_dir: Path) -> None:
    before = KioskRepository(Layout(repo_dir)).version("snapshot")

    early = repository.refresh(repo_dir, now=datetime.now(UTC) + repository.SNAPSHOT_EXPIRY / 4)
    late = repository.refresh(repo_dir, now=datetime.now(UTC) + repository.SNAPSHOT_EXPIRY * 3 / 4)

    assert early.snapshot_version == before and "snapshot" not in early.renewed
    assert late.snapshot_version == before + 1 and late.renewed == ["snapshot"]


def test_refresh_renews_roles_whose_key_is_here_and_warns_about_the_others(repo_dir: Path) -> None:
    publish(repo_dir, PROVINCE, "province:GD", NATIONAL)
    Layout(repo_dir).key("root").unlink()  # taken offline, as it should be
    signed = KioskRepository(Layout(repo_dir))
    targets_before, province_before = signed.version("targets"), signed.version("province-GD")
    soon = datetime.now(UTC) + repository.ROOT_EXPIRY - repository.EXPIRY_WARNING / 2

    result = repository.refresh(repo_dir, now=soon)

    assert result.renewed == ["targets", "province-GD", "snapshot"]
    signed = KioskRepository(Layout(repo_dir))
    assert signed.version("targets") == targets_before + 1
    assert signed.version("province-GD") == province_before + 1
    assert len(result.warnings) == 1
    assert "role 'root' expires on" in result.warnings[0] and "root.pem" in result.warnings[0]


def test_refresh_renews_the_root_when_its_key_is_here_and_kiosks_follow(
    tmp_path: Path, repo_dir: Path, url: str
) -> None:
    publish(repo_dir, NATIONAL, "national")

    result = repository.refresh(repo_dir, now=datetime.now(UTC) + repository.ROOT_EXPIRY * 3 / 5)
    kiosk(tmp_path / "kiosk", repo_dir, url).refresh()

    assert result.renewed == ["root", "targets", "snapshot"] and result.warnings == []
    assert version_in(tmp_path / "kiosk" / "metadata" / "root.json") == 2
    assert {"1.root.json", "2.root.json"} <= metadata_files(repo_dir)


def test_publish_and_refresh_need_a_repository(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError, match="is not a kiosk-hq repository"):
        repository.refresh(tmp_path)
    with pytest.raises(RepositoryError, match="kiosk-hq init"):
        publish(tmp_path, NATIONAL, "national")
