"""`POST /v1/leads` under hostile and careless input, over real HTTP on loopback, on SQLite
and PostgreSQL: every refusal a 4xx naming the field, never a 5xx, nothing stored; the
store from the credential; the same entry twice is one entry; a kiosk's clock not
believed is not followed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from kiosk.hq import schema
from kiosk.hq.db import Database
from tests.hq.apikit import Api, hq_api

MAX_ANSWER = 16 * 1024


@pytest.fixture
def api(db: Database, tmp_path: Path) -> Iterator[Api]:
    with hq_api(db, tmp_path) as a:
        yield a


def lead(**kw: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "id": str(uuid.uuid4()),
        "created_at": now.isoformat(),
        "staff": "S-1001",
        "service": "svc.ringback",
        "service_name": {"zh-CN": "彩铃", "en": "Ring-back tones"},
        "phone": "13812345678",
        "call_day": (now + timedelta(days=1)).date().isoformat(),
        "call_part": "afternoon",
        "consent": True,
        "consented_at": (now - timedelta(seconds=30)).isoformat(),
        **kw,
    }


def stored(db: Database) -> list[dict[str, Any]]:
    with db._engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(schema.leads)).mappings()]


def raw(api: Api, body: bytes, token: str | None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(api.url + "/v1/leads", data=body, headers=headers, timeout=60)


def _refusal(answer: requests.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert len(answer.content) <= MAX_ANSWER
    said = answer.json()
    assert set(said) == {"error", "problems"} and said["error"]
    return said


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"consent": False}, "consent: must be true"),
        ({"consent": 1}, "consent: Input should be a valid boolean"),
        ({"consent": "true"}, "consent: Input should be a valid boolean"),
        ({"consent": None}, "consent: Input should be a valid boolean"),
        ({"phone": "12345"}, "phone: '12345' has 5 digits"),
        ({"phone": "12812345678"}, "phone: '12812345678' is not a mobile number"),
        ({"phone": 13812345678}, "phone: Input should be a valid string"),
        ({"call_day": "2026-02-30"}, "call_day: 2026-02-30 is not a day of the calendar"),
        ({"call_day": "tomorrow"}, "call_day: String should match pattern"),
        ({"call_part": "night"}, "call_part: Input should be 'morning', 'afternoon' or 'evening'"),
        ({"created_at": 1_763_863_200}, "created_at: must be a date and time as text"),
        ({"created_at": "2026-11-23T10:00:00"}, "created_at: Input should have timezone info"),
        ({"consented_at": "9999-12-31T23:59:59-14:00x"}, "consented_at:"),
        ({"staff": ""}, "staff: String should have at least 1 character"),
        ({"staff": "员工"}, "staff: String should match pattern"),
        ({"staff": "s" * 65}, "staff: String should have at most 64 characters"),
        ({"service": "svc ringback"}, "service: String should match pattern"),
        ({"service_name": {"fr": "x"}}, "service_name.fr: unknown field"),
        ({"service_name": {"en": "a\nb"}}, "service_name.en: String should match pattern"),
        ({"id": "../../etc/passwd"}, "id: String should match pattern"),
        ({"session": "a b"}, "session: String should match pattern"),
        ({"store": "GD-SZ-9999"}, "store: unknown field"),
        ({"price_fen": 2**64}, "price_fen: unknown field"),
    ],
)
def test_a_field_that_is_not_right_is_a_422_naming_it_and_nothing_is_stored(
    api: Api, db: Database, change: dict[str, Any], problem: str
) -> None:
    token = api.enrol()

    said = _refusal(api.post("/v1/leads", lead(**change), token), 422)

    assert said["problems"][0].startswith(problem), said
    assert stored(db) == []


def test_a_missing_field_is_named(api: Api, db: Database) -> None:
    token = api.enrol()
    body = lead()
    del body["consent"], body["phone"]

    said = _refusal(api.post("/v1/leads", body, token), 422)

    assert sorted(said["problems"]) == ["consent: Field required", "phone: Field required"]
    assert stored(db) == []


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b'{"phone": "13812345678", "phone": "13900001111"}', 422, "appears more than once"),
        (b'{"staff": "a\\u0000b"}', 422, "NUL"),
        (b'{"staff": "\\ud800"}', 422, "surrogate"),
        (b'{"consent": NaN}', 400, "not valid JSON"),
        (b'{"call_day": 1' + b"0" * 30 + b"}", 422, "call_day"),
        (b"[" * 4000 + b"]" * 4000, 400, "nested too deeply"),
        (b" " * (8 * 1024 + 1), 413, "larger than 8 KB"),
        (b"\xff\xfe", 400, "UTF-8"),
        (b"", 400, "not valid JSON"),
        (b"[]", 422, "Input should be a valid dictionary"),
    ],
)
def test_bodies_built_to_break_a_json_api_are_4xx_never_5xx(
    api: Api, db: Database, body: bytes, status: int, words: str
) -> None:
    token = api.enrol()

    said = _refusal(raw(api, body, token), status)

    assert words.lower() in json.dumps(said, ensure_ascii=False).lower(), said
    assert stored(db) == []


def test_no_credential_is_refused_before_the_body_is_read(api: Api, db: Database) -> None:
    _refusal(raw(api, b"not even json", None), 401)
    _refusal(raw(api, json.dumps(lead()).encode(), "dev-x.forged"), 401)
    assert stored(db) == []


def test_the_same_entry_twice_is_one_entry_and_another_store_cannot_reuse_its_id(
    api: Api, db: Database
) -> None:
    sz, gz = api.enrol("GD-SZ-0001"), api.enrol("GD-GZ-0002")
    body = lead()

    first = api.post("/v1/leads", body, sz)
    again = api.post("/v1/leads", body, sz)
    other = api.post("/v1/leads", {**body, "call_part": "evening"}, sz)
    elsewhere = api.post("/v1/leads", body, gz)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    _refusal(other, 409)
    _refusal(elsewhere, 409)
    [held] = stored(db)
    assert held["store"] == "GD-SZ-0001" and held["call_part"] == "afternoon"


def test_a_time_from_a_clock_hq_does_not_believe_is_filed_at_hqs_time_and_kept_as_claimed(
    api: Api, db: Database
) -> None:
    token = api.enrol()

    answer = api.post("/v1/leads", lead(created_at="2062-01-01T00:00:00+08:00"), token)

    assert answer.status_code == 201, answer.text
    [held] = stored(db)
    assert held["created_at"] <= datetime.now(UTC) + timedelta(minutes=1)
    assert held["body"]["created_at"] == "2061-12-31T16:00:00+00:00"
