"""The ordering-system and SMS adapters against real HTTP endpoints on loopback, and what
HQ does with an order while the operator's system is down."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.hq.db import Database, Device, Order
from kiosk.hq.enrolment import enrol, issue_code
from kiosk.hq.ordering import (
    SIGNATURE_HEADER,
    OrderingUnavailableError,
    Outcome,
    WebhookOrdering,
)
from kiosk.hq.orders import MAX_ATTEMPTS, UNREACHABLE, OrderDesk
from kiosk.hq.sms import FileSms, HttpSms, SmsError
from tests.hq.apikit import FakeEndpoint, sent_messages
from tests.hq.dbkit import place

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ORDER = Order(
    id="order-0001",
    device_id="dev-1",
    store="GD-SZ-0001",
    body={"service": "svc.data10", "phone": "13812345678", "price_fen": 100},
    status="received",
    reason=None,
    reference=None,
    created_at=NOW,
    updated_at=NOW,
    attempts=0,
)


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    """What the operator's endpoint does: whether `signature` is right for `body`."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def test_the_webhook_sends_the_signed_order_and_reads_an_acceptance() -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((200, b'{"status": "accepted", "reference": "BSS-77"}'))

        outcome = WebhookOrdering(endpoint.url, "s3cret").submit(ORDER)

    assert outcome == Outcome("accepted", reference="BSS-77")
    headers, body = endpoint.received[0]
    assert json.loads(body)["order_id"] == "order-0001" and json.loads(body)["store"] == "GD-SZ-0001"
    assert verify_signature("s3cret", body, headers[SIGNATURE_HEADER])
    assert not verify_signature("other", body, headers[SIGNATURE_HEADER])
    assert headers["Idempotency-Key"] == "order-0001"


def test_a_rejection_keeps_the_operators_reason() -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((200, '{"status": "rejected", "reason": "该号码已欠费"}'.encode()))

        outcome = WebhookOrdering(endpoint.url, "s").submit(ORDER)

    assert outcome == Outcome("rejected", reason="该号码已欠费")


@pytest.mark.parametrize(
    ("status", "reply", "says"),
    [
        (503, b"{}", "HTTP 503"),
        (200, b"<html>", "not JSON"),
        (200, b'{"status": "maybe"}', "no usable status"),
    ],
)
def test_no_usable_answer_means_try_again_later(status: int, reply: bytes, says: str) -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((status, reply))

        with pytest.raises(OrderingUnavailableError, match=says):
            WebhookOrdering(endpoint.url, "s").submit(ORDER)


def test_an_endpoint_that_is_down_means_try_again_later() -> None:
    with FakeEndpoint() as endpoint:
        url = endpoint.url
    with pytest.raises(OrderingUnavailableError, match="did not answer"):
        WebhookOrdering(url, "s", timeout_s=2).submit(ORDER)


def test_a_4xx_from_the_endpoint_is_a_rejection_naming_the_status() -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((400, b"{}"))

        outcome = WebhookOrdering(endpoint.url, "s").submit(ORDER)

    assert outcome.status == "rejected" and "HTTP 400" in (outcome.reason or "")


def test_the_http_sms_gateway_gets_number_text_and_token() -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((202, b"{}"))

        HttpSms(endpoint.url, "tok").send("13812345678", "code 123456")

    headers, body = endpoint.received[0]
    assert json.loads(body) == {"to": "13812345678", "text": "code 123456"}
    assert headers["Authorization"] == "Bearer tok"


def test_a_refusing_sms_gateway_is_an_sms_error() -> None:
    with FakeEndpoint() as endpoint:
        endpoint.replies.append((500, b"{}"))

        with pytest.raises(SmsError, match="HTTP 500"):
            HttpSms(endpoint.url, "tok").send("13812345678", "x")


def test_the_file_sink_keeps_every_message_in_order(tmp_path: Path) -> None:
    sms = FileSms(tmp_path / "out" / "sms.jsonl")

    sms.send("13812345678", "一")
    sms.send("13900001111", "two")

    assert [(m["to"], m["text"]) for m in sent_messages(sms)] == [
        ("13812345678", "一"),
        ("13900001111", "two"),
    ]


def _device(db: Database) -> Device:
    code = issue_code(
        db, store="GD-SZ-0001", city="GD-SZ", province="GD", now=NOW, valid_for=timedelta(days=1)
    )
    return enrol(db, code, now=NOW, source="test")[0]


def test_an_order_waits_while_the_ordering_system_is_down_and_goes_through_later(db: Database) -> None:
    device = _device(db)
    place(db, device, "order-0002", {"service": "svc.data10"}, now=NOW)
    with FakeEndpoint() as endpoint:
        desk = OrderDesk(db, WebhookOrdering(endpoint.url, "s"), confirmation_ttl=timedelta(minutes=30))
        endpoint.replies += [(503, b"{}"), (200, b'{"status": "accepted", "reference": "BSS-1"}')]

        assert desk.forward_pending(now=NOW) == 1
        waiting = db.get_order("order-0002")
        desk.forward_pending(now=NOW)
        done = db.get_order("order-0002")

    assert waiting is not None and (waiting.status, waiting.attempts) == ("received", 1)
    assert done is not None and (done.status, done.reference) == ("accepted", "BSS-1")
    assert db.orders_to_forward() == []


def test_an_order_the_ordering_system_never_answers_fails_with_a_reason(db: Database) -> None:
    device = _device(db)
    place(db, device, "order-0003", {"service": "svc.data10"}, now=NOW)
    with FakeEndpoint() as endpoint:
        desk = OrderDesk(db, WebhookOrdering(endpoint.url, "s"), confirmation_ttl=timedelta(minutes=30))
        endpoint.replies += [(503, b"{}")] * MAX_ATTEMPTS

        for _ in range(MAX_ATTEMPTS):
            desk.forward_pending(now=NOW)

    failed = db.get_order("order-0003")
    assert failed is not None and (failed.status, failed.reason) == ("failed", UNREACHABLE)
