"""Every machine test gets a hand-moved clock and a log of what the machine recorded."""

from __future__ import annotations

import pytest

from tests.fakes import EventLog, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def log() -> EventLog:
    return EventLog()
