"""The running kiosk's sync thread against a real HQ: a round on request, staged not switched."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest

from kiosk.sync.packsets import PackSets
from kiosk.sync.round import RoundReport
from kiosk.sync.schedule import Schedule
from kiosk.sync.worker import SyncWorker
from tests.sync.hqkit import Hq, enrolled


def test_a_round_asked_for_runs_off_the_callers_thread_and_stages_the_set_without_switching(
    hq: Hq, tmp_path: Path
) -> None:
    import threading

    data = tmp_path / "kiosk"
    enrolled(hq, data)
    rounds: queue.Queue[tuple[RoundReport, str]] = queue.Queue()
    worker = SyncWorker(
        data,
        "Asia/Shanghai",
        on_round=lambda r: rounds.put((r, threading.current_thread().name)),
        schedule=Schedule(interval_s=3600, rand=lambda: 1.0),  # nothing due by itself
    )
    worker.start()
    try:
        worker.request_now()
        report, thread = rounds.get(timeout=60)
    finally:
        worker.stop()

    assert report.ok and thread == "kiosk-sync"
    assert report.content is not None and report.content.changed and not report.content.switched
    sets = PackSets(data / "content")
    assert sets.pointer().current is None and sets.manifest(report.content.current.name) is not None


def test_a_kiosk_not_enrolled_has_nothing_to_sync_and_the_thread_stops_when_asked(tmp_path: Path) -> None:
    rounds: list[RoundReport] = []
    worker = SyncWorker(
        tmp_path, "Asia/Shanghai", on_round=rounds.append, schedule=Schedule(rand=lambda: 0.0)
    )
    worker.start()
    worker.request_now()
    worker.stop(timeout=30)

    assert not worker._thread.is_alive()
    assert rounds == []


def test_a_round_tells_when_it_begins_and_always_ends_with_a_report_even_when_hq_is_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.sync import worker as worker_module
    from kiosk.sync.identity import Identity, save_identity

    save_identity(
        tmp_path,
        Identity("http://127.0.0.1:9/", "kx-1", "secret", "S", "C", "P", "2026-01-01T00:00:00+00:00"),
    )

    def broken(*args: object, **kwargs: object) -> RoundReport:
        raise RuntimeError("a bug in the round")

    monkeypatch.setattr(worker_module, "sync_round", broken)
    seen: queue.Queue[object] = queue.Queue()
    worker = SyncWorker(
        tmp_path,
        "Asia/Shanghai",
        on_round=seen.put,
        on_start=lambda: seen.put("start"),
        schedule=Schedule(interval_s=3600, rand=lambda: 1.0),
    )
    worker.start()
    try:
        worker.request_now()
        first, report = seen.get(timeout=30), seen.get(timeout=30)
    finally:
        worker.stop()

    assert first == "start"
    assert isinstance(report, RoundReport) and not report.ok
    assert report.errors == ["unexpected: RuntimeError: a bug in the round"]
