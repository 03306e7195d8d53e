"""Enrolment: HQ issues a one-time code for a store; a kiosk trades it, once, for a device
identity and a credential that authenticates every later call.

Codes are short enough to type on a touch screen (12 characters from an alphabet without
look-alikes, shown in groups of four); credentials are long random tokens. HQ keeps only
SHA-256 hashes of both, so a copy of its database lets nobody pose as a kiosk.

Guessing is made slow and visible: each source address may make only so many attempts an
hour (`kiosk.hq.config.EnrolmentLimits`; a successful one is not counted), and every
refused code or credential leaves an audit line (`kiosk.hq.audit`).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from kiosk.hq import audit
from kiosk.hq.config import EnrolmentLimits
from kiosk.hq.errors import Conflict, Expired, Forbidden, NotFound, TooMany, Unauthorized
from kiosk.hq.store import Device, EnrolmentError, HqStore, Quota

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


def enrol(
    store: HqStore,
    typed_code: str,
    *,
    now: datetime,
    source: str,
    limits: EnrolmentLimits | None = None,
) -> tuple[Device, str]:
    """The new device and its credential (shown once, never stored) for a valid code,
    tried from the address `source`."""
    limits = limits or EnrolmentLimits()
    attempts = Quota(f"enrol:address:{source}", limits.attempts_per_address_per_hour, timedelta(hours=1))
    if spent := store.take_quotas([attempts], now=now):
        wait = spent[0].retry_after
        audit.alert(
            "enrolment attempts capped",
            key=attempts.key,
            until=now + wait,
            source=source,
            cap=f"{attempts.limit}/hour",
        )
        raise TooMany.waiting("too many enrolment attempts from this address; try again in {wait}", wait)
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
        audit.refused("enrolment code refused", source=source, reason=e.reason)
        message = {
            "unknown": "this enrolment code is not known; check it, or ask HQ for a new one",
            "used": "this enrolment code was already used; ask HQ for a new one",
            "expired": "this enrolment code has expired; ask HQ for a new one",
        }[e.reason]
        raise {"unknown": NotFound, "used": Conflict, "expired": Expired}[e.reason](message) from e
    store.give_back([attempts.key])
    return device, credential


def authenticate(store: HqStore, credential: str | None, *, source: str = "unknown") -> Device:
    """The device a credential belongs to; Unauthorized or Forbidden (revoked) otherwise.
    A refusal of a credential that was sent leaves an audit line."""
    if not credential:
        raise Unauthorized("this call needs the device credential: Authorization: Bearer <credential>")
    device = store.device_for_credential(secret_hash(credential))
    if device is None:
        # The part before the dot names a device; the secret after it is never logged.
        audit.refused("unknown credential", source=source, claims=credential.partition(".")[0])
        raise Unauthorized("the device credential is not known; enrol the kiosk again")
    if device.revoked_at is not None:
        audit.refused("revoked credential", source=source, device=device.id, store=device.store)
        raise Forbidden(f"device {device.id} was revoked on {device.revoked_at:%Y-%m-%d %H:%M} UTC")
    return device
