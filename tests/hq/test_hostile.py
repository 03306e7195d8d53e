"""HQ under hostile input, over real HTTP on loopback, on SQLite and PostgreSQL: bounded
refusals, no server errors, believable times, orders and confirmations that cannot be
lost or doubled, codes that cannot be pumped, and an audit trail. Each test pins one
finding of the review in issue 9, and each failed on the code before it; section 9 holds
the routes issue 13 added to the same bar."""

from __future__ import annotations

import functools
import gzip
import json
import logging
import socket
import time
import tracemalloc
import uuid
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from kiosk.hq import schema
from kiosk.hq.api import _inflate
from kiosk.hq.config import CodeLimits, EnrolmentLimits, HqConfig, HttpLimits
from kiosk.hq.db import Database
from kiosk.hq.errors import TooLargeError
from tests.hq.apikit import INBOUND_TOKEN, Api, hq_api, sent_messages
from tests.hq.dbkit import heartbeat_history, latest_heartbeats

MAX_ANSWER = 16 * 1024


@pytest.fixture
def api(db: Database, tmp_path: Path) -> Iterator[Api]:
    with hq_api(db, tmp_path) as a:
        yield a


def event(i: int | str, **kw: Any) -> dict[str, Any]:
    return {"id": f"ev-{i}", "kind": "service_open", "at": "2026-11-23T18:00:00+08:00", "data": {}, **kw}


def raw_post(api: Api, path: str, body: bytes, token: str | None = None, **headers: str) -> requests.Response:
    sent = {"Content-Type": "application/json", **headers}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    return requests.post(api.url + path, data=body, headers=sent, timeout=60)


def stored_events(db_url: str) -> dict[str, dict[str, Any]]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events)).mappings().all()
    engine.dispose()
    return {row["id"]: dict(row) for row in rows}


def heartbeat(at: str = "2026-11-23T18:05:00+08:00", **kw: Any) -> dict[str, Any]:
    return {
        "at": at,
        "app_version": "0.1.0",
        "packs": [],
        "disk": {"free_bytes": 1, "total_bytes": 2},
        "uptime_s": 1,
        **kw,
    }


def order(confirmation: str, **kw: Any) -> dict[str, Any]:
    return {
        "id": kw.pop("id", str(uuid.uuid4())),
        "service": "svc.data10",
        "phone": "13812345678",
        "price_fen": 100,
        "placed_at": "2026-11-23T18:01:00+08:00",
        "confirmation": confirmation,
        **kw,
    }


# 1. Amplification: no refusal is bigger than a few KB, whoever sends it -----------------
NUL_BODY = b'{"events": [' + b",".join([b'"\\u0000"'] * 400_000) + b"]}"


def test_a_4_mb_body_of_nul_strings_to_enrol_is_refused_by_its_size_unread(api: Api) -> None:
    answer = raw_post(api, "/v1/enrol", NUL_BODY)

    assert answer.status_code == 413
    assert answer.json() == {"error": "the request body is larger than 4 KB", "problems": []}


def test_a_4_mb_body_of_nul_strings_without_a_credential_is_refused_before_it_is_parsed(api: Api) -> None:
    answer = raw_post(api, "/v1/events", NUL_BODY)

    assert answer.status_code == 401 and answer.json()["problems"] == []
    assert len(answer.content) < 1024


def test_a_body_with_thousands_of_faults_lists_twenty_and_counts_the_rest(api: Api) -> None:
    token = api.enrol()
    body = b'{"x": [' + b",".join([b'"\\u0000"'] * 7000) + b"]}"  # just under the 64 KB limit

    answer = raw_post(api, "/v1/heartbeat", body, token)

    assert answer.status_code == 422 and len(answer.content) <= MAX_ANSWER
    listed = answer.json()["problems"]
    assert len(listed) == 21 and listed[-1] == "… and 6980 more"
    assert listed[0] == "x[0]: text may not contain NUL (\\u0000)"


def test_a_4_mb_batch_whose_envelope_is_wrong_is_refused_on_its_envelope(api: Api) -> None:
    token = api.enrol()
    body = b'{"events": [], "x": [' + b",".join([b'"\\u0000"'] * 300_000) + b"]}"

    answer = raw_post(api, "/v1/events", body, token)

    assert answer.status_code == 422
    assert answer.json()["problems"] == ["x: unknown field"]


