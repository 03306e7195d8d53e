"""HqStore on real SQLite and PostgreSQL databases: enrolment, events, heartbeats, orders,
confirmation codes, migrations and durability. Every test runs once per backend."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from itertools import count
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.hq import pgtemp, schema
from kiosk.hq.store import (
    Challenge,
    Device,
    EnrolmentError,
    EventIn,
    HqStore,
    OrderConflict,
    StoreError,
)

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CHINA = timezone(timedelta(hours=8))
_names = count()
T = TypeVar("T")


def enrol(store: HqStore, shop: str = "GD-SZ-0001", *, name: str | None = None) -> Device:
    """A new device of `shop`, enrolled with code "code-<name>" and credential "cred-<name>"."""
    name = name or str(next(_names))
    store.add_enrolment(
        f"code-{name}",
        store=shop,
        city="Shenzhen",
        province="Guangdong",
        created_at=NOW,
        expires_at=NOW + timedelta(days=1),
    )
    return store.redeem_enrolment(
        f"code-{name}", device_id=f"dev-{name}", credential_hash=f"cred-{name}", now=NOW
    )


def event(event_id: str, **data: Any) -> EventIn:
    return EventIn(id=event_id, kind="service_open", at=NOW, session="s1", data=data)


def at_once(threads: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run `work(i)` in `threads` threads released together; each result or exception."""
    start = threading.Barrier(threads)

    def run(i: int) -> T | Exception:
        start.wait()
        try:
            return work(i)
        except Exception as e:
            return e

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, range(threads)))


def challenge(
    challenge_id: str, device: Device, *, phone: str = "13800138000", created_at: datetime = NOW
) -> Challenge:
    return Challenge(
        id=challenge_id,
        phone=phone,
        device_id=device.id,
        code_hash="code-hash",
        created_at=created_at,
        expires_at=created_at + timedelta(minutes=5),
        attempts=0,
        verified_at=None,
        confirmation_hash=None,
        used_by_order=None,
    )


# Enrolment and devices


def test_an_enrolment_code_enrols_a_device_of_its_store(store: HqStore) -> None:
    store.add_enrolment(
        "h1",
        store="GD-SZ-0001",
        city="Shenzhen",
        province="Guangdong",
        created_at=NOW,
        expires_at=NOW + timedelta(hours=1),
    )

    device = store.redeem_enrolment("h1", device_id="dev-a", credential_hash="cred-a", now=NOW)

    assert device == Device("dev-a", "GD-SZ-0001", "Shenzhen", "Guangdong", enrolled_at=NOW, revoked_at=None)
    assert device.enrolled_at.tzinfo is UTC
    assert store.device_for_credential("cred-a") == device
    assert store.devices() == [device]


def test_a_replayed_enrolment_code_is_refused_as_used(store: HqStore) -> None:
    enrol(store, name="a")

    with pytest.raises(EnrolmentError) as refused:
        store.redeem_enrolment("code-a", device_id="dev-again", credential_hash="cred-again", now=NOW)

    assert refused.value.reason == "used"
    assert "already used" in str(refused.value)
    assert len(store.devices()) == 1


def test_an_expired_enrolment_code_is_refused(store: HqStore) -> None:
    store.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    with pytest.raises(EnrolmentError) as refused:
        store.redeem_enrolment("h1", device_id="d", credential_hash="c", now=NOW + timedelta(hours=1))

    assert refused.value.reason == "expired"
    assert store.devices() == []


def test_an_unknown_enrolment_code_is_refused(store: HqStore) -> None:
    with pytest.raises(EnrolmentError) as refused:
        store.redeem_enrolment("nobody-issued-this", device_id="d", credential_hash="c", now=NOW)

    assert refused.value.reason == "unknown"


def test_adding_an_enrolment_code_twice_is_refused(store: HqStore) -> None:
    store.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    with pytest.raises(StoreError):
        store.add_enrolment(
            "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
        )


def test_two_concurrent_redeems_of_one_code_enrol_exactly_one_device(store: HqStore) -> None:
    store.add_enrolment(
        "h1", store="S", city="C", province="P", created_at=NOW, expires_at=NOW + timedelta(hours=1)
    )

    results = at_once(
        2, lambda i: store.redeem_enrolment("h1", device_id=f"dev-{i}", credential_hash=f"cred-{i}", now=NOW)
    )

    assert sorted(type(r).__name__ for r in results) == ["Device", "EnrolmentError"]
    refusal = next(r for r in results if isinstance(r, EnrolmentError))
    assert refusal.reason == "used"
    assert len(store.devices()) == 1


