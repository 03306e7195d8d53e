"""Confirmation codes (OTP challenges): only hashes of the code and of the confirmation it
yields are kept, and a challenge is verified at most once."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from kiosk.hq.db.engine import Connected, DatabaseError, record
from kiosk.hq.schema import challenges


@dataclass(frozen=True, slots=True)
class Challenge:
    """A confirmation code sent to a phone; only hashes of the code and confirmation are kept."""

    id: str
    phone: str
    device_id: str
    code_hash: str
    created_at: datetime
    expires_at: datetime
    attempts: int
    verified_at: datetime | None
    confirmation_hash: str | None
    used_by_order: str | None


class Challenges(Connected):
    """Confirmation codes, as part of `Database`."""

    def add_challenge(self, challenge: Challenge) -> None:
        with self._write() as conn:
            if conn.execute(self._insert_new(challenges), dataclasses.asdict(challenge)).rowcount == 0:
                raise DatabaseError(f"A confirmation code with id {challenge.id} already exists.")

    def remove_challenge(self, challenge_id: str) -> None:
        """Forget a challenge whose code could not be sent."""
        with self._write() as conn:
            conn.execute(sa.delete(challenges).where(challenges.c.id == challenge_id))

    def get_challenge(self, challenge_id: str) -> Challenge | None:
        query = sa.select(challenges).where(challenges.c.id == challenge_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else record(Challenge, row)

    def count_attempt(self, challenge_id: str) -> int:
        """Count one more try at a challenge's code, atomically; return the new count."""
        update = (
            sa.update(challenges)
            .where(challenges.c.id == challenge_id)
            .values(attempts=challenges.c.attempts + 1)
            .returning(challenges.c.attempts)
        )
        with self._write() as conn:
            attempts = conn.execute(update).scalar_one_or_none()
        if attempts is None:
            raise DatabaseError(f"There is no confirmation code {challenge_id}.")
        return int(attempts)

    def mark_verified(self, challenge_id: str, *, confirmation_hash: str, now: datetime) -> None:
        """Record that the right code was entered, and the confirmation that now stands for it.

        A challenge is verified once: a second call raises `DatabaseError`, so one code can
        never yield two confirmations.
        """
        update = (
            sa.update(challenges)
            .where(challenges.c.id == challenge_id, challenges.c.verified_at.is_(None))
            .values(verified_at=now, confirmation_hash=confirmation_hash)
        )
        with self._write() as conn:
            if conn.execute(update).rowcount == 1:
                return
        if self.get_challenge(challenge_id) is None:
            raise DatabaseError(f"There is no confirmation code {challenge_id}.")
        raise DatabaseError(f"Confirmation code {challenge_id} was already verified.")