def test_a_thousand_bad_events_are_listed_by_position_with_twenty_reasons(api: Api) -> None:
    token = api.enrol()

    answer = api.post("/v1/events", {"events": [event(i, at="never") for i in range(1000)]}, token)

    body = answer.json()
    assert answer.status_code == 200 and len(answer.content) <= MAX_ANSWER
    assert body["refused"] == list(range(1000))
    assert len(body["problems"]) == 21 and body["problems"][-1] == "… and 980 more"


def test_keys_a_megabyte_long_are_shortened_in_the_answer(api: Api) -> None:
    token = api.enrol()
    key = "k" * 1_000_000

    answer = api.post("/v1/events", {"events": [{**event(0), key: 1}]}, token)

    assert answer.status_code == 200 and len(answer.content) <= MAX_ANSWER
    assert answer.json()["problems"] == ["events[0]." + "k" * 40 + "…: unknown field"]


# 2. No 5xx: whatever the schema does not take is a 4xx naming it --------------------------
def test_data_nested_three_hundred_deep_refuses_that_event_alone(api: Api, db_url: str) -> None:
    token = api.enrol()
    deep: Any = 1
    for _ in range(300):
        deep = {"a": deep}

    answer = api.post("/v1/events", {"events": [event(0), event(1, data=deep)]}, token)

    assert answer.status_code == 200, answer.text
    assert answer.json()["refused"] == [1]
    assert "nested deeper than 8 levels" in answer.json()["problems"][0]
    assert set(stored_events(db_url)) == {"ev-0"}


def test_a_body_nested_beyond_what_json_allows_is_a_400(api: Api) -> None:
    token = api.enrol()
    body = b'{"events": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"

    answer = raw_post(api, "/v1/events", body, token)

    assert answer.status_code == 400
    assert answer.json()["error"] == "the request body is not valid JSON: it is nested too deeply"


@pytest.mark.parametrize(
    ("path", "body", "problem"),
    [
        ("/v1/heartbeat", heartbeat(disk={"free_bytes": 2**64, "total_bytes": 2**64}), "disk.free_bytes"),
        ("/v1/heartbeat", heartbeat(disk={"free_bytes": 2, "total_bytes": 1}), "disk: free_bytes is more"),
        ("/v1/heartbeat", heartbeat(uptime_s=1e308), "uptime_s: Input should be less than or equal"),
        ("/v1/heartbeat", heartbeat(at="2026-11-23"), "at: must be a date and time as text"),
        ("/v1/orders", order("c", price_fen=2**64), "price_fen: Input should be less than or equal"),
        ("/v1/orders", order("c", placed_at=1_763_863_200), "placed_at: must be a date and time as text"),
        ("/v1/otp", {"phone": 13812345678}, "phone: Input should be a valid string"),
        ("/v1/otp/verify", {"challenge": "c", "code": "١٢٣٤٥٦"}, "code: String should match pattern"),
    ],
)
def test_numbers_and_times_the_schema_does_not_take_are_a_422_naming_them(
    api: Api, path: str, body: dict[str, Any], problem: str
) -> None:
    token = api.enrol()

    answer = api.post(path, body, token)

    assert answer.status_code == 422, answer.text
    assert answer.json()["problems"][0].startswith(problem), answer.json()


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"phone": "138", "phone": "139"}', "phone: this key appears more than once in its object"),
        (b'{"phone": NaN}', "the request body is not valid JSON: NaN is not a JSON number"),
        (b'{"phone": "\xff\xfe"}', "the request body is not UTF-8 text (byte 11 cannot be read)"),
        (b'{"phone": "\\ud800"}', "phone: text holds half of a surrogate pair, which is no character"),
        (b'{"phone": ', "the request body is not valid JSON"),
    ],
)
def test_json_parsers_disagree_on_is_refused_not_guessed(api: Api, body: bytes, error: str) -> None:
    token = api.enrol()

    answer = raw_post(api, "/v1/heartbeat", body, token)

    assert answer.status_code in (400, 422)
    said = answer.json()
    assert said["error"].startswith(error) or said["problems"][0].startswith(error), said
    assert latest_heartbeats(api.hq.db) == []


