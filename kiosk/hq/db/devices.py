"""Enrolment codes and the devices they enrol: a code is spent once, and makes one device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.hq.db.engine import Connected, DatabaseError, columns, record
from kiosk.hq.schema import devices, enrolments

EnrolmentReason = Literal["unknown", "used", "expired"]


class EnrolmentCodeError(DatabaseError):
    """An enrolment code that cannot be redeemed; `reason` says why, for the API's response."""

    def __init__(self, reason: EnrolmentReason, message: str) -> None:
        super().__init__(message)
        self.reason: EnrolmentReason = reason


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    store: str
    city: str
    province: str
    enrolled_at: datetime
    revoked_at: datetime | None


class Devices(Connected):
    """Enrolment codes and devices, as part of `Database`."""

    def add_enrolment(
        self,
        code_hash: str,
        *,
        store: str,
        city: str,
        province: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Record a new enrolment code (by its hash) for a kiosk of `store`."""
        row = {
            "code_hash": code_hash,
            "store": store,
            "city": city,
            "province": province,
            "created_at": created_at,
            "expires_at": expires_at,
        }
        with self._write() as conn:
            if conn.execute(self._insert_new(enrolments), row).rowcount == 0:
                raise DatabaseError("An enrolment code with this value already exists; issue another code.")

    def redeem_enrolment(
        self, code_hash: str, *, device_id: str, credential_hash: str, now: datetime
    ) -> Device:
        """Spend an enrolment code and create its device, both or neither.

        Raises `EnrolmentCodeError` with reason "unknown", "used" or "expired". Of two
        concurrent redeems of one code exactly one succeeds: the code is claimed by an
        UPDATE that matches only while it is unused, and the database makes the second
        wait for the first and then find it used.
        """
        claim = (
            sa.update(enrolments)
            .where(
                enrolments.c.code_hash == code_hash,
                enrolments.c.used_at.is_(None),
                enrolments.c.expires_at > now,
            )
            .values(used_at=now)
            .returning(enrolments.c.store, enrolments.c.city, enrolments.c.province)
        )
        with self._write() as conn:
            place = conn.execute(claim).mappings().one_or_none()
            if place is None:
                raise _refusal(conn, code_hash)
            device = conn.execute(
                sa.insert(devices)
                .values(
                    id=device_id,
                    credential_hash=credential_hash,
                    enrolment_code_hash=code_hash,
                    enrolled_at=now,
                    revoked_at=None,
                    **place,
                )
                .returning(*columns(devices, Device))
            )
            return record(Device, device.mappings().one())

    def enrolled_with(self, code_hash: str) -> tuple[Device, str] | None:
        """The device an enrolment code made, with its credential's hash; None if the code
        made none (yet)."""
        query = sa.select(*columns(devices, Device), devices.c.credential_hash).where(
            devices.c.enrolment_code_hash == code_hash
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else (record(Device, row), row["credential_hash"])

    def device_for_credential(self, credential_hash: str) -> Device | None:
        """The device holding this credential, revoked or not (the caller checks `revoked_at`)."""
        query = sa.select(*columns(devices, Device)).where(devices.c.credential_hash == credential_hash)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else record(Device, row)

    def device(self, device_id: str) -> Device | None:
        query = sa.select(*columns(devices, Device)).where(devices.c.id == device_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else record(Device, row)

    def revoke_device(self, device_id: str, *, now: datetime) -> bool:
        """Revoke a device's credential; False if there is no such device or it was already revoked."""
        revoke = (
            sa.update(devices)
            .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        with self._write() as conn:
            return conn.execute(revoke).rowcount == 1

    def devices(self, store: str | None = None) -> list[Device]:
        """All devices (of one store if given), revoked ones included, by store and enrolment time."""
        query = sa.select(*columns(devices, Device)).order_by(
            devices.c.store, devices.c.enrolled_at, devices.c.id
        )
        if store is not None:
            query = query.where(devices.c.store == store)
        with self._engine.connect() as conn:
            return [record(Device, row) for row in conn.execute(query).mappings()]


def _refusal(conn: Connection, code_hash: str) -> EnrolmentCodeError:
    """Why an enrolment code could not be claimed."""
    query = sa.select(enrolments.c.used_at, enrolments.c.expires_at).where(
        enrolments.c.code_hash == code_hash
    )
    code = conn.execute(query).one_or_none()
    if code is None:
        return EnrolmentCodeError(
            "unknown",
            "This enrolment code is not known to HQ; check it was entered exactly as issued, "
            "or ask HQ for a new one.",
        )
    if code.used_at is not None:
        return EnrolmentCodeError(
            "used",
            f"This enrolment code was already used at {code.used_at:%Y-%m-%d %H:%M} UTC; "
            "each code enrols one kiosk. Ask HQ for a new one.",
        )
    return EnrolmentCodeError(
        "expired",
        f"This enrolment code expired at {code.expires_at:%Y-%m-%d %H:%M} UTC; ask HQ for a new one.",
    )
