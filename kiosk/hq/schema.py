"""HQ's tables as SQLAlchemy Core metadata: the one description of the schema both backends share.

The migrations in `kiosk/hq/migrations/versions/` build exactly this (a test compares them);
a change here needs a new migration beside it. Every time is a timezone-aware UTC datetime
(`UtcDateTime`); every JSON column is JSON on SQLite and JSONB on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

# Order statuses: stored, not yet forwarded; waiting for the customer's SMS reply; and the
# final results (the operator's two answers, HQ giving up, the customer's N, no reply in time).
ORDER_STATUSES = ("received", "awaiting_reply", "accepted", "rejected", "failed", "declined", "expired")
#: Statuses that will still change: an order in one keeps its customer's full number.
OPEN_STATUSES = ("received", "awaiting_reply")
#: How the customer confirms an order: a code typed at the kiosk, or Y replied to HQ's text.
SECOND_STEPS = ("code", "sms_reply")

# Fixed constraint and index names, so that a migration can name what it alters on either backend.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class _SqliteUtcText(sqlite.DATETIME):
    """SQLite's DATETIME column, whose values `UtcDateTime` converts itself."""

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware datetime, stored as UTC and always read back as UTC.

    PostgreSQL keeps `timestamptz` as an instant. SQLite has no time type: there the value
    is UTC as text in SQLAlchemy's own DATETIME format ("2026-03-01 09:00:00.000000"), which
    sorts as time does; converting it here with isoformat/fromisoformat rather than through
    SQLAlchemy's formatter makes event ingest measurably faster. A naive datetime is refused
    rather than guessed at.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_SqliteUtcText())
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | str | None:
        if value is None:
            return None
        offset = value.utcoffset()
        if offset is None:
            raise ValueError(f"naive datetime {value!r}: HQ stores only timezone-aware times")
        if dialect.name != "sqlite":
            return value.astimezone(UTC)
        # The UTC wall clock, formatted and cut before its offset: event ingest converts every
        # event's time, and this takes a third less than astimezone(UTC).replace(tzinfo=None).
        return (value - offset).isoformat(" ", "microseconds")[:26]

    def process_result_value(self, value: datetime | str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return datetime.fromisoformat(value).replace(tzinfo=UTC)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JsonDocument = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


enrolments = sa.Table(
    "enrolments",
    metadata,
    sa.Column("code_hash", sa.String(), primary_key=True),
    sa.Column("store", sa.String(), nullable=False),
    sa.Column("city", sa.String(), nullable=False),
    sa.Column("province", sa.String(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("used_at", UtcDateTime(), nullable=True),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("credential_hash", sa.String(), nullable=False, unique=True),
    # Unique: the database itself refuses a second device from one code, whatever the code path.
    sa.Column(
        "enrolment_code_hash",
        sa.String(),
        sa.ForeignKey("enrolments.code_hash"),
        nullable=False,
        unique=True,
    ),
    sa.Column("store", sa.String(), nullable=False),
    sa.Column("city", sa.String(), nullable=False),
    sa.Column("province", sa.String(), nullable=False),
    sa.Column("enrolled_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.Index(None, "store"),
)

# The busiest table by far. No foreign key to devices: every row would pay for a lookup,
# and the API writes only events of a device it has just authenticated. `store` is copied
# from the device so that per-store counts and reports need no join.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("device_id", sa.String(), nullable=False),
    sa.Column("store", sa.String(), nullable=False),
    sa.Column("kind", sa.String(), nullable=False),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.Column("session", sa.String(), nullable=True),
    sa.Column("data", JsonDocument, nullable=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    # The time the kiosk gave, as it gave it, when HQ did not believe it (kiosk.hq.clock);
    # `at` is then the time HQ received the event. NULL for nearly every event.
    sa.Column("claimed_at", sa.String(), nullable=True),
    sa.Index(None, "store", "at"),
)

# Every heartbeat, for history; the newest per device is also kept in `latest_heartbeats`,
# so the dashboard reads one row per device instead of searching the history. "Newest" is
# by HQ's clock (`received_at`): a kiosk's clock, however wrong, cannot freeze it.
heartbeats = sa.Table(
    "heartbeats",
    metadata,
    sa.Column("device_id", sa.String(), sa.ForeignKey("devices.id"), primary_key=True),
    sa.Column("at", UtcDateTime(), primary_key=True),
    sa.Column("body", JsonDocument, nullable=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
)

latest_heartbeats = sa.Table(
    "latest_heartbeats",
    metadata,
    sa.Column("device_id", sa.String(), sa.ForeignKey("devices.id"), primary_key=True),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.Column("body", JsonDocument, nullable=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
)

orders = sa.Table(
    "orders",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("device_id", sa.String(), sa.ForeignKey("devices.id"), nullable=False),
    sa.Column("store", sa.String(), nullable=False),
    sa.Column("body", JsonDocument, nullable=False),
    # SHA-256 of the body's canonical JSON: how a retried upload is told from a different
    # order that reuses an id, without comparing documents the database may have reordered.
    sa.Column("body_hash", sa.String(), nullable=False),
    sa.Column("status", sa.String(), nullable=False),
    sa.Column("reason", sa.String(), nullable=True),
    sa.Column("reference", sa.String(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    # When the customer's number in `body` was cut to its masked form (kiosk.hq.retention);
    # `body_hash` is then the hash of the masked body.
    sa.Column("phone_masked_at", UtcDateTime(), nullable=True),
    sa.Column("second_step", sa.String(), nullable=False, server_default="code"),
    # A test number's order (kiosk.hq.testnumbers): answered by HQ, never forwarded.
    sa.Column("test", sa.Boolean(), nullable=False, server_default=sa.false()),
    # SHA-256 of the status token the kiosk made for the public status page (/o/{token}).
    sa.Column("status_token_hash", sa.String(), nullable=True, unique=True),
    # The staff member credited: the one signed in at the kiosk (the body's `staff`) if on
    # the store's roster when the order was placed, else NULL (kiosk.hq.staff.credited).
    sa.Column("staff", sa.String(), nullable=True),
    # For an order awaiting an SMS reply: SHA-256 of the number (to find it when a reply
    # comes; cleared with the number), when HQ texted it, when an attempt to text it was
    # last claimed (so that two HQ processes never text it twice), and the end of its window.
    sa.Column("phone_hash", sa.String(), nullable=True),
    sa.Column("reply_texted_at", UtcDateTime(), nullable=True),
    sa.Column("reply_claimed_at", UtcDateTime(), nullable=True),
    sa.Column("reply_by", UtcDateTime(), nullable=True),
    sa.CheckConstraint(sa.column("status").in_(ORDER_STATUSES), name="status"),
    sa.CheckConstraint(sa.column("second_step").in_(SECOND_STEPS), name="second_step"),
    # The forwarder's query: orders still "received", oldest first.
    sa.Index(None, "status", "created_at"),
    # The purge's query: answered orders whose number is still whole, oldest first.
    sa.Index(None, "phone_masked_at", "updated_at"),
    # An inbound reply's query: the number's orders awaiting a reply.
    sa.Index(None, "phone_hash", "status"),
)

# Numbers for dial tests and staff training: a fixed code, no SMS, orders never forwarded.
# The number is whole: it is not a customer's.
test_numbers = sa.Table(
    "test_numbers",
    metadata,
    sa.Column("phone", sa.String(), primary_key=True),
    sa.Column("code", sa.String(), nullable=False),
    sa.Column("note", sa.String(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

# Replies the SMS gateway handed over, by its message id: a retried delivery is answered
# as the first was. Neither the number nor the text is kept.
inbound_sms = sa.Table(
    "inbound_sms",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("action", sa.String(), nullable=False),
    sa.Column("order_id", sa.String(), nullable=True),
    sa.Index(None, "received_at"),
)

challenges = sa.Table(
    "challenges",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("phone", sa.String(), nullable=False),
    sa.Column("device_id", sa.String(), sa.ForeignKey("devices.id"), nullable=False),
    sa.Column("code_hash", sa.String(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("verified_at", UtcDateTime(), nullable=True),
    sa.Column("confirmation_hash", sa.String(), nullable=True, unique=True),
    # No foreign key: the confirmation is spent as the order is being taken, before or
    # after its row exists, depending on the API's order of steps.
    sa.Column("used_by_order", sa.String(), nullable=True),
    # The purge's query: challenges older than the retention.
    sa.Index(None, "created_at"),
)

# Counters behind every cap (confirmation codes per device, store and number; the resend
# cooldown; enrolment attempts per address): one row per key, counting `used` within a
# window that ends at `window_end` and starts again on the first use after it.
quotas = sa.Table(
    "quotas",
    metadata,
    sa.Column("key", sa.String(), primary_key=True),
    sa.Column("window_end", UtcDateTime(), nullable=False),
    sa.Column("used", sa.Integer(), nullable=False),
    sa.Index(None, "window_end"),
)

# The interested-customer register (kiosk.hq.leads): entries staff noted at a kiosk with the
# customer's consent, for the store to call back. `body` holds what the kiosk sent (the
# number among it, cut to 138****5678 once `phone_masked_at` is set, 30 days after
# `created_at`: the most the customer agreed to); `created_at` is the kiosk's time when HQ
# believes it, else HQ's.
leads = sa.Table(
    "leads",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("device_id", sa.String(), sa.ForeignKey("devices.id"), nullable=False),
    sa.Column("store", sa.String(), nullable=False),
    # The member credited: the number the kiosk sent (in `body`) if it was on the store's
    # roster then, else NULL (kiosk.hq.staff.credited).
    sa.Column("staff", sa.String(), nullable=True),
    sa.Column("service", sa.String(), nullable=False),
    sa.Column("call_day", sa.String(), nullable=False),
    sa.Column("call_part", sa.String(), nullable=False),
    sa.Column("body", JsonDocument, nullable=False),
    # SHA-256 of the body's canonical JSON (recomputed when the number is masked): a resent
    # entry is told from another one reusing its id.
    sa.Column("body_hash", sa.String(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("phone_masked_at", UtcDateTime(), nullable=True),
    # The store manager's listing: a store's entries by time.
    sa.Index(None, "store", "created_at"),
    # The purge's query: numbers still whole, oldest first.
    sa.Index(None, "phone_masked_at", "created_at"),
)


# The staff of every store, from which each store's roster is published to its kiosks
# (kiosk.hq.staff). A staff number is unique across stores: `kiosk-hq staff disable NUMBER`
# names one person. Only the PIN's scrypt hash is kept, never the PIN.
STAFF_ROLES = ("staff", "manager")
staff = sa.Table(
    "staff",
    metadata,
    sa.Column("number", sa.String(), primary_key=True),
    sa.Column("store", sa.String(), nullable=False),
    sa.Column("name", sa.String(), nullable=False),
    sa.Column("role", sa.String(), nullable=False),
    sa.Column("pin_hash", sa.String(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.CheckConstraint(sa.column("role").in_(STAFF_ROLES), name="role"),
    sa.Index(None, "store"),
)
