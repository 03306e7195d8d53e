"""Confirmation codes: the second step of subscribing at the kiosk.

The kiosk asks for a code for the customer's mobile number (`request`); HQ texts a six-digit
code through the SMS gateway. The customer types it; the kiosk sends it back (`verify`) and,
when it is right, receives a one-time confirmation token that the order must carry. So an
order always comes from someone holding that phone.

Limits (`kiosk.hq.config.CodeLimits`): a code lives five minutes; five wrong tries spend
it. Texting costs money and reaches a person, so every code is counted, all at once and
exactly (`Database.take_quotas`), against caps that stop SMS pumping and harassment: a
cooldown per number and store; per number a day, everywhere and from one store; per
device and per store an hour and a day. A refusal says which cap and when the next code
can go (`TooManyError` with the wait), and a reached cap writes an ALERT line. HQ keeps hashes of
codes and tokens only, and counts numbers under a hash.

The "reply Y to confirm" text of an order confirmed by SMS reply (`text_order`) goes through
the same gateway and counts against the same caps, but for the resend cooldown (it is not a
code asked for again). A test number (kiosk.hq.testnumbers) is sent nothing and counted
against no cap: its code is the fixed one HQ holds for it.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from kiosk.domain.phone import PhoneError, masked, normalize_mobile
from kiosk.hq import audit
from kiosk.hq.config import CodeLimits
from kiosk.hq.db import Challenge, Database, Device, Quota
from kiosk.hq.errors import (
    ConflictError,
    ExpiredError,
    NotFoundError,
    RefusedError,
    TooManyError,
    UnavailableError,
)
from kiosk.hq.sms import SmsError, SmsGateway

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    verified: bool
    confirmation: str | None = None
    attempts_left: int = 0


class Texted(Enum):
    """What became of an order's "reply Y" text."""

    SENT = "sent"
    #: A cap on the number is reached: it cannot be texted today, the order cannot be confirmed.
    CAPPED = "capped"
    #: Not now (the gateway failed, or a cap on the kiosk or store): the chore tries again.
    LATER = "later"


#: Caps on the number itself; the others cap who sends (a kiosk, a store).
_NUMBER_CAPS = ("code:number:", "code:number-store:")


