"""Confirmation codes: the second step of subscribing at the kiosk.

The kiosk asks for a code for the customer's mobile number (`request`); HQ texts a six-digit
code through the SMS gateway. The customer types it; the kiosk sends it back (`verify`) and,
when it is right, receives a one-time confirmation token that the order must carry. So an
order always comes from someone holding that phone.

Limits (`Policy`): a code lives five minutes; five wrong tries spend it; a new code for the
same number waits one minute after the last. HQ keeps hashes of codes and tokens only.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.domain.phone import PhoneError, masked, normalize_mobile
from kiosk.hq.errors import Conflict, Expired, NotFound, Refused, TooMany, Unavailable
from kiosk.hq.sms import SmsError, SmsGateway
from kiosk.hq.store import Challenge, Device, HqStore


@dataclass(frozen=True)
class Policy:
    code_ttl: timedelta = timedelta(minutes=5)
    resend_after: timedelta = timedelta(seconds=60)
    max_attempts: int = 5
    #: How long a verified code's confirmation can still place an order.
    confirmation_ttl: timedelta = timedelta(minutes=30)


@dataclass(frozen=True)
class Verdict:
    verified: bool
    confirmation: str | None = None
    attempts_left: int = 0


def message_text(code: str, ttl: timedelta) -> str:
    minutes = int(ttl.total_seconds() // 60)
    return (
        f"【体验专区】您的验证码是 {code}，{minutes} 分钟内有效，请勿告诉他人。"
        f" Your confirmation code is {code}, valid for {minutes} minutes."
    )


def _code_hash(challenge_id: str, code: str) -> str:
    return hashlib.sha256(f"{challenge_id}:{code}".encode()).hexdigest()


def confirmation_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ConfirmationDesk:
    def __init__(self, store: HqStore, sms: SmsGateway, policy: Policy | None = None) -> None:
        self._store = store
        self._sms = sms
        self.policy = policy or Policy()

    def request(self, device: Device, phone_text: str, *, now: datetime) -> Challenge:
        """Text a new code to the number; the challenge it is checked against."""
        try:
            phone = normalize_mobile(phone_text)
        except PhoneError as e:
            raise Refused(str(e)) from e
        last = self._store.latest_challenge_for(phone)
        if last is not None and now - last.created_at < self.policy.resend_after:
            wait = self.policy.resend_after - (now - last.created_at)
            seconds = max(1, int(wait.total_seconds() + 0.999))
            raise TooMany(
                f"a code was sent to {masked(phone)} just now; a new one can be sent in {seconds} s", seconds
            )
        challenge_id = str(uuid.uuid4())
        code = f"{secrets.randbelow(1_000_000):06d}"
        try:
            self._sms.send(phone, message_text(code, self.policy.code_ttl))
        except SmsError as e:
            raise Unavailable(f"the code could not be sent to {masked(phone)}: {e}") from e
        challenge = Challenge(
            id=challenge_id,
            phone=phone,
            device_id=device.id,
            code_hash=_code_hash(challenge_id, code),
            created_at=now,
            expires_at=now + self.policy.code_ttl,
            attempts=0,
            verified_at=None,
            confirmation_hash=None,
            used_by_order=None,
        )
        self._store.add_challenge(challenge)
        return challenge

    def verify(self, device: Device, challenge_id: str, code: str, *, now: datetime) -> Verdict:
        challenge = self._store.get_challenge(challenge_id)
        if challenge is None or challenge.device_id != device.id:
            raise NotFound("no such confirmation request from this kiosk; ask for a new code")
        if challenge.verified_at is not None:
            raise Conflict("this code was already confirmed")
        if now >= challenge.expires_at:
            raise Expired("the code has expired; ask for a new one")
        if challenge.attempts >= self.policy.max_attempts:
            raise TooMany("too many wrong codes; ask for a new one", 0)
        attempts = self._store.count_attempt(challenge_id)
        if attempts > self.policy.max_attempts:
            # Another try counted in between.
            raise TooMany("too many wrong codes; ask for a new one", 0)
        typed = "".join(code.split())
        if not secrets.compare_digest(_code_hash(challenge_id, typed), challenge.code_hash):
            return Verdict(False, attempts_left=self.policy.max_attempts - attempts)
        token = secrets.token_urlsafe(24)
        self._store.mark_verified(challenge_id, confirmation_hash=confirmation_hash(token), now=now)
        return Verdict(True, confirmation=token, attempts_left=self.policy.max_attempts - attempts)
