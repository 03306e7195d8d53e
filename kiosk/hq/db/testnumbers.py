"""Test numbers: a fixed confirmation code, no SMS, orders answered by HQ (kiosk.hq.testnumbers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from kiosk.hq.db.engine import Connected, record
from kiosk.hq.schema import test_numbers


@dataclass(frozen=True, slots=True)
class TestNumber:
    __test__ = False  # not a pytest test class, whatever its name

    phone: str
    code: str
    note: str | None
    created_at: datetime


class TestNumbers(Connected):
    """Test numbers, as part of `Database`."""

    def put_test_number(self, number: TestNumber) -> bool:
        """Add a test number, or change the code and note of one; True if it is new."""
        values = {
            "phone": number.phone,
            "code": number.code,
            "note": number.note,
            "created_at": number.created_at,
        }
        with self._write() as conn:
            if conn.execute(self._insert_new(test_numbers), values).rowcount == 1:
                return True
            conn.execute(
                sa.update(test_numbers)
                .where(test_numbers.c.phone == number.phone)
                .values(code=number.code, note=number.note)
            )
            return False

    def remove_test_number(self, phone: str) -> bool:
        """False if it was not a test number."""
        with self._write() as conn:
            return conn.execute(sa.delete(test_numbers).where(test_numbers.c.phone == phone)).rowcount == 1

    def test_number(self, phone: str) -> TestNumber | None:
        with self._engine.connect() as conn:
            row = (
                conn.execute(sa.select(test_numbers).where(test_numbers.c.phone == phone)).mappings().first()
            )
        return None if row is None else record(TestNumber, row)

    def test_numbers(self) -> list[TestNumber]:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(test_numbers).order_by(test_numbers.c.phone)).mappings()
            return [record(TestNumber, row) for row in rows]