@dataclass(frozen=True)
class _Cap:
    quota: Quota
    #: Why a code cannot be sent now, for the staff at the kiosk; "{wait}" is filled in.
    says: str
    #: Reaching it may mean misuse: worth an ALERT line.
    alert: bool = True


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
    def __init__(self, db: Database, sms: SmsGateway, limits: CodeLimits | None = None) -> None:
        self._db = db
        self._sms = sms
        self.limits = limits or CodeLimits()

    def request(
        self, device: Device, phone_text: str, *, now: datetime, source: str = "unknown"
    ) -> Challenge:
        """Text a new code to the number; the challenge it is checked against."""
        try:
            phone = normalize_mobile(phone_text)
        except PhoneError as e:
            raise RefusedError(str(e)) from e
        test = self._db.test_number(phone)
        caps = [] if test is not None else self._caps(device, phone)
        if spent := self._db.take_quotas([cap.quota for cap in caps], now=now):
            self._refuse(device, phone, caps, spent, now=now, source=source)
        challenge_id = str(uuid.uuid4())
        code = test.code if test is not None else f"{secrets.randbelow(1_000_000):06d}"
        challenge = Challenge(
            id=challenge_id,
            phone=phone,
            device_id=device.id,
            code_hash=_code_hash(challenge_id, code),
            created_at=now,
            expires_at=now + self.limits.code_ttl,
            attempts=0,
            verified_at=None,
            confirmation_hash=None,
            used_by_order=None,
        )
        # Stored first: a code that reaches a phone can always be checked.
        self._db.add_challenge(challenge)
        if test is not None:
            return challenge
        try:
            self._sms.send(phone, message_text(code, self.limits.code_ttl))
        except SmsError as e:
            self._db.remove_challenge(challenge_id)
            self._db.give_back(cap.quota.key for cap in caps)
            raise UnavailableError(f"the code could not be sent to {masked(phone)}: {e}") from e
        return challenge

    def text_order(
        self, device: Device, phone: str, text: str, *, now: datetime, source: str = "chores"
    ) -> Texted:
        """Text an order's "reply Y" message to `phone` (normalized), counted against the caps."""
        caps = [cap for cap in self._caps(device, phone) if not cap.quota.key.startswith("code:cooldown:")]
        if spent := self._db.take_quotas([cap.quota for cap in caps], now=now):
            self._alert(device, phone, caps, spent, now=now, source=source)
            if any(reached.quota.key.startswith(_NUMBER_CAPS) for reached in spent):
                return Texted.CAPPED
            return Texted.LATER
        try:
            self._sms.send(phone, text)
        except SmsError:
            self._db.give_back(cap.quota.key for cap in caps)
            return Texted.LATER
        return Texted.SENT

    def verify(
        self, device: Device, challenge_id: str, code: str, *, now: datetime, source: str = "unknown"
    ) -> Verdict:
        challenge = self._db.get_challenge(challenge_id)
        if challenge is None or challenge.device_id != device.id:
            raise NotFoundError("no such confirmation request from this kiosk; ask for a new code")
        if challenge.verified_at is not None:
            raise ConflictError("this code was already confirmed")
        if now >= challenge.expires_at:
            raise ExpiredError("the code has expired; ask for a new one")
        limit = self.limits.max_attempts
        if challenge.attempts >= limit:
            raise TooManyError("too many wrong codes; ask for a new one", 0)
        attempts = self._db.count_attempt(challenge_id)
        if attempts > limit:
            # Another try counted in between.
            raise TooManyError("too many wrong codes; ask for a new one", 0)
        typed = "".join(code.split())
        if not secrets.compare_digest(_code_hash(challenge_id, typed), challenge.code_hash):
            audit.refused(
                "wrong confirmation code",
                source=source,
                device=device.id,
                store=device.store,
                challenge=challenge_id,
                attempt=f"{attempts}/{limit}",
            )
            return Verdict(False, attempts_left=limit - attempts)
        token = secrets.token_urlsafe(24)
        self._db.mark_verified(challenge_id, confirmation_hash=confirmation_hash(token), now=now)
        return Verdict(True, confirmation=token, attempts_left=limit - attempts)

    def _caps(self, device: Device, phone: str) -> list[_Cap]:
        limits = self.limits
        number = hashlib.sha256(phone.encode()).hexdigest()[:32]
        shown = masked(phone)
        caps = [
            _Cap(
                Quota(f"code:cooldown:{device.store}:{number}", 1, limits.resend_after),
                f"a code was sent to {shown} just now; a new one can be sent in {{wait}}",
                alert=False,
            ),
            _Cap(
                Quota(f"code:number:{number}", limits.per_number_per_day, DAY),
                f"{shown} has been sent {limits.per_number_per_day} codes in a day, the most allowed; "
                "a new one can be sent in {wait}",
            ),
            _Cap(
                Quota(f"code:number-store:{device.store}:{number}", limits.per_number_per_store_per_day, DAY),
                f"this store has sent {shown} {limits.per_number_per_store_per_day} codes in a day, the most "
                "allowed; a new one can be sent in {wait}",
            ),
        ]
        senders = (
            ("device", device.id, "this kiosk has", limits.per_device_per_hour, limits.per_device_per_day),
            (
                "store",
                device.store,
                "this store's kiosks have",
                limits.per_store_per_hour,
                limits.per_store_per_day,
            ),
        )
        for kind, who, subject, per_hour, per_day in senders:
            for span, limit, period in (("hour", per_hour, HOUR), ("day", per_day, DAY)):
                caps.append(
                    _Cap(
                        Quota(f"code:{kind}-{span}:{who}", limit, period),
                        f"{subject} sent {limit} codes within {'an' if span == 'hour' else 'a'} {span}, the "
                        "most allowed; the next can be sent in {wait}. If nobody here asked for so many, "
                        "tell HQ",
                    )
                )
        return caps

    def _refuse(
        self, device: Device, phone: str, caps: list[_Cap], spent: list, *, now: datetime, source: str
    ) -> None:
        self._alert(device, phone, caps, spent, now=now, source=source)
        by_key = {cap.quota.key: cap for cap in caps}
        # The cap that keeps the next code waiting longest is the one to tell.
        longest = max(spent, key=lambda reached: reached.retry_after)
        raise TooManyError.waiting(by_key[longest.quota.key].says, longest.retry_after)

    def _alert(
        self, device: Device, phone: str, caps: list[_Cap], spent: list, *, now: datetime, source: str
    ) -> None:
        by_key = {cap.quota.key: cap for cap in caps}
        for reached in spent:
            cap = by_key[reached.quota.key]
            if cap.alert:
                audit.alert(
                    "confirmation codes capped",
                    key=cap.quota.key,
                    until=now + reached.retry_after,
                    source=source,
                    cap=cap.quota.key.split(":")[1],
                    limit=cap.quota.limit,
                    device=device.id,
                    store=device.store,
                    number=masked(phone),
                )