def test_a_revoked_device_is_still_found_by_credential_with_its_revocation_time(store: HqStore) -> None:
    device = enrol(store, name="a")

    assert store.revoke_device(device.id, now=NOW + timedelta(days=2))

    found = store.device_for_credential("cred-a")
    assert found is not None and found.revoked_at == NOW + timedelta(days=2)


def test_revoking_twice_or_an_unknown_device_reports_nothing_revoked(store: HqStore) -> None:
    device = enrol(store)
    store.revoke_device(device.id, now=NOW)

    assert not store.revoke_device(device.id, now=NOW + timedelta(days=1))
    assert not store.revoke_device("no-such-device", now=NOW)
    assert store.devices()[0].revoked_at == NOW


def test_devices_are_listed_per_store(store: HqStore) -> None:
    sz, gz = enrol(store, "GD-SZ-0001"), enrol(store, "GD-GZ-0002")

    assert store.devices("GD-SZ-0001") == [sz]
    assert store.devices() == [gz, sz]


# Events


def test_an_event_repeated_within_a_batch_is_stored_once(store: HqStore) -> None:
    device = enrol(store)

    added = store.add_events(device, [event("e1"), event("e2"), event("e1")], received_at=NOW)

    assert added == 2
    assert store.count_events() == 2


def test_events_seen_in_an_earlier_batch_are_not_counted_again(store: HqStore) -> None:
    device = enrol(store)
    store.add_events(device, [event(f"e{i}") for i in range(500)], received_at=NOW)

    added = store.add_events(device, [event(f"e{i}") for i in range(490, 510)], received_at=NOW)

    assert added == 10
    assert store.count_events() == 510


def test_an_empty_batch_adds_nothing(store: HqStore) -> None:
    assert store.add_events(enrol(store), [], received_at=NOW) == 0


def test_events_are_counted_per_store(store: HqStore) -> None:
    sz, gz = enrol(store, "GD-SZ-0001"), enrol(store, "GD-GZ-0002")
    store.add_events(sz, [event("a"), event("b")], received_at=NOW)
    store.add_events(gz, [event("c")], received_at=NOW)

    assert (store.count_events("GD-SZ-0001"), store.count_events("GD-GZ-0002"), store.count_events()) == (
        2,
        1,
        3,
    )


def test_an_event_is_stored_with_its_store_data_and_times_in_utc(store: HqStore, store_url: str) -> None:
    device = enrol(store)
    local = datetime(2026, 3, 1, 17, 30, tzinfo=CHINA)
    store.add_events(
        device,
        [EventIn("e1", "search", local, None, {"query": "流量包", "hits": [1, 2]})],
        received_at=NOW,
    )

    engine = sa.create_engine(store_url)
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


def test_event_times_in_any_offset_are_kept_to_the_microsecond_and_sort_as_instants(
    store: HqStore, store_url: str
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
    store.add_events(
        enrol(store), [EventIn(name, "k", at, None, {}) for name, at in times.items()], received_at=NOW
    )

    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events.c.id, schema.events.c.at).order_by(schema.events.c.at))
        stored = [(row.id, row.at) for row in rows]
        text = conn.exec_driver_sql("SELECT at FROM events WHERE id = 'new-year-in-china'").scalar_one()
    engine.dispose()

    assert stored == sorted(times.items(), key=lambda item: item[1])
    assert all(at.utcoffset() == timedelta(0) for _, at in stored)
    if store_url.startswith("sqlite"):
        assert text == "2026-12-31 16:00:00.000001"  # SQLAlchemy's format, in UTC


def test_a_naive_time_is_refused(store: HqStore) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        store.add_events(enrol(store), [EventIn("e1", "k", datetime(2026, 3, 1), None, {})], received_at=NOW)


# Heartbeats


def test_latest_heartbeats_hold_each_devices_newest_even_when_one_arrives_late(
    store: HqStore, store_url: str
) -> None:
    a, b = enrol(store), enrol(store)
    store.add_heartbeat(a, NOW, {"n": 1})
    store.add_heartbeat(a, NOW + timedelta(minutes=2), {"n": 3})
    store.add_heartbeat(a, NOW + timedelta(minutes=1), {"n": 2})  # a retried upload, late
    store.add_heartbeat(b, NOW, {"n": 1})
    store.add_heartbeat(b, NOW, {"n": 1})  # the same heartbeat twice

    latest = store.latest_heartbeats()

    assert [(h.device_id, h.at, h.body) for h in latest] == [
        (a.id, NOW + timedelta(minutes=2), {"n": 3}),
        (b.id, NOW, {"n": 1}),
    ]
    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        history = conn.execute(sa.select(sa.func.count()).select_from(schema.heartbeats)).scalar_one()
    engine.dispose()
    assert history == 4


