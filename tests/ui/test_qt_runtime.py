"""The Qt binding the kiosk runs on must not corrupt the interpreter over a long day.

PySide6 6.12.0 on Python 3.11 loses one reference to None per call of a Qt method that
returns nothing; after a few thousand calls the process aborts ("none_dealloc"). The
dependency excludes that release; this pins the reason.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize


def test_void_qt_calls_do_not_lose_references_to_none() -> None:
    probe = QSize()
    before = sys.getrefcount(None)

    for _ in range(1000):
        probe.setWidth(1)

    assert before - sys.getrefcount(None) < 10
