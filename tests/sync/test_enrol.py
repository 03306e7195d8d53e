"""`kiosk enroll`'s work against a real HQ on loopback: identity, trust, a lost answer."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from kiosk.sync.enrol import enrol
from kiosk.sync.errors import HqRefusedError, HqUnreachableError, SyncError, UntrustedError
from kiosk.sync.identity import ENROLMENT_FILE, IDENTITY_FILE, load_identity
from tests.sync.hqkit import Hq


def test_a_code_makes_the_kiosk_a_device_of_its_store_readable_by_its_user_only(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"

    identity = enrol(data, hq.url, hq.code().lower())

    assert (identity.store, identity.city, identity.province) == ("GD-SZ-0001", "GD-SZ", "GD")
    assert [d.id for d in hq.db.devices()] == [identity.device_id]
    assert load_identity(data) == identity
    assert stat.S_IMODE((data / IDENTITY_FILE).stat().st_mode) == 0o600
    assert not (data / ENROLMENT_FILE).exists()
    trusted = (data / "tuf" / "anchor.root.json").read_bytes()
    assert trusted == (hq.repo / "public" / "metadata" / "1.root.json").read_bytes()


def test_the_root_is_trusted_only_with_the_hash_hq_printed(hq: Hq, tmp_path: Path) -> None:
    root = (hq.repo / "public" / "metadata" / "1.root.json").read_bytes()
    code = hq.code()

    with pytest.raises(UntrustedError, match="not the"):
        enrol(tmp_path / "a", hq.url, code, root_sha256="0" * 64)
    assert hq.db.devices() == []  # the code is not spent on an HQ the kiosk does not trust

    enrol(tmp_path / "a", hq.url, code, root_sha256=hashlib.sha256(root).hexdigest().upper())
    assert len(hq.db.devices()) == 1


def test_an_answer_lost_on_the_way_is_asked_again_and_gives_the_same_device(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    code = hq.code()
    # The first try reached HQ, which spent the code, but the kiosk never got the answer:
    # what it kept is its secret for this code.
    from kiosk.sync.hqclient import HqClient
    from kiosk.sync.identity import pending_enrolment

    pending = pending_enrolment(data, hq.url, code)
    first = HqClient(hq.url).enrol(pending.code, pending.secret)

    identity = enrol(data, hq.url, code)

    assert identity.device_id == first["device_id"] and identity.credential == first["credential"]
    assert len(hq.db.devices()) == 1


def test_a_spent_code_from_another_kiosk_is_refused_and_the_next_code_gets_a_new_secret(
    hq: Hq, tmp_path: Path
) -> None:
    code = hq.code()
    enrol(tmp_path / "a", hq.url, code)

    with pytest.raises(HqRefusedError, match="already used") as refused:
        enrol(tmp_path / "b", hq.url, code)
    assert refused.value.status == 409
    assert not (tmp_path / "b" / ENROLMENT_FILE).exists()
    assert load_identity(tmp_path / "b") is None


def test_an_enrolled_kiosk_is_not_enrolled_twice(hq: Hq, tmp_path: Path) -> None:
    enrol(tmp_path / "k", hq.url, hq.code())

    with pytest.raises(SyncError, match="already enrolled"):
        enrol(tmp_path / "k", hq.url, hq.code())


def test_an_hq_that_cannot_be_reached_is_said_so_and_nothing_is_kept(tmp_path: Path) -> None:
    with pytest.raises(HqUnreachableError, match="cannot be reached"):
        enrol(tmp_path / "k", "http://127.0.0.1:9", "AAAA-BBBB-CCCC")
    assert load_identity(tmp_path / "k") is None


def test_a_damaged_identity_file_says_to_enrol_again(tmp_path: Path) -> None:
    (tmp_path / IDENTITY_FILE).write_text(json.dumps({"device_id": "x"}), encoding="utf-8")

    with pytest.raises(SyncError, match="enrol the kiosk again"):
        load_identity(tmp_path)