def test_an_integer_of_five_thousand_digits_refuses_its_field_or_event_not_the_body(
    api: Api, db_url: str
) -> None:
    token = api.enrol()
    huge = "1" + "0" * 5000
    beat = json.dumps(heartbeat()).replace('"free_bytes": 1', f'"free_bytes": {huge}').encode()
    batch = json.dumps({"events": [event(0), event(1, data={"n": 0})]}).replace('"n": 0', f'"n": {huge}')

    refused = raw_post(api, "/v1/heartbeat", beat, token)
    taken = raw_post(api, "/v1/events", batch.encode(), token)

    assert refused.status_code == 422
    assert refused.json()["problems"] == ["disk.free_bytes: Input should be a valid integer"]
    assert taken.json()["refused"] == [1]
    assert taken.json()["problems"] == ["events[1].data.n: integer outside the 64-bit range HQ keeps exactly"]
    assert set(stored_events(db_url)) == {"ev-0"}


def test_a_repeated_key_in_one_event_refuses_that_event_alone(api: Api, db_url: str) -> None:
    token = api.enrol()
    body = json.dumps({"events": [event(0), event(1)]}).replace('"ev-1"', '"ev-1", "id": "ev-x"').encode()

    answer = raw_post(api, "/v1/events", body, token)

    assert answer.json()["refused"] == [1]
    assert answer.json()["problems"] == ["events[1].id: this key appears more than once in its object"]
    assert set(stored_events(db_url)) == {"ev-0"}


def test_an_order_id_in_a_url_that_cannot_be_one_is_a_422_not_a_database_error(api: Api) -> None:
    # Found by test_fuzz: PostgreSQL failed the lookup of "%00" with a 500.
    token = api.enrol()

    answer = api.get("/v1/orders/order-%00-0001", token)

    assert answer.status_code == 422
    assert answer.json()["problems"][0].startswith("path.order_id: String should match pattern")


def test_unknown_routes_and_methods_answer_in_the_documented_shape(api: Api) -> None:
    missing = requests.get(api.url + "/v1/nothing", timeout=10)
    wrong = requests.put(api.url + "/v1/events", json={}, timeout=10)

    assert missing.status_code == 404 and set(missing.json()) == {"error", "problems"}
    assert wrong.status_code == 405 and set(wrong.json()) == {"error", "problems"}


# 2b. Gzipped bodies: the limit holds inflated, inflating stops there ---------------------
def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6)


