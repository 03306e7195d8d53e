"""HQ's database: `Database`, one code path over SQLite (embedded, the default) or PostgreSQL.

Everything kiosks send and everything HQ decides about them is kept here, one module per
kind of record over one engine (`engine.py`: the pool, transactions, migrations):
enrolment codes and devices (`devices.py`), events deduplicated by id (`events.py`),
heartbeats (`heartbeats.py`), register entries (`leads.py`), orders idempotent by id and
the SMS replies that confirm some (`orders.py`), the confirmation codes of the two-step
subscription (`challenges.py`),
the counters behind HQ's caps (`quotas.py`), test numbers (`testnumbers.py`) and what
reports read (`reports.py`); `purge.py` forgets customers' numbers when their time is up.
The tables are in `kiosk.hq.schema`; the schema is created and upgraded by the Alembic
migrations in `kiosk/hq/migrations`, run by `Database.migrate()`.

Whatever must happen once (a code redeemed, a confirmation spent with its order stored, an
event stored, a use counted under a cap) hinges on guarded statements in one transaction:
an UPDATE whose WHERE says "still unused", or an INSERT ... ON CONFLICT. The database
decides the race, so it stays right under many threads and many HQ processes, on either
backend. (SQLite writers in one process also queue on a lock, for speed, not correctness.)
"""

from __future__ import annotations

from kiosk.hq.db.challenges import Challenge, Challenges
from kiosk.hq.db.devices import Device, Devices, EnrolmentCodeError, EnrolmentReason
from kiosk.hq.db.engine import DatabaseError, alembic_config
from kiosk.hq.db.events import EventLike, Events
from kiosk.hq.db.heartbeats import Heartbeat, Heartbeats
from kiosk.hq.db.leads import Lead, LeadConflictError, Leads
from kiosk.hq.db.orders import Order, OrderConflictError, Orders, Placing, Reply
from kiosk.hq.db.purge import Purged, Purging
from kiosk.hq.db.quotas import Quota, Quotas, QuotaSpent
from kiosk.hq.db.reports import Reports
from kiosk.hq.db.staff import StaffRecord, StaffRecords, Tally
from kiosk.hq.db.testnumbers import TestNumber, TestNumbers

__all__ = [
    "Challenge",
    "Database",
    "DatabaseError",
    "Device",
    "EnrolmentCodeError",
    "EnrolmentReason",
    "EventLike",
    "Heartbeat",
    "Lead",
    "LeadConflictError",
    "Order",
    "OrderConflictError",
    "Placing",
    "Purged",
    "Quota",
    "QuotaSpent",
    "Reply",
    "StaffRecord",
    "Tally",
    "TestNumber",
    "alembic_config",
]


class Database(
    Devices,
    Events,
    Heartbeats,
    Orders,
    Challenges,
    Quotas,
    Purging,
    TestNumbers,
    Reports,
    Leads,
    StaffRecords,
):
    """HQ's database, SQLite (`sqlite:///path`) or PostgreSQL (`postgresql+psycopg://...`):
    every kind of record over one pool (`engine.Connected`).

    Thread-safe: every call takes a pooled connection for its own short transaction.
    """
