"""Database on real SQLite and PostgreSQL databases: enrolment, events, heartbeats, orders,
confirmation codes, migrations and durability. Every test runs once per backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.hq import schema
from kiosk.hq.db import (
    Challenge,
    Database,
    DatabaseError,
    Device,
    EnrolmentCodeError,
    OrderConflictError,
    Quota,
    alembic_config,
)
from tests.hq import pgtemp
from tests.hq.dbkit import (
    NOW,
    EventIn,
    challenge,
    confirmed,
    count_events,
    enrol,
    event,
    heartbeat_history,
    latest_heartbeats,
    must_exist,
    place,
)
from tests.threads import at_once

CHINA = timezone(timedelta(hours=8))


# Enrolment and devices


def test_an_enrolment_code_enrols_a_device_of_its_store(db: Database) -> None:
    db.add_enrolment(
        "h1",
        store="GD-SZ-0001",
        city="Shenzhen",
        province="Guangdong",
        created_at=NOW,
        expires_at=NOW + timedelta(hours=1),
    )

    device = db.redeem_enrolment("h1", device_id="dev-a", credential_hash="cred-a", now=NOW)

    assert device == Device("dev-a", "GD-SZ-0001", "Shenzhen", "Guangdong", enrolled_at=NOW, revoked_at=None)
    assert device.enrolled_at.tzinfo is UTC
    assert db.device_for_credential("cred-a") == device
    assert db.devices() == [device]


def test_a_replayed_enrolment_code_is_refused_as_used(db: Database) -> None:
    enrol(db, name="a")

    with pytest.raises(EnrolmentCodeError) as refused:
        db.redeem_enrolment("code-a", device_id="dev-again", credential_hash="cred-again", now=NOW)

    assert refused.value.reason == "used"
    assert "already used" in str(refused.value)
    assert len(db.devices()) == 1


def test_an_expired_enrolment_code_is_refused(db: Database) -> None:
    db.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    with pytest.raises(EnrolmentCodeError) as refused:
        db.redeem_enrolment("h1", device_id="d", credential_hash="c", now=NOW + timedelta(hours=1))

    assert refused.value.reason == "expired"
    assert db.devices() == []


def test_an_unknown_enrolment_code_is_refused(db: Database) -> None:
    with pytest.raises(EnrolmentCodeError) as refused:
        db.redeem_enrolment("nobody-issued-this", device_id="d", credential_hash="c", now=NOW)

    assert refused.value.reason == "unknown"


def test_adding_an_enrolment_code_twice_is_refused(db: Database) -> None:
    db.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    with pytest.raises(DatabaseError):
        db.add_enrolment(
            "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
        )


def test_two_concurrent_redeems_of_one_code_enrol_exactly_one_device(db: Database) -> None:
    db.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    results = at_once(
        2, lambda i: db.redeem_enrolment("h1", device_id=f"dev-{i}", credential_hash=f"cred-{i}", now=NOW)
    )

    assert sorted(type(r).__name__ for r in results) == ["Device", "EnrolmentCodeError"]
    refusal = next(r for r in results if isinstance(r, EnrolmentCodeError))
    assert refusal.reason == "used"
    assert len(db.devices()) == 1


def test_a_revoked_device_is_still_found_by_credential_with_its_revocation_time(db: Database) -> None:
    device = enrol(db, name="a")

    assert db.revoke_device(device.id, now=NOW + timedelta(days=2))

    found = db.device_for_credential("cred-a")
    assert found is not None and found.revoked_at == NOW + timedelta(days=2)


def test_revoking_twice_or_an_unknown_device_reports_nothing_revoked(db: Database) -> None:
    device = enrol(db)
    db.revoke_device(device.id, now=NOW)

    assert not db.revoke_device(device.id, now=NOW + timedelta(days=1))
    assert not db.revoke_device("no-such-device", now=NOW)
    assert db.devices()[0].revoked_at == NOW


def test_devices_are_listed_per_store(db: Database) -> None:
    sz, gz = enrol(db, "GD-SZ-0001"), enrol(db, "GD-GZ-0002")

    assert db.devices("GD-SZ-0001") == [sz]
    assert db.devices() == [gz, sz]


# Events


def test_an_event_repeated_within_a_batch_is_stored_once(db: Database) -> None:
    device = enrol(db)

    added = db.add_events(device, [event("e1"), event("e2"), event("e1")], received_at=NOW)

    assert added == 2
    assert count_events(db) == 2


def test_events_seen_in_an_earlier_batch_are_not_counted_again(db: Database) -> None:
    device = enrol(db)
    db.add_events(device, [event(f"e{i}") for i in range(500)], received_at=NOW)

    added = db.add_events(device, [event(f"e{i}") for i in range(490, 510)], received_at=NOW)

    assert added == 10
    assert count_events(db) == 510


def test_an_empty_batch_adds_nothing(db: Database) -> None:
    assert db.add_events(enrol(db), [], received_at=NOW) == 0


def test_events_are_counted_per_store(db: Database) -> None:
    sz, gz = enrol(db, "GD-SZ-0001"), enrol(db, "GD-GZ-0002")
    db.add_events(sz, [event("a"), event("b")], received_at=NOW)
    db.add_events(gz, [event("c")], received_at=NOW)

    assert (count_events(db, "GD-SZ-0001"), count_events(db, "GD-GZ-0002"), count_events(db)) == (
        2,
        1,
        3,
    )


def test_an_event_is_stored_with_its_store_data_and_times_in_utc(db: Database, db_url: str) -> None:
    device = enrol(db)
    local = datetime(2026, 3, 1, 17, 30, tzinfo=CHINA)
    db.add_events(
        device,
        [EventIn("e1", "search", local, None, {"query": "流量包", "hits": [1, 2]})],
        received_at=NOW,
    )

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(sa.select(schema.events)).mappings().one()
    engine.dispose()

    assert (row["device_id"], row["store"], row["kind"], row["session"]) == (
        device.id,
        device.store,
        "search",
        None,
    )
    assert row["data"] == {"query": "流量包", "hits": [1, 2]}
    assert row["at"] == local and row["at"].utcoffset() == timedelta(0)
    assert row["received_at"] == NOW


def test_a_retimed_event_is_filed_at_the_time_received_with_its_claimed_time_kept(
    db: Database, db_url: str
) -> None:
    device = enrol(db)
    wild = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14)))

    added = db.add_events(
        device,
        [event("e1"), EventIn("e2", "k", wild, None, {})],
        received_at=NOW + timedelta(hours=1),
        claimed={1: wild.isoformat()},
    )

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events).order_by(schema.events.c.id)).mappings().all()
    engine.dispose()
    assert added == 2
    assert [(r["id"], r["at"], r["claimed_at"]) for r in rows] == [
        ("e1", NOW, None),
        ("e2", NOW + timedelta(hours=1), "9999-12-31T23:59:59-14:00"),
    ]


def test_event_ids_held_for_another_device_are_named(db: Database) -> None:
    mine, theirs = enrol(db), enrol(db)
    db.add_events(theirs, [event("e1"), event("e2")], received_at=NOW)
    db.add_events(mine, [event("e3")], received_at=NOW)

    assert db.foreign_event_ids(mine, ["e1", "e3", "e4", "e1"]) == {"e1"}
    assert db.foreign_event_ids(theirs, ["e1", "e3"]) == {"e3"}


def test_event_times_in_any_offset_are_kept_to_the_microsecond_and_sort_as_instants(
    db: Database, db_url: str
) -> None:
    new_york = timezone(timedelta(hours=-5))
    times = {
        # 2026-03-01 00:30 in China is still 2026-02-28 in UTC.
        "china-after-midnight": datetime(2026, 3, 1, 0, 30, 0, 250_001, tzinfo=CHINA),
        "utc": datetime(2026, 2, 28, 16, 45, tzinfo=UTC),
        # 2026-02-28 19:00 in New York is already 2026-03-01 in UTC.
        "new-york-evening": datetime(2026, 2, 28, 19, 0, 0, 999_999, tzinfo=new_york),
        "new-year-in-china": datetime(2027, 1, 1, 0, 0, 0, 1, tzinfo=CHINA),
    }
    db.add_events(
        enrol(db), [EventIn(name, "k", at, None, {}) for name, at in times.items()], received_at=NOW
    )

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events.c.id, schema.events.c.at).order_by(schema.events.c.at))
        stored = [(row.id, row.at) for row in rows]
        text = conn.exec_driver_sql("SELECT at FROM events WHERE id = 'new-year-in-china'").scalar_one()
    engine.dispose()

    assert stored == sorted(times.items(), key=lambda item: item[1])
    assert all(at.utcoffset() == timedelta(0) for _, at in stored)
    if db_url.startswith("sqlite"):
        assert text == "2026-12-31 16:00:00.000001"  # SQLAlchemy's format, in UTC


def test_a_naive_time_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        db.add_events(enrol(db), [EventIn("e1", "k", datetime(2026, 3, 1), None, {})], received_at=NOW)


# Heartbeats


def test_latest_heartbeats_hold_what_each_device_sent_last_by_hqs_clock(db: Database, db_url: str) -> None:
    a, b = enrol(db), enrol(db)
    minute = timedelta(minutes=1)
    db.add_heartbeat(a, NOW, {"n": 1}, received_at=NOW)
    db.add_heartbeat(a, NOW + 2 * minute, {"n": 2}, received_at=NOW + minute)
    # Its clock jumped back (a dead battery): it is still the newest state.
    db.add_heartbeat(a, NOW - timedelta(days=300), {"n": 3}, received_at=NOW + 2 * minute)
    db.add_heartbeat(b, NOW, {"n": 1}, received_at=NOW)
    db.add_heartbeat(b, NOW, {"n": 1}, received_at=NOW)  # the same heartbeat twice

    latest = latest_heartbeats(db)

    assert [(h.device_id, h.body, h.received_at) for h in latest] == [
        (a.id, {"n": 3}, NOW + 2 * minute),
        (b.id, {"n": 1}, NOW),
    ]
    assert [h.body["n"] for h in heartbeat_history(db, a.id)] == [1, 2, 3]
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        history = conn.execute(sa.select(sa.func.count()).select_from(schema.heartbeats)).scalar_one()
    engine.dispose()
    assert history == 4


# Orders


def test_an_order_uploaded_again_with_the_same_body_is_the_same_order(db: Database) -> None:
    device = enrol(db)
    first, created = place(db, device, "o1", {"service": "5G", "phone": "13800138000"}, now=NOW)

    again, created_again = place(
        db, device, "o1", {"phone": "13800138000", "service": "5G"}, now=NOW + timedelta(minutes=1)
    )

    assert (created, created_again) == (True, False)
    assert again == first
    assert (first.status, first.attempts, first.created_at) == ("received", 0, NOW)


def test_an_order_id_reused_with_a_different_body_is_a_conflict(db: Database) -> None:
    device = enrol(db)
    place(db, device, "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(OrderConflictError, match="o1"):
        place(db, device, "o1", {"service": "4G"}, now=NOW)

    order = db.get_order("o1")
    assert order is not None and order.body == {"service": "5G"}


def test_an_order_id_reused_by_another_store_is_a_conflict(db: Database) -> None:
    place(db, enrol(db, "GD-SZ-0001"), "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(OrderConflictError, match="already used"):
        place(db, enrol(db, "GD-GZ-0002"), "o1", {"service": "5G"}, now=NOW)


def test_a_failed_forwarding_attempt_is_counted_and_the_order_stays_waiting(db: Database) -> None:
    order, _ = place(db, enrol(db), "o1", {"service": "5G"}, now=NOW)

    retry = db.update_order(
        order.id, status="received", reason="ordering system timed out", now=NOW + timedelta(minutes=1)
    )

    assert (retry.status, retry.attempts, retry.reason) == ("received", 1, "ordering system timed out")
    assert retry.updated_at == NOW + timedelta(minutes=1) and retry.created_at == NOW
    assert db.orders_to_forward() == [retry]


def test_an_accepted_order_keeps_its_reference_and_attempt_count(db: Database) -> None:
    order, _ = place(db, enrol(db), "o1", {"service": "5G"}, now=NOW)
    db.update_order(order.id, status="received", now=NOW)

    accepted = db.update_order(
        order.id, status="accepted", reference="BOSS-42", now=NOW + timedelta(minutes=5)
    )

    assert (accepted.status, accepted.reference, accepted.reason, accepted.attempts) == (
        "accepted",
        "BOSS-42",
        None,
        1,
    )
    assert db.get_order("o1") == accepted
    assert db.orders_to_forward() == []


def test_a_rejected_order_keeps_its_reason(db: Database) -> None:
    order, _ = place(db, enrol(db), "o1", {"service": "5G"}, now=NOW)

    db.update_order(order.id, status="rejected", reason="number not eligible", now=NOW)

    rejected = db.get_order("o1")
    assert rejected is not None and (rejected.status, rejected.reason) == ("rejected", "number not eligible")


def test_updating_an_unknown_order_or_to_an_unknown_status_is_refused(db: Database) -> None:
    order, _ = place(db, enrol(db), "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(DatabaseError, match="no order"):
        db.update_order("o-missing", status="accepted", now=NOW)
    with pytest.raises(DatabaseError, match="status"):
        db.update_order(order.id, status="done", now=NOW)


def test_orders_to_forward_are_the_waiting_ones_oldest_first(db: Database) -> None:
    device = enrol(db)
    for i, minutes in enumerate([3, 1, 2, 0]):
        place(db, device, f"o{i}", {"i": i}, now=NOW + timedelta(minutes=minutes))
    db.update_order("o3", status="accepted", now=NOW)

    waiting = db.orders_to_forward(limit=2)

    assert [o.id for o in waiting] == ["o1", "o2"]
    assert [o.id for o in db.orders_to_forward()] == ["o1", "o2", "o0"]


def test_a_refused_order_leaves_its_confirmation_unspent(db: Database) -> None:
    device = enrol(db)
    confirmation = confirmed(db, device)

    def refuse(challenge: Challenge | None) -> None:
        raise PermissionError("phone does not match")

    with pytest.raises(PermissionError):
        place(db, device, "o1", {"service": "5G"}, confirmation=confirmation, accept=refuse)
    order, created = place(db, device, "o2", {"service": "5G"}, confirmation=confirmation)

    assert db.get_order("o1") is None
    assert created and order.id == "o2"


def test_a_spent_confirmation_is_handed_over_as_none_and_nothing_is_stored(db: Database) -> None:
    device = enrol(db)
    confirmation = confirmed(db, device)
    place(db, device, "o1", {"service": "5G"}, confirmation=confirmation)
    seen: list[Challenge | None] = []

    with pytest.raises(PermissionError):
        place(
            db,
            device,
            "o2",
            {"service": "5G"},
            confirmation=confirmation,
            accept=lambda c: (seen.append(c), must_exist(c)),  # type: ignore[func-returns-value]
        )

    assert seen == [None] and db.get_order("o2") is None


def test_an_exact_retry_gets_the_stored_order_without_its_spent_confirmation(db: Database) -> None:
    device = enrol(db)
    first, _ = place(db, device, "o1", {"service": "5G"})

    again, created = place(db, device, "o1", {"service": "5G"}, confirmation="spent-or-unknown")

    assert (again, created) == (first, False)


def test_twenty_copies_of_one_order_at_once_all_get_the_one_order(db: Database) -> None:
    device = enrol(db)
    confirmation = confirmed(db, device)

    results = at_once(
        20, lambda i: place(db, device, "o1", {"service": "5G"}, confirmation=confirmation, now=NOW)
    )

    orders = [r for r in results if not isinstance(r, Exception)]
    assert len(orders) == 20, [r for r in results if isinstance(r, Exception)]
    stored = db.get_order("o1")
    assert all(order == stored for order, _ in orders)
    assert sum(created for _, created in orders) == 1


def test_copies_of_one_order_with_two_confirmations_spend_only_one(db: Database) -> None:
    device = enrol(db)
    confirmations = [confirmed(db, device), confirmed(db, device)]

    results = at_once(2, lambda i: place(db, device, "o1", {"service": "5G"}, confirmation=confirmations[i]))

    assert not [r for r in results if isinstance(r, Exception)]
    spent = [db.get_challenge(f"c-{c}").used_by_order for c in confirmations]  # type: ignore[union-attr]
    assert spent.count("o1") == 1


# Confirmation codes


def test_attempts_are_counted_atomically_by_concurrent_callers(db: Database) -> None:
    db.add_challenge(challenge("c1", enrol(db)))

    counts = at_once(8, lambda _: [db.count_attempt("c1") for _ in range(5)])

    seen = [n for batch in counts if isinstance(batch, list) for n in batch]
    assert sorted(seen) == list(range(1, 41))  # every count handed out once, none lost
    stored = db.get_challenge("c1")
    assert stored is not None and stored.attempts == 40


def test_counting_an_attempt_at_an_unknown_challenge_is_refused(db: Database) -> None:
    with pytest.raises(DatabaseError):
        db.count_attempt("nope")


def test_a_challenge_is_verified_only_once(db: Database) -> None:
    db.add_challenge(challenge("c1", enrol(db)))
    db.mark_verified("c1", confirmation_hash="conf-1", now=NOW)

    with pytest.raises(DatabaseError, match="already verified"):
        db.mark_verified("c1", confirmation_hash="conf-2", now=NOW)
    with pytest.raises(DatabaseError, match="no confirmation code"):
        db.mark_verified("nope", confirmation_hash="conf-3", now=NOW)


# Caps


def test_a_quota_allows_its_limit_within_its_window_then_says_how_long_to_wait(db: Database) -> None:
    cap = Quota("k", limit=2, period=timedelta(hours=1))

    first = db.take_quotas([cap], now=NOW)
    second = db.take_quotas([cap], now=NOW + timedelta(minutes=10))
    third = db.take_quotas([cap], now=NOW + timedelta(minutes=20))
    after = db.take_quotas([cap], now=NOW + timedelta(hours=1))

    assert (first, second) == ([], [])
    assert [(s.quota, s.retry_after) for s in third] == [(cap, timedelta(minutes=40))]
    assert after == []  # a new window from here


def test_quotas_are_taken_all_or_none(db: Database) -> None:
    roomy = Quota("a-roomy", limit=5, period=timedelta(hours=1))
    tight = Quota("b-tight", limit=1, period=timedelta(minutes=1))
    db.take_quotas([tight], now=NOW)

    refused = db.take_quotas([roomy, tight], now=NOW)
    db.give_back(["b-tight"])
    allowed = [db.take_quotas([roomy], now=NOW) for _ in range(5)]

    assert [s.quota.key for s in refused] == ["b-tight"]
    # The refused take counted nothing against the roomy quota: all five uses are left.
    assert allowed == [[], [], [], [], []]
    assert db.take_quotas([roomy], now=NOW) != []


def test_fifty_simultaneous_takes_of_a_quota_of_one_let_exactly_one_through(db: Database) -> None:
    cooldown = Quota("cooldown", limit=1, period=timedelta(seconds=60))

    results = at_once(50, lambda _: db.take_quotas([cooldown], now=NOW))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(r == [] for r in results) == 1


def test_giving_back_a_use_frees_it(db: Database) -> None:
    cooldown = Quota("cooldown", limit=1, period=timedelta(seconds=60))
    db.take_quotas([cooldown], now=NOW)

    db.give_back(["cooldown", "never-taken"])

    assert db.take_quotas([cooldown], now=NOW) == []


# Retention


def test_purge_deletes_old_challenges_masks_answered_orders_and_drops_ended_counters(
    db: Database, db_url: str
) -> None:
    device = enrol(db)
    db.add_challenge(challenge("old", device, created_at=NOW - timedelta(days=2)))
    db.add_challenge(challenge("new", device, created_at=NOW))
    place(db, device, "answered", {"service": "5G", "phone": "13812345678"})
    db.update_order("answered", status="accepted", reference="R1", now=NOW - timedelta(days=31))
    place(db, device, "recent", {"service": "5G", "phone": "13912345678"})
    db.update_order("recent", status="rejected", reason="no", now=NOW - timedelta(days=29))
    place(db, device, "waiting", {"service": "5G", "phone": "13712345678"})
    db.take_quotas([Quota("ended", 1, timedelta(minutes=1))], now=NOW - timedelta(hours=1))
    db.take_quotas([Quota("running", 1, timedelta(hours=1))], now=NOW)

    purged = db.purge(
        challenges_before=NOW - timedelta(days=1), numbers_answered_before=NOW - timedelta(days=30), now=NOW
    )

    assert (purged.challenges, purged.order_numbers, purged.quotas) == (1, 1, 1)
    assert db.get_challenge("old") is None and db.get_challenge("new") is not None
    phones = {o: db.get_order(o).body["phone"] for o in ("answered", "recent", "waiting")}  # type: ignore[union-attr]
    assert phones == {"answered": "138****5678", "recent": "13912345678", "waiting": "13712345678"}
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        keys = set(conn.execute(sa.select(schema.quotas.c.key)).scalars())
        text = " ".join(str(r) for r in conn.execute(sa.select(schema.orders)).all())
    engine.dispose()
    assert keys == {"running"}
    assert "13812345678" not in text  # not in the body, nor recoverable from a hash of it


def test_a_retry_of_an_order_whose_number_was_masked_is_still_the_same_order(db: Database) -> None:
    device = enrol(db)
    body = {"service": "5G", "phone": "13812345678"}
    place(db, device, "o1", body)
    db.update_order("o1", status="accepted", reference="R1", now=NOW)
    db.purge(challenges_before=NOW, numbers_answered_before=NOW + timedelta(seconds=1), now=NOW)

    again, created = place(db, device, "o1", body, confirmation="spent")

    assert not created and again.body["phone"] == "138****5678"
    with pytest.raises(OrderConflictError):
        place(db, device, "o1", {**body, "service": "4G"}, confirmation="spent")


def test_purging_twice_masks_nothing_more(db: Database) -> None:
    device = enrol(db)
    place(db, device, "o1", {"service": "5G", "phone": "13812345678"})
    db.update_order("o1", status="accepted", now=NOW - timedelta(days=40))
    cutoff = NOW - timedelta(days=30)

    first = db.purge(challenges_before=cutoff, numbers_answered_before=cutoff, now=NOW)
    second = db.purge(challenges_before=cutoff, numbers_answered_before=cutoff, now=NOW)

    assert (first.order_numbers, second.order_numbers) == (1, 0)


# Migrations, URLs, durability


def test_migrating_a_blank_database_twice_builds_the_schema_once(blank_url: str) -> None:
    db = Database(blank_url)
    db.migrate()
    db.migrate()
    db.close()

    engine = sa.create_engine(blank_url)
    with engine.connect() as conn:
        versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert versions == ["0006_staff_credit"]
    assert tables == set(schema.metadata.tables) | {"alembic_version"}


def _device_d(conn: sa.Connection) -> None:
    """Device "d" of store "S", written as an older revision's tables take it."""
    conn.execute(sa.text("INSERT INTO enrolments VALUES ('c', 'S', 'C', 'P', :t, :t, :t)"), {"t": NOW})
    conn.execute(sa.text("INSERT INTO devices VALUES ('d', 'h', 'c', 'S', 'C', 'P', :t, NULL)"), {"t": NOW})