@functools.cache
def gzip_bomb() -> bytes:
    """64 MB of zeros in 64 KB of gzip: 16 times the largest body HQ takes."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    return b"".join([*(squeezer.compress(zeros) for _ in range(64)), squeezer.flush()])


def test_a_gzipped_batch_is_taken_like_the_same_batch_sent_plain(api: Api, db_url: str) -> None:
    token = api.enrol()
    body = json.dumps({"events": [event(i) for i in range(300)]}).encode()

    answer = raw_post(api, "/v1/events", gzipped(body), token, **{"Content-Encoding": "gzip"})

    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == 300
    assert len(stored_events(db_url)) == 300


def test_a_gzip_bomb_is_refused_with_a_413_and_nothing_stored(api: Api, db_url: str) -> None:
    token = api.enrol()

    answer = raw_post(api, "/v1/events", gzip_bomb(), token, **{"Content-Encoding": "gzip"})

    assert answer.status_code == 413 and len(answer.content) < 1024
    assert (
        answer.json()["error"]
        == "the request body is larger than 4 MB once decompressed; send smaller batches"
    )
    assert stored_events(db_url) == {}


def test_a_gzip_bomb_is_inflated_no_further_than_the_limit() -> None:
    bomb = gzip_bomb()
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            _inflate(bomb, 4 * 1024 * 1024, "")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 3 * 4 * 1024 * 1024  # the limit's worth (and a copy), not 64 MB


def test_a_gzipped_body_without_a_credential_is_refused_before_it_is_inflated(api: Api) -> None:
    answer = raw_post(api, "/v1/events", gzip_bomb(), **{"Content-Encoding": "gzip"})

    assert answer.status_code == 401


def test_a_small_route_refuses_a_gzipped_body_that_inflates_past_its_own_limit(api: Api) -> None:
    body = json.dumps({"code": "x" * 5000}).encode()

    answer = raw_post(api, "/v1/enrol", gzipped(body), **{"Content-Encoding": "gzip"})

    assert answer.status_code == 413
    assert answer.json()["error"] == "the request body is larger than 4 KB once decompressed"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (gzipped(b'{"events": []}')[:-6], "the request body's gzip stream is cut short"),
        (
            b'{"events": []}',
            "the request body is not valid gzip (Error -3 while decompressing data: incorrect header check)",
        ),
        (
            gzipped(b'{"events": []}') + b"more",
            "the request body holds more after its gzip stream; send one gzip stream",
        ),
    ],
    ids=["truncated", "not-gzip", "trailing-bytes"],
)
def test_a_body_labelled_gzip_that_is_not_whole_gzip_is_a_400(api: Api, body: bytes, error: str) -> None:
    token = api.enrol()

    answer = raw_post(api, "/v1/events", body, token, **{"Content-Encoding": "gzip"})

    assert answer.status_code == 400 and answer.json() == {"error": error, "problems": []}


@pytest.mark.parametrize("encoding", ["br", "deflate", "gzip, br", "compress", "gzip2"])
def test_a_body_in_an_encoding_hq_does_not_read_is_a_415_unread(api: Api, encoding: str) -> None:
    token = api.enrol()

    answer = raw_post(api, "/v1/events", gzipped(b'{"events": []}'), token, **{"Content-Encoding": encoding})

    assert answer.status_code == 415 and len(answer.content) < 1024
    assert answer.headers["Accept-Encoding"] == "gzip"
    assert set(answer.json()) == {"error", "problems"}


# 3. Times HQ does not believe -------------------------------------------------------------
@pytest.mark.parametrize(
    "claimed",
    [
        "0001-01-01T00:00:00+14:00",
        "1970-01-01T00:00:00Z",
        "2026-11-21T09:59:59Z",  # over a day before the device was enrolled
        "2026-11-24T10:00:01Z",  # over a day ahead of HQ's clock
        "9999-12-31T23:59:59-14:00",
    ],
)
def test_an_event_with_an_unbelievable_time_is_kept_at_the_time_received_and_flagged(
    api: Api, db_url: str, claimed: str
) -> None:
    token = api.enrol()  # at 2026-11-23 10:00 UTC, HQ's clock in these tests

    answer = api.post("/v1/events", {"events": [event(0), event(1, at=claimed)]}, token)

    assert answer.json()["accepted"] == 2 and answer.json()["retimed"] == 1, answer.text
    rows = stored_events(db_url)
    assert rows["ev-1"]["at"] == api.clock() and rows["ev-1"]["claimed_at"] is not None
    assert (
        rows["ev-0"]["at"].isoformat() == "2026-11-23T10:00:00+00:00" and rows["ev-0"]["claimed_at"] is None
    )


def test_times_at_the_edges_of_the_window_are_believed(api: Api, db_url: str) -> None:
    token = api.enrol()
    edges = ["2026-11-22T10:00:00Z", "2026-11-24T10:00:00Z"]

    answer = api.post("/v1/events", {"events": [event(i, at=at) for i, at in enumerate(edges)]}, token)

    assert answer.json()["retimed"] == 0
    assert all(row["claimed_at"] is None for row in stored_events(db_url).values())


def test_a_heartbeat_from_a_clock_in_9999_does_not_freeze_the_devices_latest_state(api: Api) -> None:
    token = api.enrol()
    api.post("/v1/heartbeat", heartbeat(at="9999-12-31T23:59:59-14:00", app_version="broken-clock"), token)
    api.clock.advance(minutes=1)

    api.post("/v1/heartbeat", heartbeat(at="2026-11-23T18:01:00+08:00", app_version="clock-fixed"), token)

    [latest] = latest_heartbeats(api.hq.db)
    first = heartbeat_history(api.hq.db, latest.device_id)[0]
    assert latest.body["app_version"] == "clock-fixed"
    assert first.body["claimed_at"] == "9999-12-31T23:59:59-14:00"
    assert first.at == api.clock() - timedelta(minutes=1)


def test_a_heartbeat_records_the_kiosks_clock_skew(api: Api) -> None:
    token = api.enrol()

    api.post("/v1/heartbeat", heartbeat(at="2026-11-23T17:58:00+08:00"), token)

    assert latest_heartbeats(api.hq.db)[0].body["clock_skew_s"] == -120.0


def test_an_order_placed_at_an_unbelievable_time_is_refused_and_keeps_its_confirmation(api: Api) -> None:
    token = api.enrol()
    confirmation = api.confirm(token)
    body = order(confirmation, placed_at="1970-01-01T08:00:00+08:00")

    refused = api.post("/v1/orders", body, token)
    placed = api.post("/v1/orders", {**body, "placed_at": "2026-11-23T18:01:00+08:00"}, token)

    assert refused.status_code == 422
    assert refused.json()["problems"][0].startswith(
        "placed_at: 1970-01-01T08:00:00+08:00 is before this kiosk"
    )
    assert placed.status_code == 201, placed.text


# 4. Orders: the confirmation is spent with the order, or not at all -------------------------
def test_an_order_for_another_phone_keeps_the_confirmation_for_the_right_one(api: Api) -> None:
    token = api.enrol()
    confirmation = api.confirm(token, phone="13812345678")

    wrong = api.post("/v1/orders", order(confirmation, phone="13900001111"), token)
    right = api.post("/v1/orders", order(confirmation), token)

    assert wrong.status_code == 403 and "another phone" in wrong.json()["error"]
    assert right.status_code == 201, right.text


def test_twenty_copies_of_one_order_sent_at_once_all_get_the_same_order(api: Api) -> None:
    token = api.enrol()
    body = order(api.confirm(token))

    with ThreadPoolExecutor(20) as pool:
        answers = list(
            pool.map(
                lambda _: requests.post(
                    api.url + "/v1/orders",
                    json=body,
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=60,
                ),
                range(20),
            )
        )

    # One order, forwarded once: copies that came in before the operator answered say
    # "received" (202, ask again), the others what it answered.
    assert {a.status_code for a in answers} <= {201, 202}, [a.text for a in answers]
    said = [a.json() for a in answers]
    assert {(s["id"], s["created_at"]) for s in said} == {(body["id"], "2026-11-23T10:00:00Z")}
    assert len({s["reference"] for s in said if s["status"] == "accepted"}) == 1
    assert api.get(f"/v1/orders/{body['id']}", token).json()["status"] == "accepted"


def test_the_same_moment_in_another_utc_offset_is_the_same_order(api: Api) -> None:
    token = api.enrol()
    body = order(api.confirm(token), placed_at="2026-11-23T18:01:00+08:00")

    first = api.post("/v1/orders", body, token)
    again = api.post("/v1/orders", {**body, "placed_at": "2026-11-23T10:01:00Z"}, token)
    spaced = api.post("/v1/orders", {**body, "phone": "+86 138-1234-5678"}, token)

    assert first.status_code == again.status_code == spaced.status_code == 201
    assert again.json() == first.json() == spaced.json()


# 5. Confirmation codes cannot be pumped ---------------------------------------------------
@pytest.fixture
def capped_api(db: Database, tmp_path: Path) -> Iterator[Api]:
    limits = CodeLimits(
        per_device_per_hour=3,
        per_device_per_day=5,
        per_store_per_hour=4,
        per_store_per_day=6,
        per_number_per_day=3,
        per_number_per_store_per_day=2,
    )
    with hq_api(db, tmp_path, config=HqConfig(codes=limits)) as a:
        yield a


def test_fifty_requests_at_once_for_one_number_send_exactly_one_code(api: Api) -> None:
    token = api.enrol()

    with ThreadPoolExecutor(50) as pool:
        answers = list(
            pool.map(
                lambda _: requests.post(
                    api.url + "/v1/otp",
                    json={"phone": "13812345678"},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=60,
                ),
                range(50),
            )
        )

    assert sorted(a.status_code for a in answers) == [201] + [429] * 49
    assert len(sent_messages(api.sms)) == 1


def test_a_kiosk_texting_many_numbers_is_stopped_at_its_hourly_cap_with_a_reason(
    capped_api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    api = capped_api
    token = api.enrol()
    caplog.set_level(logging.WARNING, logger="kiosk.hq.audit")

    sent = [api.post("/v1/otp", {"phone": f"1381234{i:04d}"}, token) for i in range(5)]

    assert [a.status_code for a in sent] == [201, 201, 201, 429, 429]
    refused = sent[3]
    assert refused.headers["Retry-After"] == "3600"
    assert refused.json()["error"].startswith("this kiosk has sent 3 codes within an hour, the most allowed")
    assert len(sent_messages(api.sms)) == 3
    alerts = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ALERT")]
    assert len(alerts) == 1, alerts  # once per cap and window, not per refused request
    assert "cap=device-hour" in alerts[0] and "1381234" not in alerts[0]


def test_a_stores_kiosks_together_are_capped_per_store(capped_api: Api) -> None:
    api = capped_api
    kiosks = [api.enrol("GD-SZ-0001"), api.enrol("GD-SZ-0001")]

    answers = [api.post("/v1/otp", {"phone": f"1391234{i:04d}"}, kiosks[i % 2]) for i in range(5)]
    elsewhere = api.post("/v1/otp", {"phone": "13912349999"}, api.enrol("GD-GZ-0002"))

    assert [a.status_code for a in answers] == [201, 201, 201, 201, 429]
    assert "this store's kiosks have sent 4 codes within an hour" in answers[4].json()["error"]
    assert elsewhere.status_code == 201


def test_one_number_is_capped_per_day_everywhere_and_per_store(capped_api: Api) -> None:
    api = capped_api
    sz, gz, fs = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002"), api.enrol("GD-FS-0003")
    answers = []
    for token in (sz, sz, sz, gz, fs):
        answers.append(api.post("/v1/otp", {"phone": "13700001111"}, token))
        api.clock.advance(seconds=61)

    assert [a.status_code for a in answers] == [201, 201, 429, 201, 429]
    assert "this store has sent 137****1111 2 codes in a day" in answers[2].json()["error"]
    assert "137****1111 has been sent 3 codes in a day" in answers[4].json()["error"]


def test_the_cooldown_is_per_store_so_no_store_can_block_a_number_everywhere(api: Api) -> None:
    sz, gz = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002")

    first = api.post("/v1/otp", {"phone": "13812345678"}, sz)
    same_store = api.post("/v1/otp", {"phone": "13812345678"}, sz)
    other_store = api.post("/v1/otp", {"phone": "13812345678"}, gz)

    assert (first.status_code, same_store.status_code, other_store.status_code) == (201, 429, 201)


def test_a_code_the_gateway_could_not_send_is_not_counted(db: Database, tmp_path: Path) -> None:
    with hq_api(db, tmp_path) as api:
        token = api.enrol()
        api.sms.path.mkdir()  # the outbox cannot be written: the gateway fails

        failed = api.post("/v1/otp", {"phone": "13812345678"}, token)
        api.sms.path.rmdir()
        retried = api.post("/v1/otp", {"phone": "13812345678"}, token)

    assert failed.status_code == 503
    assert retried.status_code == 201  # no cooldown was started by the failed send


# 6. Customers' numbers at rest --------------------------------------------------------------
def test_the_sms_outbox_is_readable_by_hqs_user_only(api: Api) -> None:
    token = api.enrol()

    api.post("/v1/otp", {"phone": "13812345678"}, token)

    assert api.sms.path.stat().st_mode & 0o777 == 0o600
    assert api.sms.path.parent.stat().st_mode & 0o777 == 0o700


# 7. The audit trail -----------------------------------------------------------------------
def test_refused_enrolments_credentials_and_codes_leave_audit_lines_without_secrets(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.hq.audit")
    token = api.enrol()
    api.post("/v1/enrol", {"code": "AAAA-BBBB-CCCC"})
    api.post("/v1/events", {"events": []}, "dev-forged.secret-part")
    challenge = api.post("/v1/otp", {"phone": "13812345678"}, token).json()["challenge"]
    right = api.last_code()
    wrong = "000000" if right != "000000" else "111111"
    api.post("/v1/otp/verify", {"challenge": challenge, "code": wrong}, token)

    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.hq.audit"]

    assert any(
        line.startswith("AUDIT enrolment code refused: reason=unknown from 127.0.0.1") for line in lines
    )
    assert any("AUDIT unknown credential: claims=dev-forged from 127.0.0.1" in line for line in lines)
    device = token.split(".")[0]
    assert any(
        line.startswith(f"AUDIT wrong confirmation code: device={device} store=GD-SZ-0001")
        and "attempt=1/5" in line
        for line in lines
    )
    text = "\n".join(lines)
    for secret in ("13812345678", wrong, right, "secret-part", "AAAABBBBCCCC", token.split(".")[1]):
        assert secret not in text


def test_enrolment_attempts_are_capped_per_source_address(db: Database, tmp_path: Path) -> None:
    config = HqConfig(enrolment=EnrolmentLimits(attempts_per_address_per_hour=3))
    with hq_api(db, tmp_path, config=config) as api:
        good = api.code()
        guesses = [
            requests.post(
                api.url + "/v1/enrol",
                json={"code": f"AAAA-BBBB-CCC{i}"},
                headers={"X-Forwarded-For": "203.0.113.9"},
                timeout=10,
            )
            for i in range(4)
        ]
        from_elsewhere = requests.post(
            api.url + "/v1/enrol",
            json={"code": good},
            headers={"X-Forwarded-For": "198.51.100.7"},
            timeout=10,
        )

    assert [g.status_code for g in guesses] == [404, 404, 404, 429]
    assert guesses[3].json()["error"].startswith("too many enrolment attempts from this address")
    assert int(guesses[3].headers["Retry-After"]) > 3000
    assert from_elsewhere.status_code == 201


def test_successful_enrolments_do_not_count_against_the_address(db: Database, tmp_path: Path) -> None:
    config = HqConfig(enrolment=EnrolmentLimits(attempts_per_address_per_hour=2))
    with hq_api(db, tmp_path, config=config) as api:
        answers = [api.post("/v1/enrol", {"code": api.code()}) for _ in range(5)]

    assert [a.status_code for a in answers] == [201] * 5


# 8. Smaller ones --------------------------------------------------------------------------
def test_an_event_id_another_kiosk_already_sent_is_refused_by_name_not_called_a_duplicate(
    api: Api,
) -> None:
    mine, theirs = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002")
    api.post("/v1/events", {"events": [event("shared")]}, theirs)

    answer = api.post("/v1/events", {"events": [event("mine"), event("shared")]}, mine).json()

    assert (answer["accepted"], answer["duplicates"], answer["refused"]) == (1, 0, [1])
    assert answer["problems"] == [
        "events[1]: id: already used by another kiosk's event; this event was not stored (give it a new id)"
    ]


@pytest.fixture
def quick_api(db: Database, tmp_path: Path) -> Iterator[Api]:
    limits = HttpLimits(headers_timeout_s=0.5, body_timeout_s=0.5, max_header_bytes=8 * 1024)
    with hq_api(db, tmp_path, config=HqConfig(http=limits)) as a:
        yield a


def _raw(api: Api, request: bytes, wait_s: float = 10.0) -> tuple[bytes, float]:
    """Send `request` as it is and read until HQ closes; what it said and how long it took."""
    host, port = api.url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=wait_s) as sock:
        sock.sendall(request)
        said = b""
        while chunk := sock.recv(65536):
            said += chunk
    return said, time.monotonic() - started


def test_a_body_that_stops_arriving_is_timed_out_with_a_408(quick_api: Api) -> None:
    token = quick_api.enrol()
    request = (
        f"POST /v1/events HTTP/1.1\r\nHost: hq\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    ).encode()

    said, took = _raw(quick_api, request)

    assert said.startswith(b"HTTP/1.1 408 ")
    assert b"the request's body did not arrive in time" in said
    assert took < 5


def test_headers_that_stop_arriving_are_timed_out(quick_api: Api) -> None:
    said, took = _raw(quick_api, b"POST /v1/events HTTP/1.1\r\nHost: hq\r\n")

    assert said.startswith(b"HTTP/1.1 408 ") and took < 5


def test_a_connection_that_sends_nothing_is_closed(quick_api: Api) -> None:
    said, took = _raw(quick_api, b"")

    assert said.startswith(b"HTTP/1.1 408 ") and took < 5


def test_headers_over_the_limit_are_refused_with_a_431(quick_api: Api) -> None:
    request = b"GET /v1/orders/x HTTP/1.1\r\nHost: hq\r\nX-Pad: " + b"a" * 20_000 + b"\r\n\r\n"

    said, _ = _raw(quick_api, request)

    assert said.startswith(b"HTTP/1.1 431 ")
    assert b'"error":"the request\'s headers exceed 8 KB"' in said


def test_idle_time_between_requests_on_a_kept_connection_is_not_a_slow_request(quick_api: Api) -> None:
    token = quick_api.enrol()
    with requests.Session() as http:
        answers = []
        for _ in range(3):
            answers.append(
                http.post(
                    quick_api.url + "/v1/events",
                    json={"events": []},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=10,
                )
            )
            time.sleep(0.8)  # idle past the 0.5 s limits, but between requests (keep-alive's 5 s)

    assert [a.status_code for a in answers] == [200, 200, 200]


# 9. Subscribing (issue 13): the SMS gateway's route and the public status page -------------
def test_an_inbound_message_over_4_kb_is_refused_by_its_size_unread(api: Api) -> None:
    answer = raw_post(api, "/v1/sms/inbound", NUL_BODY, INBOUND_TOKEN)

    assert answer.status_code == 413
    assert answer.json() == {"error": "the request body is larger than 4 KB", "problems": []}


def test_an_inbound_message_without_the_gateways_token_is_refused_before_it_is_parsed(api: Api) -> None:
    body = b'{"id": "m", "from": "13812345678", "text": "\\u0000", "text": "Y"}'

    anonymous = raw_post(api, "/v1/sms/inbound", body)
    device = raw_post(api, "/v1/sms/inbound", body, api.enrol())

    assert anonymous.status_code == device.status_code == 401
    assert anonymous.json()["problems"] == device.json()["problems"] == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"id": "m", "from": "13812345678", "text": "Y\\u0000"}', "text: text may not contain NUL"),
        (b'{"id": "m", "from": "13812345678", "text": "N", "text": "Y"}', "text: this key appears more"),
        (b'{"id": "m 1", "from": "13812345678", "text": "Y"}', "id: String should match pattern"),
        (b'{"id": "m", "from": "13812345678", "text": "Y", "to": "x"}', "to: unknown field"),
        (b'{"id": "m", "text": "Y"}', "from: Field required"),
        (b'{"id": "m", "from": 13812345678, "text": "Y"}', "from: Input should be a valid string"),
        (b'{"id": "m", "from": "1", "text": "Y", "received_at": 1763863200}', "received_at: must be a date"),
    ],
)
def test_an_inbound_message_hq_cannot_read_is_refused_naming_the_field(
    api: Api, body: bytes, problem: str
) -> None:
    answer = raw_post(api, "/v1/sms/inbound", body, INBOUND_TOKEN)

    assert answer.status_code == 422, answer.text
    assert answer.json()["problems"][0].startswith(problem), answer.json()


def test_a_status_token_at_the_header_limit_is_a_404_page_not_a_fault(api: Api) -> None:
    answer = requests.get(f"{api.url}/o/{'a' * 30_000}", timeout=30)

    assert answer.status_code == 404 and len(answer.content) < 8 * 1024


def test_a_malformed_status_token_is_refused_without_a_lookup(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []
    real = api.hq.db.order_by_status_token
    monkeypatch.setattr(api.hq.db, "order_by_status_token", lambda h: lookups.append(h) or real(h))

    for token in ("a" * 31, "a" * 65, "a" * 40 + "!", "%F0%9F%8D%9C" * 20):
        assert requests.get(f"{api.url}/o/{token}", timeout=30).status_code == 404
    assert requests.get(f"{api.url}/o/{'a' * 40}", timeout=30).status_code == 404

    assert len(lookups) == 1


def test_a_status_page_does_not_answer_other_methods_or_paths(api: Api) -> None:
    token = "a" * 40

    assert requests.post(f"{api.url}/o/{token}", json={}, timeout=10).status_code == 405
    assert requests.get(f"{api.url}/o/{token}/more", timeout=10).status_code == 404
    assert requests.get(f"{api.url}/o/", timeout=10).status_code == 404
