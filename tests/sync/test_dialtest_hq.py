"""`kiosk dialtest`'s built-in journey against the real HQ on loopback: an enrolled kiosk
subscribes with an HQ test number through the real window, the receipt's QR code (read by
zbarimg) opens the order's status page, and HQ holds exactly that one test order."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.config import load_settings
from kiosk.dialtest import BUILT_IN, dialtest, read_script
from kiosk.errors import KioskError
from kiosk.hq.db import TestNumber
from tests.sync.hqkit import Hq, enrolled

PHONE = "13900000007"
CODE = "246802"

needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) is not installed"
)


@needs_zbar
def test_the_built_in_journey_subscribes_with_a_test_number_and_hq_holds_that_one_order(
    qapp: Any, hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    enrolled(hq, data)
    hq.db.put_test_number(TestNumber(PHONE, CODE, "dial test", datetime.now(UTC)))

    report = dialtest(
        load_settings(data), read_script(BUILT_IN), phone=PHONE, code=CODE, shots=tmp_path / "shots"
    )

    assert report.ok, "\n".join(report.lines())
    held = hq.orders()
    assert list(held.values()) == ["accepted"]
    receipt = tmp_path / "shots" / "08-receipt.png"
    url = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(receipt)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert url.startswith(hq.url.rstrip("/") + "/o/")
    page = requests.get(url, timeout=10)
    assert page.status_code == 200
    assert "TEST-" in page.text
    assert PHONE not in page.text and "****" not in page.text


def test_a_journey_that_subscribes_is_refused_plainly_on_a_kiosk_not_enrolled(
    qapp: Any, tmp_path: Path
) -> None:
    with pytest.raises(KioskError, match="not enrolled at HQ, so the journey cannot subscribe"):
        dialtest(
            load_settings(tmp_path / "kiosk"),
            read_script(BUILT_IN),
            phone=PHONE,
            code=CODE,
            shots=tmp_path / "shots",
        )