# Orders


def test_an_order_uploaded_again_with_the_same_body_is_the_same_order(store: HqStore) -> None:
    device = enrol(store)
    first, created = store.add_order(device, "o1", {"service": "5G", "phone": "13800138000"}, now=NOW)

    again, created_again = store.add_order(
        device, "o1", {"phone": "13800138000", "service": "5G"}, now=NOW + timedelta(minutes=1)
    )

    assert (created, created_again) == (True, False)
    assert again == first
    assert (first.status, first.attempts, first.created_at) == ("received", 0, NOW)


def test_an_order_id_reused_with_a_different_body_is_a_conflict(store: HqStore) -> None:
    device = enrol(store)
    store.add_order(device, "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(OrderConflict, match="o1"):
        store.add_order(device, "o1", {"service": "4G"}, now=NOW)

    order = store.get_order("o1")
    assert order is not None and order.body == {"service": "5G"}


def test_an_order_id_reused_by_another_store_is_a_conflict(store: HqStore) -> None:
    store.add_order(enrol(store, "GD-SZ-0001"), "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(OrderConflict, match="another store"):
        store.add_order(enrol(store, "GD-GZ-0002"), "o1", {"service": "5G"}, now=NOW)


def test_a_failed_forwarding_attempt_is_counted_and_the_order_stays_waiting(store: HqStore) -> None:
    order, _ = store.add_order(enrol(store), "o1", {"service": "5G"}, now=NOW)

    retry = store.update_order(
        order.id, status="received", reason="ordering system timed out", now=NOW + timedelta(minutes=1)
    )

    assert (retry.status, retry.attempts, retry.reason) == ("received", 1, "ordering system timed out")
    assert retry.updated_at == NOW + timedelta(minutes=1) and retry.created_at == NOW
    assert store.orders_to_forward() == [retry]


def test_an_accepted_order_keeps_its_reference_and_attempt_count(store: HqStore) -> None:
    order, _ = store.add_order(enrol(store), "o1", {"service": "5G"}, now=NOW)
    store.update_order(order.id, status="received", now=NOW)

    accepted = store.update_order(
        order.id, status="accepted", reference="BOSS-42", now=NOW + timedelta(minutes=5)
    )

    assert (accepted.status, accepted.reference, accepted.reason, accepted.attempts) == (
        "accepted",
        "BOSS-42",
        None,
        1,
    )
    assert store.get_order("o1") == accepted
    assert store.orders_to_forward() == []


def test_a_rejected_order_keeps_its_reason(store: HqStore) -> None:
    order, _ = store.add_order(enrol(store), "o1", {"service": "5G"}, now=NOW)

    store.update_order(order.id, status="rejected", reason="number not eligible", now=NOW)

    rejected = store.get_order("o1")
    assert rejected is not None and (rejected.status, rejected.reason) == ("rejected", "number not eligible")


def test_updating_an_unknown_order_or_to_an_unknown_status_is_refused(store: HqStore) -> None:
    order, _ = store.add_order(enrol(store), "o1", {"service": "5G"}, now=NOW)

    with pytest.raises(StoreError, match="no order"):
        store.update_order("o-missing", status="accepted", now=NOW)
    with pytest.raises(StoreError, match="status"):
        store.update_order(order.id, status="done", now=NOW)


def test_orders_to_forward_are_the_waiting_ones_oldest_first(store: HqStore) -> None:
    device = enrol(store)
    for i, minutes in enumerate([3, 1, 2, 0]):
        store.add_order(device, f"o{i}", {"i": i}, now=NOW + timedelta(minutes=minutes))
    store.update_order("o3", status="accepted", now=NOW)

    waiting = store.orders_to_forward(limit=2)

    assert [o.id for o in waiting] == ["o1", "o2"]
    assert [o.id for o in store.orders_to_forward()] == ["o1", "o2", "o0"]


# Confirmation codes


def test_attempts_are_counted_atomically_by_concurrent_callers(store: HqStore) -> None:
    store.add_challenge(challenge("c1", enrol(store)))

    counts = at_once(8, lambda _: [store.count_attempt("c1") for _ in range(5)])

    seen = [n for batch in counts if isinstance(batch, list) for n in batch]
    assert sorted(seen) == list(range(1, 41))  # every count handed out once, none lost
    stored = store.get_challenge("c1")
    assert stored is not None and stored.attempts == 40


def test_counting_an_attempt_at_an_unknown_challenge_is_refused(store: HqStore) -> None:
    with pytest.raises(StoreError):
        store.count_attempt("nope")


def test_the_latest_challenge_for_a_phone_is_its_newest(store: HqStore) -> None:
    device = enrol(store)
    store.add_challenge(challenge("c1", device, created_at=NOW))
    store.add_challenge(challenge("c2", device, created_at=NOW + timedelta(minutes=1)))
    store.add_challenge(challenge("c3", device, phone="13900139000", created_at=NOW + timedelta(minutes=2)))

    latest = store.latest_challenge_for("13800138000")

    assert latest == challenge("c2", device, created_at=NOW + timedelta(minutes=1))
    assert store.latest_challenge_for("13700137000") is None


def test_a_confirmation_is_used_by_one_order_only(store: HqStore) -> None:
    store.add_challenge(challenge("c1", enrol(store)))
    store.mark_verified("c1", confirmation_hash="conf-1", now=NOW)

    used = store.use_confirmation("conf-1", order_id="o1")

    assert used is not None and (used.id, used.used_by_order, used.verified_at) == ("c1", "o1", NOW)
    assert store.use_confirmation("conf-1", order_id="o2") is None
    assert store.use_confirmation("conf-unknown", order_id="o3") is None


def test_two_orders_racing_for_one_confirmation_get_it_once(store: HqStore) -> None:
    store.add_challenge(challenge("c1", enrol(store)))
    store.mark_verified("c1", confirmation_hash="conf-1", now=NOW)

    results = at_once(2, lambda i: store.use_confirmation("conf-1", order_id=f"o{i}"))

    assert sum(r is not None for r in results) == 1


def test_a_challenge_is_verified_only_once(store: HqStore) -> None:
    store.add_challenge(challenge("c1", enrol(store)))
    store.mark_verified("c1", confirmation_hash="conf-1", now=NOW)

    with pytest.raises(StoreError, match="already verified"):
        store.mark_verified("c1", confirmation_hash="conf-2", now=NOW)
    with pytest.raises(StoreError, match="no confirmation code"):
        store.mark_verified("nope", confirmation_hash="conf-3", now=NOW)
    assert store.use_confirmation("conf-2", order_id="o1") is None


# Migrations, URLs, durability


def test_migrating_a_blank_database_twice_builds_the_schema_once(blank_url: str) -> None:
    store = HqStore(blank_url)
    store.migrate()
    store.migrate()
    store.close()

    engine = sa.create_engine(blank_url)
    with engine.connect() as conn:
        versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert versions == ["0001"]
    assert tables == set(schema.metadata.tables) | {"alembic_version"}


def test_the_migrated_schema_matches_the_metadata(blank_url: str) -> None:
    store = HqStore(blank_url)
    store.migrate()
    store.close()

    engine = sa.create_engine(blank_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    engine.dispose()
    assert differences == []


def test_an_order_from_an_unknown_device_is_refused_by_the_database(store: HqStore) -> None:
    ghost = Device("dev-ghost", "GD-SZ-0001", "Shenzhen", "Guangdong", enrolled_at=NOW, revoked_at=None)

    with pytest.raises(sa.exc.IntegrityError):
        store.add_order(ghost, "o1", {"service": "5G"}, now=NOW)


def test_a_url_of_another_database_is_refused_with_the_supported_ones() -> None:
    with pytest.raises(StoreError, match="SQLite"):
        HqStore("mysql://hq@db/hq")


def test_a_sqlite_store_keeps_its_data_after_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hq' / 'hq.sqlite3'}"
    store = HqStore(url)
    store.migrate()
    device = enrol(store)
    store.add_events(device, [event("e1")], received_at=NOW)
    order, _ = store.add_order(device, "o1", {"service": "5G"}, now=NOW)
    store.close()

    again = HqStore(url)
    again.migrate()
    try:
        assert again.devices() == [device]
        assert again.count_events() == 1
        assert again.get_order("o1") == order
    finally:
        again.close()


def test_sqlite_connections_use_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    store = HqStore(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    try:
        with store._engine.connect() as conn:
            pragmas = [
                conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in ("journal_mode", "synchronous", "foreign_keys")
            ]
    finally:
        store.close()

    assert pragmas == ["wal", 2, 1]  # synchronous 2 is FULL


def test_missing_postgresql_binaries_are_reported_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pgtemp, "find_bindir", lambda: None)

    cluster = pgtemp.temp_cluster()

    with pytest.raises(pgtemp.PgUnavailableError, match="install Debian's `postgresql` package"):
        cluster.__enter__()
