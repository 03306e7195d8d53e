"""Enrolment: HQ issues a one-time code for a store; a kiosk trades it, once, for a device
identity and a credential that authenticates every later call.

Codes are short enough to type on a touch screen (12 characters from an alphabet without
look-alikes, shown in groups of four); credentials are long random tokens. HQ keeps only
SHA-256 hashes of both, so a copy of its database lets nobody pose as a kiosk.

A lost answer does not strand a kiosk. The kiosk may make the secret half of its credential
itself (`secret`) and keep it before it asks; HQ then stores only the hash of
`<device id>.<secret>`. If the answer never arrived, the kiosk asks again with the same code
and secret, and HQ, finding the code spent on a device whose credential that secret
completes, answers with the same device. Anybody else holding the spent code still gets
"already used": the code alone proves nothing once it is spent.

Guessing is made slow and visible: each source address may make only so many attempts an
hour (`kiosk.hq.config.EnrolmentLimits`; a successful one is not counted), and every
refused code or credential leaves an audit line (`kiosk.hq.audit`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from kiosk.hq import audit
from kiosk.hq.config import EnrolmentLimits
from kiosk.hq.db import Database, Device, EnrolmentCodeError, Quota
from kiosk.hq.errors import (
    ConflictError,
    CredentialError,
    ExpiredError,
    NotAllowedError,
    NotFoundError,
    TooManyError,
)
from kiosk.protocol import ALPHABET, CODE_LENGTH, canonical_code


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_code(
    db: Database, *, store: str, city: str, province: str, now: datetime, valid_for: timedelta
) -> str:
    """A new enrolment code for the store; only its hash is kept."""
    code = new_code()
    db.add_enrolment(
        secret_hash(canonical_code(code)),
        store=store,
        city=city,
        province=province,
        created_at=now,
        expires_at=now + valid_for,
    )
    return code


def enrol(
    db: Database,
    typed_code: str,
    *,
    now: datetime,
    source: str,
    limits: EnrolmentLimits | None = None,
    secret: str | None = None,
) -> tuple[Device, str]:
    """The new device and its credential (shown once, never stored) for a valid code,
    tried from the address `source`. With the kiosk's own `secret`, the credential is
    `<device id>.<secret>`, and the same code and secret asked again (the answer was lost)
    give the same device."""
    limits = limits or EnrolmentLimits()
    attempts = Quota(f"enrol:address:{source}", limits.attempts_per_address_per_hour, timedelta(hours=1))
    if spent := db.take_quotas([attempts], now=now):
        wait = spent[0].retry_after
        audit.alert(
            "enrolment attempts capped",
            key=attempts.key,
            until=now + wait,
            source=source,
            cap=f"{attempts.limit}/hour",
        )
        raise TooManyError.waiting("too many enrolment attempts from this address; try again in {wait}", wait)
    device_id = f"dev-{uuid.uuid4()}"
    credential = f"{device_id}.{secret or secrets.token_urlsafe(32)}"
    try:
        device = db.redeem_enrolment(
            secret_hash(canonical_code(typed_code)),
            device_id=device_id,
            credential_hash=secret_hash(credential),
            now=now,
        )
    except EnrolmentCodeError as e:
        if e.reason == "used" and secret is not None and (again := _asked_again(db, typed_code, secret)):
            db.give_back([attempts.key])
            return again
        audit.refused("enrolment code refused", source=source, reason=e.reason)
        message = {
            "unknown": "this enrolment code is not known; check it, or ask HQ for a new one",
            "used": "this enrolment code was already used; ask HQ for a new one",
            "expired": "this enrolment code has expired; ask HQ for a new one",
        }[e.reason]
        kind = {"unknown": NotFoundError, "used": ConflictError, "expired": ExpiredError}[e.reason]
        raise kind(message) from e
    db.give_back([attempts.key])
    return device, credential


def _asked_again(db: Database, typed_code: str, secret: str) -> tuple[Device, str] | None:
    """The device a spent code made, if `secret` completes its credential and it still
    stands: the same kiosk asking again after it lost the answer."""
    made = db.enrolled_with(secret_hash(canonical_code(typed_code)))
    if made is None:
        return None
    device, credential_hash = made
    credential = f"{device.id}.{secret}"
    if device.revoked_at is not None or not hmac.compare_digest(secret_hash(credential), credential_hash):
        return None
    return device, credential


def authenticate(db: Database, credential: str | None, *, source: str = "unknown") -> Device:
    """The device a credential belongs to; CredentialError or NotAllowedError (revoked) otherwise.
    A refusal of a credential that was sent leaves an audit line."""
    if not credential:
        raise CredentialError("this call needs the device credential: Authorization: Bearer <credential>")
    device = db.device_for_credential(secret_hash(credential))
    if device is None:
        # The part before the dot names a device; the secret after it is never logged.
        audit.refused("unknown credential", source=source, claims=credential.partition(".")[0])
        raise CredentialError("the device credential is not known; enrol the kiosk again")
    if device.revoked_at is not None:
        audit.refused("revoked credential", source=source, device=device.id, store=device.store)
        raise NotAllowedError(f"device {device.id} was revoked on {device.revoked_at:%Y-%m-%d %H:%M} UTC")
    return device
