"""Bad store networks and power cuts: whatever happens, the kiosk converges on HQ's content
and only ever has a complete, valid set active."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from kiosk.services.content import load_sources
from kiosk.sync import fetcher, hqclient
from kiosk.sync.enrol import enrol
from kiosk.sync.errors import HqUnreachableError
from kiosk.sync.fetcher import sha256_of
from kiosk.sync.identity import load_identity
from kiosk.sync.packsets import PackSets
from kiosk.sync.round import sync_round
from tests.sync.faultproxy import fault_proxy
from tests.sync.hqkit import Hq, content_sync, enrolled, republish_store_pack

T = TypeVar("T")
PUBLISHED = {("national", 1), ("province-gd", 1), ("store-gd-sz-0001", 1)}


def until_it_works(step: Callable[[], T], tries: int = 40) -> T:
    for _ in range(tries - 1):
        try:
            return step()
        except HqUnreachableError:
            continue
    return step()


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kiosk that gives up on a stalled answer after a second (30 s in a store)."""
    for module in (hqclient, fetcher):
        monkeypatch.setattr(module, "READ_TIMEOUT_S", 1.0)


@pytest.mark.usefixtures("impatient")
@pytest.mark.parametrize("seed", [1, 2])
def test_enrolment_and_sync_converge_through_a_network_breaking_30_percent_of_connections(
    hq: Hq, tmp_path: Path, seed: int
) -> None:
    data = tmp_path / "kiosk"
    code = hq.code()
    with fault_proxy(hq.url, fault_rate=0.3, seed=seed, stall_s=3.0) as proxy:
        identity = until_it_works(lambda: enrol(data, proxy.url, code))
        rounds = []
        for _ in range(40):
            rounds.append(sync_round(data, identity, "Asia/Shanghai"))
            if rounds[-1].ok:
                break

    assert len(hq.db.devices()) == 1 and hq.db.devices()[0].id == identity.device_id
    assert rounds[-1].ok, rounds[-1].errors
    current = PackSets(data / "content").current()
    assert current is not None and {(p.id, p.version) for p in current.packs} == PUBLISHED
    assert PackSets(data / "content").verify(current.name, sha256_of) == []
    assert set(proxy.fates) - {"ok"}, "the proxy broke no connection: the test proved nothing"


def test_an_interrupted_download_resumes_where_it_stopped(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    sync = content_sync(data, identity)
    sets = PackSets(data / "content")
    # Half of the largest file already on disk, as a cut connection leaves it.
    index_blobs = hq.repo / "public" / "targets" / "national" / "blobs"
    largest = max(index_blobs.iterdir(), key=lambda p: p.stat().st_size)
    sha = largest.name.split(".")[0]
    sets.partial.mkdir(parents=True)
    half = largest.stat().st_size // 2
    (sets.partial / largest.name).write_bytes(largest.read_bytes()[:half])

    result = sync.run()

    total = sum(f.length for p in result.current.packs for f in p.files if True)
    unique = {f.sha256: f.length for p in result.current.packs for f in p.files}
    assert result.downloaded_bytes == sum(unique.values()) - half < total
    assert sets.has_blob(sha, largest.stat().st_size)


def is_whole(data: Path) -> tuple[bool, str]:
    """Whether the kiosk's active set (if any) is complete and valid, as a restart would find it."""
    sets = PackSets(data / "content")
    name = sets.pointer().current
    if name is None:
        return True, "none yet"
    made = sets.manifest(name)
    if made is None:
        return False, f"{name}: the pointer names an unfinished set"
    bad = sets.verify(name, sha256_of)
    if bad:
        return False, f"{name}: {bad[:3]}"
    identity = load_identity(data)
    assert identity is not None
    catalog, _, problems = load_sources([sets.folder(name)], identity.store_identity, "Asia/Shanghai")
    return catalog is not None and not problems, f"{name}: {problems[:3]}"


def test_a_sync_killed_at_random_moments_20_times_always_leaves_a_complete_valid_set(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    rng = random.Random(11)
    env = {**os.environ, "KIOSK_LOG": "ERROR"}
    command = [sys.executable, "-m", "kiosk.cli", "--data-dir", str(data), "sync", "--once"]
    kills = versions = attempts = 0
    # A store link of 4 MB/s: a whole sync takes seconds, and a kill lands anywhere in it.
    with fault_proxy(hq.url, fault_rate=0.0, rate=4e6) as proxy:
        enrol(data, proxy.url, hq.code())
        while kills < 20:
            attempts += 1
            assert attempts <= 60, f"only {kills} of {attempts} runs were killed mid-way"
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                process.wait(timeout=rng.uniform(0.3, 2.5))
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
            else:
                # That sync completed: give the next ones something new to fetch.
                versions += 1
                republish_store_pack(
                    hq, tmp_path, {"media/extra.bin": rng.randbytes(3_000_000)}, 1 + versions
                )
            whole, why = is_whole(data)
            assert whole, f"after run {attempts}: {why}"
        final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    assert final.returncode == 0, final.stderr
    whole, why = is_whole(data)
    current = PackSets(data / "content").current()
    assert whole and current is not None, why
    assert ("store-gd-sz-0001", 1 + versions) in {(p.id, p.version) for p in current.packs}


@pytest.mark.usefixtures("impatient")
def test_events_reach_hq_exactly_once_through_a_network_breaking_30_percent_of_connections(
    hq: Hq, tmp_path: Path
) -> None:
    from dataclasses import replace

    from kiosk.services.ledger import Ledger

    data = tmp_path / "kiosk"
    enrolled_at_hq = enrolled(hq, data)
    ledger = Ledger(data / "ledger.sqlite3")
    recorded = [
        ledger.record("service_open", {"service": f"svc.{i % 7}"}, session=f"s{i // 30}") for i in range(3000)
    ]
    assert ledger.flush()
    # The first connections' fates, drawn from this seed: stall, refuse, cut (HQ stores a
    # batch and its answer is lost), ... so the uploads meet each kind of failure.
    with fault_proxy(hq.url, fault_rate=0.3, seed=8, stall_s=3.0) as proxy:
        identity = replace(enrolled_at_hq, hq_url=proxy.url)
        rounds = []
        for _ in range(60):
            rounds.append(sync_round(data, identity, "Asia/Shanghai", ledger=data / "ledger.sqlite3"))
            if rounds[-1].ok and rounds[-1].events_left == 0:
                break
            ledger.record("kiosk_note", {"round": len(rounds)})  # the kiosk goes on recording
        ledger.flush()
    ledger.close()

    assert rounds[-1].ok and rounds[-1].events_left == 0, rounds[-1].errors
    at_hq = hq.event_ids()
    assert len(at_hq) == len(set(at_hq)), "an event reached HQ twice"
    assert set(recorded) <= set(at_hq)
    kinds = {"service_open", "kiosk_note", "sync_round", "pack_switch"}
    assert len(at_hq) >= len(recorded) and set(hq.event_kinds()) <= kinds
    assert {"stall", "refuse", "cut"} <= set(proxy.fates), proxy.fates
