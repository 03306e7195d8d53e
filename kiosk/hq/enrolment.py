"""Enrolment: HQ issues a one-time code for a store; a kiosk trades it, once, for a device
identity and a credential that authenticates every later call.

Codes are short enough to type on a touch screen (12 characters from an alphabet without
look-alikes, shown in groups of four); credentials are long random tokens. HQ keeps only
SHA-256 hashes of both, so a copy of its database lets nobody pose as a kiosk.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from kiosk.hq.errors import Conflict, Expired, Forbidden, NotFound, Unauthorized
from kiosk.hq.store import Device, EnrolmentError, HqStore

#: Crockford's base 32: no I, L, O or U to misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
DEFAULT_VALIDITY = timedelta(days=7)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def canonical_code(typed: str) -> str:
    """The code as issued, from what a person typed (any case, with or without dashes or
    spaces, O for 0 and I/L for 1)."""
    raw = "".join(typed.split()).replace("-", "").upper()
    return raw.translate(str.maketrans("OIL", "011"))


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_code(
    store: HqStore, *, store_id: str, city: str, province: str, now: datetime, valid_for: timedelta
) -> str:
    """A new enrolment code for the store; only its hash is kept."""
    code = new_code()
    store.add_enrolment(
        secret_hash(canonical_code(code)),
        store=store_id,
        city=city,
        province=province,
        created_at=now,
        expires_at=now + valid_for,
    )
    return code


def enrol(store: HqStore, typed_code: str, *, now: datetime) -> tuple[Device, str]:
    """The new device and its credential (shown once, never stored) for a valid code."""
    device_id = f"dev-{uuid.uuid4()}"
    credential = f"{device_id}.{secrets.token_urlsafe(32)}"
    try:
        device = store.redeem_enrolment(
            secret_hash(canonical_code(typed_code)),
            device_id=device_id,
            credential_hash=secret_hash(credential),
            now=now,
        )
    except EnrolmentError as e:
        message = {
            "unknown": "this enrolment code is not known; check it, or ask HQ for a new one",
            "used": "this enrolment code was already used; ask HQ for a new one",
            "expired": "this enrolment code has expired; ask HQ for a new one",
        }[e.reason]
        raise {"unknown": NotFound, "used": Conflict, "expired": Expired}[e.reason](message) from e
    return device, credential


def authenticate(store: HqStore, credential: str | None) -> Device:
    """The device a credential belongs to; Unauthorized or Forbidden (revoked) otherwise."""
    if not credential:
        raise Unauthorized("this call needs the device credential: Authorization: Bearer <credential>")
    device = store.device_for_credential(secret_hash(credential))
    if device is None:
        raise Unauthorized("the device credential is not known; enrol the kiosk again")
    if device.revoked_at is not None:
        raise Forbidden(f"device {device.id} was revoked on {device.revoked_at:%Y-%m-%d %H:%M} UTC")
    return device
