"""Arbitrary JSON, and valid bodies bent out of shape, at every route of a real HQ on
loopback, on SQLite and PostgreSQL: never a 5xx, never an answer over 16 KB, every refusal
in the documented `{"error", "problems"}` shape (property-based, with hypothesis)."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.hq.db import Database
from tests.hq.apikit import INBOUND_TOKEN, Api, hq_api

MAX_ANSWER = 16 * 1024
EXAMPLES = 120

# Strings that have broken a JSON API somewhere: NUL, half a surrogate pair, times at the
# calendar's edges, a bare Unix time, huge and negative numbers as text.
NASTY_TEXT = st.sampled_from(
    [
        "\x00",
        "a\x00b",
        "\ud800",
        "\udfff",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "1970-01-01T00:00:00Z",
        "2026-11-23T10:00:00",
        "1763863200",
        "-1",
        "1e999",
        "",
        " " * 64,
        "🍜" * 40,
        "'; DROP TABLE events; --",
        "../../etc/passwd",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | NASTY_TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12) | NASTY_TEXT, inner, max_size=6)
    ),
    max_leaves=40,
)


def _valid(route: str, confirmation: str) -> Any:
    """A body the route takes, to bend."""
    event = {"id": str(uuid.uuid4()), "kind": "service_open", "at": "2026-11-23T18:00:00+08:00", "data": {}}
    return {
        "/v1/enrol": {"code": "AAAA-BBBB-CCCC", "app_version": "1", "secret": "k" * 43},
        "/v1/events": {"events": [event, {**event, "id": str(uuid.uuid4()), "data": {"n": 1, "s": "x"}}]},
        "/v1/heartbeat": {
            "at": "2026-11-23T18:05:00+08:00",
            "app_version": "0.1.0",
            "packs": [{"id": "national", "version": "1", "scope": "national"}],
            "disk": {"free_bytes": 1, "total_bytes": 2},
            "uptime_s": 1.5,
            "errors": [{"at": "2026-11-23T18:00:00+08:00", "message": "m"}],
            "outbox": {"pending": 3, "by_kind": {"service_open": 3}, "dropped": 0, "quarantined": 0},
            "orders": {"pending": 1, "oldest_pending_at": "2026-11-23T18:00:00+08:00", "waiting": 0},
            "leads": {"pending": 1, "quarantined": 0, "expired": 0},
            "last_sync": {"at": "2026-11-23T18:00:00+08:00", "ok": False, "message": "m"},
            "previous_packs": [{"id": "national", "version": "1", "scope": "national"}],
        },
        "/v1/otp": {"phone": "13812345678"},
        "/v1/otp/verify": {"challenge": str(uuid.uuid4()), "code": "123456"},
        "/v1/orders": {
            "id": str(uuid.uuid4()),
            "service": "svc.data10",
            "offer": None,
            "phone": "13812345678",
            "price_fen": 100,
            "placed_at": "2026-11-23T18:01:00+08:00",
            "confirmation": confirmation,
        },
        "/v1/orders#sms_reply": {
            "id": str(uuid.uuid4()),
            "service": "svc.data10",
            "phone": "13812345678",
            "price_fen": 100,
            "placed_at": "2026-11-23T18:01:00+08:00",
            "second_step": "sms_reply",
            "consented_at": "2026-11-23T18:00:30+08:00",
            "status_token": "t" * 43,
            "service_name": {"zh-CN": "流量包", "en": "data pack"},
            "price_text": {"zh-CN": "每月 1 元", "en": "¥1 a month"},
            "staff": "S-1",
            "marketing_opt_in": True,
        },
        "/v1/leads": {
            "id": str(uuid.uuid4()),
            "created_at": "2026-11-23T18:01:00+08:00",
            "staff": "S-1001",
            "service": "svc.ringback",
            "service_name": {"zh-CN": "彩铃", "en": "Ring-back tones"},
            "phone": "13812345678",
            "call_day": "2026-11-24",
            "call_part": "afternoon",
            "consent": True,
            "consented_at": "2026-11-23T18:00:30+08:00",
            "session": "sess-1",
        },
        "/v1/sms/inbound": {
            "id": "gw-1",
            "from": "13812345678",
            "text": "Y",
            "received_at": "2026-11-23T18:02:00+08:00",
        },
    }[route]


@st.composite
def bent(draw: st.DrawFn, valid: Any) -> Any:
    """`valid` with one place replaced by arbitrary JSON, one key added or one removed."""
    if not isinstance(valid, dict | list) or not valid or draw(st.integers(0, 4)) == 0:
        return draw(JSON)
    keys = list(valid.keys()) if isinstance(valid, dict) else list(range(len(valid)))
    key = draw(st.sampled_from(keys))
    copy = dict(valid) if isinstance(valid, dict) else list(valid)
    move = draw(st.sampled_from(["deeper", "replace", "add", "remove"]))
    if move == "deeper":
        copy[key] = draw(bent(valid[key]))  # type: ignore[index]
    elif move == "replace":
        copy[key] = draw(JSON)  # type: ignore[index]
    elif move == "add" and isinstance(copy, dict):
        copy[draw(st.text(max_size=12) | NASTY_TEXT)] = draw(JSON)
    elif isinstance(copy, dict):
        del copy[key]
    else:
        copy.pop(key)
    return copy


def encoded(body: Any, raw: bytes | None) -> bytes:
    if raw is not None:
        return raw
    # ensure_ascii: a lone surrogate goes out as the escape \ud800, as a hostile client's would.
    return json.dumps(body, ensure_ascii=True).encode()


def _check(answer: requests.Response, what: str) -> None:
    assert answer.status_code < 500, f"{what}: {answer.status_code} {answer.text[:500]}"
    assert len(answer.content) <= MAX_ANSWER, f"{what}: {len(answer.content)} bytes"
    if answer.status_code >= 400:
        said = answer.json()
        assert set(said) == {"error", "problems"}, f"{what}: {said}"
        assert isinstance(said["error"], str) and said["error"]
        assert len(said["problems"]) <= 21


@pytest.fixture
def api(db: Database, tmp_path: Path) -> Iterator[Api]:
    with hq_api(db, tmp_path) as a:
        yield a


@pytest.mark.parametrize(
    "route",
    [
        "/v1/enrol",
        "/v1/events",
        "/v1/heartbeat",
        "/v1/otp",
        "/v1/otp/verify",
        "/v1/orders",
        "/v1/orders#sms_reply",
        "/v1/leads",
        "/v1/sms/inbound",
    ],
)
def test_no_body_at_any_route_gets_a_server_error_or_a_large_answer(api: Api, route: str) -> None:
    token = api.enrol()
    confirmation = api.confirm(token)
    http = requests.Session()
    path = route.partition("#")[0]
    if path == "/v1/sms/inbound":
        token = INBOUND_TOKEN  # the gateway's, not a device's

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same examples on every run: a failure is reproducible
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        body=bent(_valid(route, confirmation)) | JSON,
        raw=st.none() | st.none() | st.binary(max_size=200),
        credential=st.sampled_from(["valid", "valid", "valid", "none", "forged"]),
    )
    def post(body: Any, raw: bytes | None, credential: str) -> None:
        headers = {"Content-Type": "application/json"}
        if credential != "none":
            headers["Authorization"] = f"Bearer {token if credential == 'valid' else 'dev-x.forged'}"
        answer = http.post(api.url + path, data=encoded(body, raw), headers=headers, timeout=60)
        _check(answer, f"POST {route} {encoded(body, raw)[:300]!r}")

    post()


def test_no_order_id_in_a_url_gets_a_server_error(api: Api) -> None:
    token = api.enrol()
    http = requests.Session()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
    @given(order_id=st.text(min_size=1, max_size=300) | NASTY_TEXT.filter(bool))
    def get(order_id: str) -> None:
        quoted = urllib.parse.quote(order_id.encode("utf-8", "surrogatepass"), safe="")
        answer = http.get(
            f"{api.url}/v1/orders/{quoted}", headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        _check(answer, f"GET /v1/orders/{quoted[:100]}")

    get()


def test_no_status_token_in_a_url_gets_a_server_error_or_a_large_page(api: Api) -> None:
    http = requests.Session()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
    @given(
        token=st.text(min_size=1, max_size=300) | NASTY_TEXT.filter(bool) | st.text("abcXYZ09_-", min_size=32)
    )
    def get(token: str) -> None:
        quoted = urllib.parse.quote(token.encode("utf-8", "surrogatepass"), safe="")
        answer = http.get(f"{api.url}/o/{quoted}", timeout=60)
        assert answer.status_code < 500, f"GET /o/{quoted[:100]}: {answer.status_code}"
        assert len(answer.content) <= MAX_ANSWER, f"GET /o/{quoted[:100]}: {len(answer.content)} bytes"

    get()


# The events route's two ways of reading a batch take and refuse the same events ------------
EVENT_IDS = st.text(alphabet="abcdef0123456789-", min_size=1, max_size=12)
FLAT_VALUE = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | NASTY_TEXT
)
# Mostly good times and kinds, so that many batches are ones the ordinary way takes.
EVENT_TIME = st.sampled_from(
    [
        "2026-11-23T18:00:00+08:00",
        "2026-11-23T18:00:00.123+08:00",
        "2026-11-23T10:00:00.123Z",
        "2026-11-23 10:00:00+00:00",
        "2026-11-23T10:00+08:00",
        "2026-11-23T10:00:00",
        "2026-11-23",
        "1763863200",
        "9999-12-31T23:59:59-14:00",
    ]
    + ["2026-11-23T18:00:00+08:00"] * 8
) | st.integers(0, 2**40)
DATA = st.dictionaries(st.text(max_size=8), FLAT_VALUE | st.lists(FLAT_VALUE, max_size=2), max_size=4)
BATCH_EVENT = st.fixed_dictionaries(
    {"id": EVENT_IDS, "kind": st.sampled_from(["service_open"] * 8 + ["Bad Kind"]), "at": EVENT_TIME},
    optional={"session": st.none() | EVENT_IDS, "data": DATA},
)


@st.composite
def batch_bytes(draw: st.DrawFn) -> bytes:
    """A batch as some client might write it: any separators, escaped or raw Unicode, and
    now and then a key written twice."""
    events = draw(st.lists(BATCH_EVENT, max_size=6))
    separators = draw(st.sampled_from([(",", ":"), (", ", ": "), (",", " : "), (",\n", ":\t")]))
    text = json.dumps({"events": events}, ensure_ascii=draw(st.booleans()), separators=separators)
    if events and draw(st.integers(0, 3)) == 0:
        text = text.replace('"kind"', '"kind": "twice", "kind"', 1)
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=400, deadline=None, derandomize=True)
@given(raw=batch_bytes())
def test_the_ordinary_and_the_careful_way_agree_on_every_batch(raw: bytes) -> None:
    from kiosk.hq.api import events as route
    from kiosk.hq.errors import RefusedError

    fast = route._ordinary(raw)
    faults: dict[int, str] = {}
    try:
        careful = route._careful(raw, faults)
    except RefusedError:
        assert fast is None
        return
    if fast is not None:
        assert faults == {}, faults
        assert [(i, e.model_dump()) for i, e in fast] == [(i, e.model_dump()) for i, e in careful]


def test_a_kiosks_batch_is_read_the_ordinary_way_and_an_unusual_one_the_careful_way() -> None:
    from kiosk.hq.api import events as route

    events = [
        {
            "id": f"0193{i:04d}",
            "kind": "service_open",
            "at": "2026-11-23T18:00:00.123+08:00",
            "session": "s-1",
            "data": {"service": "svc.5g", "query": "流量包", "step": i, "ratio": 0.5, "ok": True},
        }
        for i in range(500)
    ]
    plain = json.dumps({"events": events}, ensure_ascii=False).encode()
    escaped = json.dumps({"events": events}).encode()  # Chinese as \\u escapes
    repeated = plain.replace(b'"kind"', b'"kind": "x", "kind"', 1)
    nested = json.dumps({"events": [{**events[0], "data": {"a": {"b": 1}}}]}).encode()

    assert route._ordinary(plain) is not None and route._ordinary(escaped) is not None
    assert route._ordinary(repeated) is None and route._ordinary(nested) is None
