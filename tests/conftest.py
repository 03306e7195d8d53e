"""Shared fixtures: real media made once per session, and factories for valid packs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.packfactory import make_media, make_pack, national_files

#: How long a UI test waits for what it expects before it fails. The wait ends as soon as the
#: thing happens, so a long ceiling costs a passing test nothing; pytest-qt's 5 s did fail on
#: two shared cores under load (a full suite beside benchmarks), on waits that pass in 0.1 s.
PATIENCE_MS = 30_000


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_on_the_main_thread() -> Iterator[None]:
    """Python's cyclic garbage collector runs on whichever thread allocates when a threshold
    is crossed: a ledger writer, an order sender, a worker of the subscribe screen. A kiosk
    shell's QObjects collected there are destroyed off Qt's thread, where their timers
    cannot be unregistered, and the next event loop delivers a timer event to freed memory
    (a segfault in QTimerInfoList::activateTimers, seen under gdb in the UI tests). So the
    collector runs only here, on the main thread, after each test."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_garbage_after_the_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def qtbot(qtbot: Any) -> Any:
    """pytest-qt's qtbot whose waits default to PATIENCE_MS instead of 5 s."""
    for name in ("waitUntil", "waitExposed", "waitActive", "waitSignal", "waitSignals", "waitCallback"):
        _patient(qtbot, name)
    return qtbot


def _patient(qtbot: Any, name: str) -> None:
    wait = getattr(qtbot, name)

    def patient(*args: Any, timeout: int = PATIENCE_MS, **kwargs: Any) -> Any:
        return wait(*args, timeout=timeout, **kwargs)

    setattr(qtbot, name, patient)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_media(tmp_path_factory.mktemp("media"))


@pytest.fixture
def national(tmp_path: Path, media_dir: Path) -> Path:
    """A valid national pack in its own folder."""
    return make_pack(tmp_path / "national", media_dir)


@pytest.fixture
def national_json() -> dict:
    return national_files()
