"""Python's garbage is collected on Qt's thread, never on a worker's."""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from kiosk.ui import collector as collector_module
from kiosk.ui.collector import MainThreadCollector


class Cycle:
    """Garbage only the cyclic collector frees; it notes the thread that freed it."""

    freed_on: ClassVar[list[int]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.get_ident())


def make_garbage_on_a_worker(count: int) -> None:
    def work() -> None:
        for _ in range(count):
            Cycle()
            # Enough young objects for the automatic collector to have run here, were it on.
            [[] for _ in range(50)]

    t = threading.Thread(target=work)
    t.start()
    t.join()


def test_garbage_a_worker_made_is_freed_by_the_timer_on_the_main_thread(qtbot: Any) -> None:
    gc.enable()  # the test session keeps it off; the collector must turn it off itself
    collector = MainThreadCollector(quiet=lambda: True)
    collector.start()
    try:
        assert not gc.isenabled()
        Cycle.freed_on.clear()
        make_garbage_on_a_worker(2000)
        assert Cycle.freed_on == []  # nothing collected on the worker
        qtbot.waitUntil(lambda: len(Cycle.freed_on) > 0)
        assert set(Cycle.freed_on) == {threading.get_ident()}
    finally:
        collector.stop()
        gc.disable()
        gc.collect()


def test_a_full_collection_waits_for_a_quiet_screen(monkeypatch: Any, qtbot: Any) -> None:
    customer_there = True
    collector = MainThreadCollector(quiet=lambda: not customer_there)
    monkeypatch.setattr(collector_module, "YOUNG", 0)  # every tick collects
    generations = [collector.tick() for _ in range(collector_module.EVERY * collector_module.EVERY)]
    assert 2 not in generations
    assert generations.count(1) == collector_module.EVERY
    customer_there = False
    generations = [collector.tick() for _ in range(collector_module.EVERY)]
    assert generations[-1] == 2