def test_a_database_of_the_first_revision_is_upgraded_keeping_its_heartbeats(blank_url: str) -> None:
    engine = sa.create_engine(blank_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        _device_d(conn)
        for table in ("heartbeats", "latest_heartbeats"):
            conn.execute(sa.text(f"INSERT INTO {table} VALUES ('d', :t, '{{}}')"), {"t": NOW})
    engine.dispose()

    db = Database(blank_url)
    db.migrate()
    try:
        [latest] = latest_heartbeats(db)
        history = heartbeat_history(db, "d")
    finally:
        db.close()

    assert latest.received_at == latest.at == NOW
    assert [h.received_at for h in history] == [NOW]


def test_orders_of_the_second_revision_are_upgraded_as_code_orders_and_new_statuses_are_taken(
    blank_url: str,
) -> None:
    engine = sa.create_engine(blank_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
        _device_d(conn)
        conn.execute(
            sa.text(
                "INSERT INTO orders (id, device_id, store, body, body_hash, status, created_at, updated_at, "
                "attempts) VALUES ('o1', 'd', 'S', '{}', 'h', 'accepted', :t, :t, 0)"
            ),
            {"t": NOW},
        )
    engine.dispose()

    db = Database(blank_url)
    db.migrate()
    try:
        old = db.get_order("o1")
        db.update_order("o1", status="declined", reason="N", now=NOW)
        with pytest.raises(sa.exc.IntegrityError), db._engine.begin() as conn:
            conn.execute(sa.update(schema.orders).values(status="lost"))
    finally:
        db.close()

    assert old is not None and (old.status, old.second_step, old.test, old.staff) == (
        "accepted",
        "code",
        False,
        None,
    )


def test_the_migrated_schema_matches_the_metadata(blank_url: str) -> None:
    db = Database(blank_url)
    db.migrate()
    db.close()

    engine = sa.create_engine(blank_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    engine.dispose()
    assert differences == []


def test_an_order_from_an_unknown_device_is_refused_by_the_database(db: Database) -> None:
    ghost = Device("dev-ghost", "GD-SZ-0001", "Shenzhen", "Guangdong", enrolled_at=NOW, revoked_at=None)

    with pytest.raises(sa.exc.IntegrityError):
        place(db, ghost, "o1", {"service": "5G"}, confirmation=confirmed(db, enrol(db)))


def test_a_url_of_another_database_is_refused_with_the_supported_ones() -> None:
    with pytest.raises(DatabaseError, match="SQLite"):
        Database("mysql://hq@db/hq")


def test_a_sqlite_database_keeps_its_data_after_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hq' / 'hq.sqlite3'}"
    db = Database(url)
    db.migrate()
    device = enrol(db)
    db.add_events(device, [event("e1")], received_at=NOW)
    order, _ = place(db, device, "o1", {"service": "5G"}, now=NOW)
    db.close()

    again = Database(url)
    again.migrate()
    try:
        assert again.devices() == [device]
        assert count_events(again) == 1
        assert again.get_order("o1") == order
    finally:
        again.close()


def test_a_sqlite_database_and_its_wal_are_readable_by_hqs_user_only(tmp_path: Path) -> None:
    path = tmp_path / "made" / "hq.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        db.migrate()
        enrol(db)
        modes = {p.name: p.stat().st_mode & 0o777 for p in path.parent.iterdir()}
    finally:
        db.close()

    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert modes == {"hq.sqlite3": 0o600, "hq.sqlite3-wal": 0o600, "hq.sqlite3-shm": 0o600}


def test_a_database_an_older_hq_left_readable_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "hq.sqlite3"
    path.touch(mode=0o644)
    path.chmod(0o644)

    Database(f"sqlite:///{path}").close()

    assert path.stat().st_mode & 0o777 == 0o600


def test_sqlite_connections_use_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    try:
        with db._engine.connect() as conn:
            pragmas = [
                conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in ("journal_mode", "synchronous", "foreign_keys")
            ]
    finally:
        db.close()

    assert pragmas == ["wal", 2, 1]  # synchronous 2 is FULL


def test_missing_postgresql_binaries_are_reported_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pgtemp, "find_bindir", lambda: None)

    cluster = pgtemp.temp_cluster()

    with pytest.raises(pgtemp.PgUnavailableError, match="install Debian's `postgresql` package"):
        cluster.__enter__()


@given(
    times=st.lists(
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()),
        max_size=20,
    )
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_event_times_made_a_batch_at_a_time_are_what_the_column_type_makes(
    db: Database, times: list[datetime]
) -> None:
    convert = schema.events.c.at.type.dialect_impl(db._engine.dialect).bind_processor(db._engine.dialect)

    made = db.event_times(times)

    assert made == [convert(t) if convert else t for t in times]


def test_an_entry_credited_to_no_one_goes_back_to_the_number_it_claimed_when_migrated_down(
    blank_url: str,
) -> None:
    db = Database(blank_url)
    db.migrate()
    device = enrol(db)
    body = {"staff": "S-7777", "phone": "13812345678"}
    for lead_id, credited in (("l1", None), ("l2", "S-0042")):
        db.take_lead(
            device, lead_id, body, staff=credited, service="svc", call_day="2026-11-24",
            call_part="morning", created_at=NOW, now=NOW,
        )  # fmt: skip
    db.close()

    engine = sa.create_engine(blank_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005_staff")
        held = dict(conn.execute(sa.text("SELECT id, staff FROM leads ORDER BY id")).all())
        command.upgrade(alembic_config(conn), "head")
    engine.dispose()

    assert held == {"l1": "S-7777", "l2": "S-0042"}
