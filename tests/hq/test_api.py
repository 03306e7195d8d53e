"""The kiosk API over real HTTP on loopback, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from kiosk.hq import schema
from kiosk.hq.api.refusals import STATUS, status_of
from kiosk.hq.db import Database
from kiosk.hq.errors import ConflictError, HqError, RefusedError
from kiosk.hq.ordering import LocalOrdering
from tests.hq.apikit import Api, hq_api, sent_messages
from tests.hq.dbkit import count_events, latest_heartbeats


@pytest.fixture
def api(db: Database, tmp_path: Path) -> Iterator[Api]:
    with hq_api(
        db, tmp_path, ordering=LocalOrdering({"svc.blocked": "this plan is not sold in your area"})
    ) as a:
        yield a


def event(i: int | str, **kw: Any) -> dict[str, Any]:
    return {
        "id": f"ev-{i}",
        "kind": "service_open",
        "at": "2026-11-23T10:00:00+08:00",
        "data": {"n": i},
        **kw,
    }


def order(confirmation: str, **kw: Any) -> dict[str, Any]:
    return {
        "id": kw.pop("id", str(uuid.uuid4())),
        "service": "svc.data10",
        "phone": "138 1234 5678",
        "price_fen": 100,
        "placed_at": "2026-11-23T10:01:00+08:00",
        "confirmation": confirmation,
        **kw,
    }


# -- enrolment ----------------------------------------------------------------------------
def test_a_code_enrols_one_device_for_its_store(api: Api) -> None:
    code = api.code("GD-SZ-0001")

    answer = api.post("/v1/enrol", {"code": code.lower().replace("-", " ")})

    assert answer.status_code == 201
    body = answer.json()
    assert (body["store"], body["city"], body["province"]) == ("GD-SZ-0001", "GD-SZ", "GD")
    assert [d.id for d in api.hq.db.devices("GD-SZ-0001")] == [body["device_id"]]


def test_a_replayed_enrolment_code_is_refused_and_enrols_nothing(api: Api) -> None:
    code = api.code()
    assert api.post("/v1/enrol", {"code": code}).status_code == 201

    again = api.post("/v1/enrol", {"code": code})

    assert again.status_code == 409
    assert "already used" in again.json()["error"]
    assert len(api.hq.db.devices()) == 1


SECRET = "k" * 43


def test_the_same_code_and_secret_asked_again_after_a_lost_answer_give_the_same_device(api: Api) -> None:
    code = api.code()
    first = api.post("/v1/enrol", {"code": code, "secret": SECRET})  # the answer "lost"

    again = api.post("/v1/enrol", {"code": code.lower(), "secret": SECRET})

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.json()["credential"] == f"{first.json()['device_id']}.{SECRET}"
    assert len(api.hq.db.devices()) == 1
    assert api.post("/v1/events", {"events": [event(1)]}, again.json()["credential"]).status_code == 200


def test_a_spent_code_with_another_secret_or_none_is_refused_as_used(api: Api) -> None:
    code = api.code()
    assert api.post("/v1/enrol", {"code": code, "secret": SECRET}).status_code == 201

    for body in ({"code": code, "secret": "x" * 43}, {"code": code}):
        answer = api.post("/v1/enrol", body)
        assert answer.status_code == 409 and "already used" in answer.json()["error"]
    assert len(api.hq.db.devices()) == 1


def test_a_revoked_device_cannot_be_fetched_again_with_its_code_and_secret(api: Api) -> None:
    code = api.code()
    device = api.post("/v1/enrol", {"code": code, "secret": SECRET}).json()["device_id"]
    api.hq.db.revoke_device(device, now=api.clock())

    assert api.post("/v1/enrol", {"code": code, "secret": SECRET}).status_code == 409


def test_a_secret_too_short_or_not_url_safe_is_refused_by_name(api: Api) -> None:
    code = api.code()
    for secret in ("short", "k" * 40 + "/+="):
        answer = api.post("/v1/enrol", {"code": code, "secret": secret})
        assert answer.status_code == 422 and any(p.startswith("secret") for p in answer.json()["problems"])
    assert api.hq.db.devices() == []


def test_copies_of_one_enrolment_sent_at_once_all_get_the_one_device(api: Api) -> None:
    code = api.code()
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(
                lambda _: requests.post(
                    api.url + "/v1/enrol", json={"code": code, "secret": SECRET}, timeout=30
                ),
                range(8),
            )
        )

    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["device_id"] for a in answers}) == 1
    assert len(api.hq.db.devices()) == 1


def test_an_unknown_or_expired_code_is_refused_with_its_reason(api: Api) -> None:
    code = api.code()
    api.clock.advance(days=8)

    assert api.post("/v1/enrol", {"code": code}).json()["error"].startswith("this enrolment code has expired")
    unknown = api.post("/v1/enrol", {"code": "AAAA-BBBB-CCCC"})
    assert unknown.status_code == 404 and "not known" in unknown.json()["error"]


def test_calls_without_a_valid_credential_are_refused(api: Api) -> None:
    assert api.post("/v1/events", {"events": [event(1)]}).status_code == 401
    wrong = api.post("/v1/events", {"events": [event(1)]}, token="dev-x.nope")
    assert wrong.status_code == 401 and "enrol the kiosk again" in wrong.json()["error"]
    assert count_events(api.hq.db) == 0


def test_a_revoked_device_is_shut_out_at_once(api: Api) -> None:
    token = api.enrol()
    device_id = token.split(".")[0]
    assert api.post("/v1/events", {"events": [event(1)]}, token).status_code == 200

    api.hq.db.revoke_device(device_id, now=api.clock())
    answer = api.post("/v1/events", {"events": [event(2)]}, token)

    assert answer.status_code == 403 and "revoked" in answer.json()["error"]
    assert count_events(api.hq.db) == 1


# -- events -------------------------------------------------------------------------------
def test_a_batch_sent_twice_is_counted_once(api: Api) -> None:
    token = api.enrol()
    batch = {"events": [event(i) for i in range(500)]}

    first = api.post("/v1/events", batch, token).json()
    again = api.post("/v1/events", batch, token).json()

    assert first == {"accepted": 500, "duplicates": 0, "retimed": 0, "refused": [], "problems": []}
    assert again == {"accepted": 0, "duplicates": 500, "retimed": 0, "refused": [], "problems": []}
    assert count_events(api.hq.db, "GD-SZ-0001") == 500


def test_events_are_filed_under_the_devices_own_store(api: Api) -> None:
    sz, gz = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002")

    api.post("/v1/events", {"events": [event("a"), event("b")]}, sz)
    api.post("/v1/events", {"events": [event("c")]}, gz)

    assert count_events(api.hq.db, "GD-SZ-0001") == 2
    assert count_events(api.hq.db, "GD-GZ-0002") == 1


def test_a_device_cannot_name_another_store_in_its_events(api: Api) -> None:
    token = api.enrol("GD-SZ-0001")

    answer = api.post("/v1/events", {"events": [event(1)], "store": "GD-GZ-0002"}, token)

    assert answer.status_code == 422
    assert "store: unknown field" in answer.json()["problems"]
    assert count_events(api.hq.db) == 0


def test_an_oversized_batch_is_refused_whole(api: Api) -> None:
    token = api.enrol()

    answer = api.post("/v1/events", {"events": [event(i) for i in range(1001)]}, token)

    assert answer.status_code == 413
    assert "at most 1000 events; this one has 1001" in answer.json()["error"]
    assert count_events(api.hq.db) == 0


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(api: Api) -> None:
    token = api.enrol()

    answer = api.http.post(
        api.url + "/v1/events",
        data=b"x" * (5 * 1024 * 1024),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )

    assert answer.status_code == 413 and "larger than 4 MB" in answer.json()["error"]


TIME_TEXT = "must be a date and time as text with its UTC offset"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (event(1, at="yesterday"), f"events[1].at: {TIME_TEXT}"),
        (event(1, at="2026-11-23T10:00:00"), "events[1].at: Input should have timezone info"),
        (event(1, at="2026-11-23"), f"events[1].at: {TIME_TEXT}"),
        (event(1, at=1_763_863_200), f"events[1].at: {TIME_TEXT}"),
        (event(1, at="1763863200"), f"events[1].at: {TIME_TEXT}"),
        (event(1, colour="red"), "events[1].colour: unknown field"),
        (event(1, kind=""), "events[1].kind: String should have at least 1 character"),
        (event(1, id="ev 1"), "events[1].id: String should match pattern"),
        ("not an event", "events[1]: Input should be a valid dictionary"),
        # PostgreSQL cannot store NUL; it is refused on SQLite too, so both behave alike.
        (event(1, data={"q": "a\x00"}), "events[1].data.q: text may not contain NUL"),
        (event(1, session="s\x00"), "events[1].session: text may not contain NUL"),
        (event(1, data={"k\x00": 1}), "events[1].data.k\\x00: key: text may not contain NUL"),
        (event(1, data={"n": 2**64}), "events[1].data.n: integer outside the 64-bit range"),
        (event(1, data={"n": -(2**63) - 1}), "events[1].data.n: integer outside the 64-bit range"),
        (
            event(1, data={"a": [[[[[[[[1]]]]]]]]}),
            "events[1].data.a[0][0][0][0][0][0][0]: nested deeper than 8",
        ),
    ],
)
def test_a_bad_event_is_refused_alone_by_its_place_and_the_others_are_stored(
    api: Api, bad: Any, problem: str
) -> None:
    token = api.enrol()

    answer = api.post("/v1/events", {"events": [event(0), bad, event(2)]}, token)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["accepted"], body["refused"]) == (2, [1])
    assert len(body["problems"]) == 1 and body["problems"][0].startswith(problem), body
    assert count_events(api.hq.db) == 2


def test_the_deepest_and_widest_data_allowed_is_stored_exactly(api: Api, db_url: str) -> None:
    token = api.enrol()
    deepest = {"a": [[[[[[{"n": 2**63 - 1, "m": -(2**63), "f": 1.5}]]]]]]}

    answer = api.post("/v1/events", {"events": [event(0, data=deepest)]}, token)

    assert answer.json()["accepted"] == 1, answer.text
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(schema.events.c.data)).scalar_one()
    engine.dispose()
    assert stored == deepest


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"evnts": []}, "evnts: unknown field"),
        ({}, "events: Field required"),
        ({"events": {"0": event(0)}}, "events: must be a list of events"),
        ([event(0)], "body: must be an object"),
    ],
)
def test_a_body_that_is_not_a_batch_is_refused_whole(api: Api, body: Any, problem: str) -> None:
    token = api.enrol()

    answer = api.post("/v1/events", body, token)

    assert answer.status_code == 422
    assert answer.json()["problems"][0].startswith(problem), answer.json()
    assert count_events(api.hq.db) == 0


def test_malformed_json_gets_a_400_saying_so(api: Api) -> None:
    token = api.enrol()

    answer = api.http.post(
        api.url + "/v1/events",
        data=b'{"events": [',
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )

    assert answer.status_code == 400
    assert answer.json()["error"] == "the request body is not valid JSON"


# -- heartbeat ----------------------------------------------------------------------------
def test_a_heartbeat_is_kept_as_the_devices_latest_state(api: Api) -> None:
    token = api.enrol()
    beat = {
        "at": "2026-11-23T10:05:00+08:00",
        "app_version": "0.1.0",
        "packs": [{"id": "national", "version": "2026.11.1", "scope": "national"}],
        "disk": {"free_bytes": 10_000_000_000, "total_bytes": 64_000_000_000},
        "uptime_s": 3600,
        "errors": [{"at": "2026-11-23T09:00:00+08:00", "message": "video a.mp4 cannot be decoded"}],
        "voice": "noVoice:zh-CN",
    }

    answer = api.post("/v1/heartbeat", beat, token)

    assert answer.status_code == 200
    assert datetime.fromisoformat(answer.json()["server_time"]) == api.clock()
    [latest] = latest_heartbeats(api.hq.db)
    assert latest.body["packs"][0]["version"] == "2026.11.1"
    assert latest.body["errors"][0]["message"] == "video a.mp4 cannot be decoded"
    assert latest.body["voice"] == "noVoice:zh-CN"


def test_a_heartbeat_with_nul_in_its_text_is_refused_and_not_kept(api: Api) -> None:
    token = api.enrol()
    beat = {
        "at": "2026-11-23T10:05:00+08:00",
        "app_version": "0.1.0",
        "packs": [],
        "disk": {"free_bytes": 1, "total_bytes": 2},
        "uptime_s": 1,
        "errors": [{"at": "2026-11-23T09:00:00+08:00", "message": "bad \x00 byte"}],
    }

    answer = api.post("/v1/heartbeat", beat, token)

    assert answer.status_code == 422
    assert answer.json()["problems"] == ["errors[0].message: text may not contain NUL (\\u0000)"]
    assert latest_heartbeats(api.hq.db) == []


# -- confirmation codes -------------------------------------------------------------------
def test_a_code_is_texted_and_verifies_once(api: Api) -> None:
    token = api.enrol()

    sent = api.post("/v1/otp", {"phone": "+86 138-1234-5678"}, token)
    message = sent_messages(api.sms)[-1]
    verdict = api.post(
        "/v1/otp/verify", {"challenge": sent.json()["challenge"], "code": api.last_code()}, token
    )
    again = api.post(
        "/v1/otp/verify", {"challenge": sent.json()["challenge"], "code": api.last_code()}, token
    )

    assert sent.status_code == 201 and message["to"] == "13812345678"
    assert verdict.json()["verified"] is True and verdict.json()["confirmation"]
    assert again.status_code == 409


def test_a_wrong_code_says_how_many_tries_are_left_and_the_last_try_spends_it(api: Api) -> None:
    token = api.enrol()
    challenge = api.post("/v1/otp", {"phone": "13812345678"}, token).json()["challenge"]
    right = api.last_code()
    wrong = "000000" if right != "000000" else "111111"

    tries = [
        api.post("/v1/otp/verify", {"challenge": challenge, "code": wrong}, token).json() for _ in range(5)
    ]
    after = api.post("/v1/otp/verify", {"challenge": challenge, "code": right}, token)

    assert [t["attempts_left"] for t in tries] == [4, 3, 2, 1, 0]
    assert not any(t["verified"] for t in tries)
    assert after.status_code == 429 and "too many wrong codes" in after.json()["error"]


def test_an_expired_code_does_not_verify(api: Api) -> None:
    token = api.enrol()
    challenge = api.post("/v1/otp", {"phone": "13812345678"}, token).json()["challenge"]
    api.clock.advance(minutes=5)

    answer = api.post("/v1/otp/verify", {"challenge": challenge, "code": api.last_code()}, token)

    assert answer.status_code == 410 and "expired" in answer.json()["error"]


def test_a_new_code_for_the_same_number_waits_for_the_cooldown(api: Api) -> None:
    token = api.enrol()
    api.post("/v1/otp", {"phone": "13812345678"}, token)
    api.clock.advance(seconds=20)

    early = api.post("/v1/otp", {"phone": "13812345678"}, token)
    api.clock.advance(seconds=40)
    later = api.post("/v1/otp", {"phone": "13812345678"}, token)

    assert early.status_code == 429 and early.headers["Retry-After"] == "40"
    assert "138****5678" in early.json()["error"]
    assert later.status_code == 201
    assert len(sent_messages(api.sms)) == 2


def test_a_code_for_a_number_that_is_not_a_mobile_is_refused(api: Api) -> None:
    token = api.enrol()

    answer = api.post("/v1/otp", {"phone": "010 1234 5678"}, token)

    assert answer.status_code == 400 and "start with 13 to 19" in answer.json()["error"]
    assert sent_messages(api.sms) == []


def test_another_kiosk_cannot_verify_a_code_it_did_not_ask_for(api: Api) -> None:
    mine, theirs = api.enrol(), api.enrol()
    challenge = api.post("/v1/otp", {"phone": "13812345678"}, mine).json()["challenge"]

    answer = api.post("/v1/otp/verify", {"challenge": challenge, "code": api.last_code()}, theirs)

    assert answer.status_code == 404


# -- orders -------------------------------------------------------------------------------
def test_a_confirmed_order_is_forwarded_and_its_result_returned(api: Api) -> None:
    token = api.enrol()
    body = order(api.confirm(token))

    placed = api.post("/v1/orders", body, token)
    fetched = api.get(f"/v1/orders/{body['id']}", token)

    assert placed.status_code == 201
    assert placed.json()["status"] == "accepted" and placed.json()["reference"].startswith("LOCAL-")
    assert fetched.json() == placed.json()


def test_an_order_sent_again_is_the_same_order(api: Api) -> None:
    token = api.enrol()
    body = order(api.confirm(token))

    first = api.post("/v1/orders", body, token).json()
    again = api.post("/v1/orders", body, token)

    assert again.status_code == 201 and again.json() == first
    assert api.hq.db.get_order(body["id"]) is not None


def test_an_order_id_reused_for_another_order_is_refused(api: Api) -> None:
    token = api.enrol()
    body = order(api.confirm(token))
    api.post("/v1/orders", body, token)

    answer = api.post("/v1/orders", {**body, "service": "svc.other"}, token)

    assert answer.status_code == 409
    assert api.hq.db.get_order(body["id"]).body["service"] == "svc.data10"  # type: ignore[union-attr]


def test_a_rejected_order_carries_the_reason_for_the_customer(api: Api) -> None:
    token = api.enrol()

    answer = api.post("/v1/orders", order(api.confirm(token), service="svc.blocked"), token)

    assert answer.json()["status"] == "rejected"
    assert answer.json()["reason"] == "this plan is not sold in your area"


def test_an_order_without_a_verified_confirmation_is_refused(api: Api) -> None:
    token = api.enrol()

    answer = api.post("/v1/orders", order("made-up"), token)

    assert answer.status_code == 403 and "confirm the phone again" in answer.json()["error"]
    assert api.hq.db.orders_to_forward() == []


def test_a_confirmation_works_for_one_order_and_one_phone(api: Api) -> None:
    token = api.enrol()
    confirmation = api.confirm(token, phone="13812345678")

    other_phone = api.post("/v1/orders", order(confirmation, phone="13900001111"), token)
    api.clock.advance(minutes=1)
    second_confirmation = api.confirm(token, phone="13812345678")
    first = api.post("/v1/orders", order(second_confirmation), token)
    reuse = api.post("/v1/orders", order(second_confirmation), token)

    assert other_phone.status_code == 403 and "another phone" in other_phone.json()["error"]
    assert first.status_code == 201
    assert reuse.status_code == 403


def test_a_store_cannot_read_another_stores_order(api: Api) -> None:
    sz, gz = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002")
    body = order(api.confirm(sz))
    api.post("/v1/orders", body, sz)

    assert api.get(f"/v1/orders/{body['id']}", gz).status_code == 404
    assert api.get(f"/v1/orders/{body['id']}", sz).status_code == 200


def test_the_openapi_document_lists_every_route(api: Api) -> None:
    paths = api.get("/openapi.json").json()["paths"]

    assert {
        "/v1/enrol",
        "/v1/events",
        "/v1/heartbeat",
        "/v1/orders",
        "/v1/orders/{order_id}",
        "/v1/otp",
    } <= set(paths)
    assert "/v1/otp/verify" in paths
    assert {"/v1/sms/inbound", "/o/{token}"} <= set(paths)
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    assert {"InboundSms", "Localized", "OrderRequest"} <= set(schemas)
    assert "zh-CN" in schemas["Localized"]["properties"]


def test_times_are_kept_in_utc(api: Api) -> None:
    token = api.enrol()

    placed = api.post("/v1/orders", order(api.confirm(token)), token).json()

    assert datetime.fromisoformat(placed["created_at"]).astimezone(UTC) == api.clock()


def _kinds(root: type[HqError]) -> list[type[HqError]]:
    return [kind for sub in root.__subclasses__() for kind in (sub, *_kinds(sub))]


def test_every_kind_of_refusal_has_its_own_http_status_not_just_400() -> None:
    unlisted = [kind.__name__ for kind in _kinds(RefusedError) if kind not in STATUS]

    assert unlisted == []


def test_an_error_without_a_status_of_its_own_takes_its_nearest_listed_ancestors() -> None:
    class AlreadyPaidError(ConflictError):
        pass

    assert status_of(AlreadyPaidError("x")) == STATUS[ConflictError] == 409
    assert status_of(HqError("a fault, not a refusal")) is None
