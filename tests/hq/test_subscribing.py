"""Subscribing at the kiosk, HQ's side (issue 13), over real HTTP on loopback, on SQLite and
PostgreSQL: orders confirmed by the customer's SMS reply, the gateway's inbound route, test
numbers, the public status page, and what the new fields change."""

from __future__ import annotations

import base64
import hashlib
import logging
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from kiosk.hq import replies, schema
from kiosk.hq.config import CodeLimits, HqConfig, config_from
from kiosk.hq.db import Database, StaffRecord, TestNumber
from kiosk.hq.sms import FileSms, SmsError
from tests.hq.apikit import INBOUND_TOKEN, Api, RecordingOrdering, hq_api, sent_messages

PHONE = "13812345678"


def status_token() -> str:
    return uuid.uuid4().hex + uuid.uuid4().hex[:11]


def sms_order(**kw: Any) -> dict[str, Any]:
    return {
        "id": kw.pop("id", str(uuid.uuid4())),
        "service": "svc.data10",
        "phone": PHONE,
        "price_fen": 3000,
        "placed_at": "2026-11-23T18:01:00+08:00",
        "second_step": "sms_reply",
        "consented_at": "2026-11-23T18:00:30+08:00",
        "status_token": kw.pop("status_token", status_token()),
        "service_name": {"zh-CN": "10GB 流量包", "en": "10 GB data pack"},
        "price_text": {"zh-CN": "每月 30 元", "en": "¥30 a month"},
        **kw,
    }


def code_order(confirmation: str, **kw: Any) -> dict[str, Any]:
    body = sms_order(**kw)
    return {**body, "second_step": "code", "confirmation": confirmation}


class FlakySms(FileSms):
    """The file outbox, which can be made to fail as a gateway that is down."""

    down = False

    def send(self, phone: str, text: str) -> None:
        if self.down:
            raise SmsError("the SMS gateway did not answer")
        super().send(phone, text)


@pytest.fixture
def ordering() -> RecordingOrdering:
    return RecordingOrdering({"svc.blocked": "this number already has this service"})


@pytest.fixture
def api(db: Database, tmp_path: Path, ordering: RecordingOrdering) -> Iterator[Api]:
    with hq_api(db, tmp_path, ordering=ordering, sms=FlakySms(tmp_path / "sms.jsonl")) as a:
        yield a


def placed(api: Api, **kw: Any) -> tuple[str, dict[str, Any]]:
    """A new kiosk's credential, and an SMS-reply order it placed."""
    token, body = api.enrol(), sms_order(**kw)
    assert api.post("/v1/orders", body, token).status_code in (201, 202)
    return token, body


def texts_to(api: Api, phone: str = PHONE) -> list[str]:
    return [m["text"] for m in sent_messages(api.sms) if m["to"] == phone]


def test_an_sms_reply_order_is_kept_awaiting_and_the_number_texted_in_both_languages(api: Api) -> None:
    token = api.enrol()
    body = sms_order()

    placed = api.post("/v1/orders", body, token)

    assert placed.status_code == 202, placed.text
    said = placed.json()
    assert (said["status"], said["second_step"], said["test"]) == ("awaiting_reply", "sms_reply", False)
    assert said["reason"] == replies.AWAITING
    [text] = texts_to(api)
    assert text == (
        "【体验专区】您在门店订购「10GB 流量包」每月 30 元，回复 Y 确认，回复 N 取消，24 小时内有效。"
        "Reply Y to confirm your order of 10 GB data pack (¥30 a month), N to cancel, within 24 hours."
    )


def test_an_sms_reply_order_sent_again_is_the_same_order_texted_once_even_after_it_is_answered(
    api: Api, ordering: RecordingOrdering
) -> None:
    token = api.enrol()
    body = sms_order()
    first = api.post("/v1/orders", body, token).json()
    again = api.post("/v1/orders", body, token)
    api.reply(PHONE, "Y")

    after = api.post("/v1/orders", body, token)

    assert again.status_code == 202 and again.json() == first
    assert after.status_code == 201 and after.json()["status"] == "accepted"
    assert after.json()["id"] == first["id"] and after.json()["created_at"] == first["created_at"]
    assert len(texts_to(api)) == 1
    assert ordering.submitted == [body["id"]]


def test_copies_of_one_sms_reply_order_sent_at_once_are_one_order_texted_once(api: Api) -> None:
    token = api.enrol()
    body = sms_order()

    def send(_: int) -> requests.Response:
        return requests.post(
            api.url + "/v1/orders", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(send, range(12)))

    assert {a.status_code for a in answers} == {202}, [a.text for a in answers]
    assert {(a.json()["id"], a.json()["created_at"]) for a in answers} == {
        (body["id"], "2026-11-23T10:00:00Z")
    }
    assert len(texts_to(api)) == 1


def test_an_sms_reply_order_id_reused_with_other_content_or_another_token_is_a_conflict(api: Api) -> None:
    token, body = placed(api)

    other_price = api.post("/v1/orders", {**body, "price_fen": 1}, token)
    other_token = api.post("/v1/orders", {**body, "status_token": status_token()}, token)

    assert other_price.status_code == other_token.status_code == 409


def test_a_status_token_already_used_by_another_order_is_refused_by_name(api: Api) -> None:
    token = api.enrol()
    used = status_token()
    api.post("/v1/orders", sms_order(status_token=used), token)

    answer = api.post("/v1/orders", sms_order(status_token=used), token)

    assert answer.status_code == 409 and answer.json()["error"].startswith("status_token: already used")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"confirmation": "c" * 20}, "confirmation: must be absent with second_step sms_reply"),
        ({"consented_at": None}, "consented_at: required with second_step"),
        ({"second_step": "code"}, "confirmation: required with second_step code"),
        ({"second_step": "carrier_pigeon"}, "second_step: Input should be 'code' or 'sms_reply'"),
        ({"status_token": "short"}, "status_token: String should have at least 32 characters"),
        ({"status_token": "t" * 31 + "/"}, "status_token: String should match pattern"),
        ({"staff": "张三"}, "staff: String should match pattern"),
        ({"staff": "s" * 65}, "staff: String should have at most 64 characters"),
        ({"service_name": {"zh-CN": "x" * 201}}, "service_name.zh-CN: String should have at most 200"),
        ({"service_name": {"zh_CN": "x"}}, "service_name.zh_CN: unknown field"),
        ({"price_text": {"en": "line\nbreak"}}, "price_text.en: String should match pattern"),
        ({"marketing_opt_in": "yes"}, "marketing_opt_in: Input should be a valid boolean"),
        ({"consented_at": "yesterday"}, "consented_at: must be a date and time as text"),
    ],
)
def test_a_new_field_given_wrong_is_refused_naming_it_and_nothing_is_stored(
    api: Api, change: dict[str, Any], problem: str
) -> None:
    token = api.enrol()
    body = sms_order(**change)

    answer = api.post("/v1/orders", body, token)

    assert answer.status_code == 422, answer.text
    assert any(p.startswith(problem) for p in answer.json()["problems"]), answer.json()
    assert api.hq.db.get_order(body["id"]) is None
    assert texts_to(api) == []


def test_an_older_kiosks_order_is_taken_as_before_and_defaults_given_explicitly_change_nothing(
    api: Api,
) -> None:
    token = api.enrol()
    old = {
        "id": str(uuid.uuid4()),
        "service": "svc.data10",
        "phone": PHONE,
        "price_fen": 100,
        "placed_at": "2026-11-23T18:01:00+08:00",
        "confirmation": api.confirm(token),
    }

    first = api.post("/v1/orders", old, token)
    explicit = api.post(
        "/v1/orders", {**old, "marketing_opt_in": False, "staff": None, "service_name": None}, token
    )

    assert first.status_code == explicit.status_code == 201
    assert explicit.json() == first.json()
    assert (first.json()["second_step"], first.json()["test"]) == ("code", False)
    assert set(api.hq.db.get_order(old["id"]).body) == {  # type: ignore[union-attr]
        "service",
        "offer",
        "phone",
        "price_fen",
        "placed_at",
    }


def test_the_new_fields_are_kept_with_the_order_and_forwarded_but_never_the_status_token(
    api: Api, ordering: RecordingOrdering
) -> None:
    token = api.enrol()
    joined = api.clock() - timedelta(days=30)
    member = StaffRecord("S-0042", "GD-SZ-0001", "张三", "staff", "scrypt$x", True, joined, joined)
    api.hq.db.add_staff(member)  # on the store's roster, so the order is credited to them
    body = code_order(api.confirm(token), staff="S-0042", marketing_opt_in=True)

    api.post("/v1/orders", body, token)

    order = api.hq.db.get_order(body["id"])
    assert order is not None and order.staff == "S-0042"
    assert order.body["marketing_opt_in"] is True and order.body["staff"] == "S-0042"
    assert order.body["consented_at"] == "2026-11-23T10:00:30+00:00"
    assert order.body["service_name"] == {"zh-CN": "10GB 流量包", "en": "10 GB data pack"}
    assert body["status_token"] not in str(order.body)
    assert ordering.submitted == [body["id"]]


# The gateway's replies ----------------------------------------------------------------------
def test_a_y_from_the_number_confirms_the_order_and_forwards_it_once(
    api: Api, ordering: RecordingOrdering
) -> None:
    token, body = placed(api)

    answer = api.reply("+86 138 1234 5678", " y ")

    assert answer.status_code == 200
    assert answer.json() == {"order": body["id"], "action": "confirmed"}
    assert ordering.submitted == [body["id"]]
    state = api.get(f"/v1/orders/{body['id']}", token).json()
    assert state["status"] == "accepted" and state["reference"].startswith("LOCAL-")
    assert state["reason"] is None


def test_a_confirmed_order_the_operator_rejects_carries_its_reason(api: Api) -> None:
    token, body = placed(api, service="svc.blocked")

    api.reply(PHONE, "是")

    state = api.get(f"/v1/orders/{body['id']}", token).json()
    assert state["status"] == "rejected" and state["reason"] == "this number already has this service"


def test_an_n_declines_the_order_with_a_reason_for_the_customer_and_nothing_is_forwarded(
    api: Api, ordering: RecordingOrdering
) -> None:
    token, body = placed(api)

    answer = api.reply(PHONE, "取消")
    later_y = api.reply(PHONE, "Y")

    assert answer.json() == {"order": body["id"], "action": "declined"}
    assert later_y.json() == {"order": None, "action": "none"}
    state = api.get(f"/v1/orders/{body['id']}", token).json()
    assert state["status"] == "declined" and state["reason"] == replies.DECLINED
    assert ordering.submitted == []


def test_a_y_from_another_number_does_nothing(api: Api, ordering: RecordingOrdering) -> None:
    token, body = placed(api)

    answer = api.reply("13900001111", "Y")

    assert answer.json() == {"order": None, "action": "none"}
    assert api.get(f"/v1/orders/{body['id']}", token).json()["status"] == "awaiting_reply"
    assert ordering.submitted == []


def test_a_y_after_the_window_does_nothing_and_the_order_expires(
    api: Api, ordering: RecordingOrdering
) -> None:
    token, body = placed(api)
    api.clock.advance(hours=24)

    answer = api.reply(PHONE, "Y")
    expired = api.hq.orders.expire(now=api.clock())

    assert answer.json() == {"order": None, "action": "none"}
    assert expired == 1
    state = api.get(f"/v1/orders/{body['id']}", token).json()
    assert state["status"] == "expired" and "no reply Y arrived within 24 hours" in state["reason"]
    assert ordering.submitted == []


def test_a_y_the_gateway_received_within_the_window_counts_though_delivered_after(api: Api) -> None:
    placed(api)
    api.clock.advance(hours=24, minutes=10)

    answer = api.reply(PHONE, "Y", received_at="2026-11-24T17:55:00+08:00")

    assert answer.json()["action"] == "confirmed"


def test_concurrent_copies_of_an_inbound_message_confirm_once_and_forward_once(
    api: Api, ordering: RecordingOrdering
) -> None:
    _token, body = placed(api)
    message = {"id": "gw-msg-1", "from": PHONE, "text": "Y"}

    def deliver(_: int) -> requests.Response:
        return requests.post(
            api.url + "/v1/sms/inbound",
            json=message,
            headers={"Authorization": f"Bearer {INBOUND_TOKEN}"},
            timeout=60,
        )

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(deliver, range(12)))

    assert {a.status_code for a in answers} == {200}
    assert [a.json() for a in answers] == [{"order": body["id"], "action": "confirmed"}] * 12
    assert ordering.submitted == [body["id"]]


def test_two_different_ys_at_once_confirm_the_order_once(api: Api, ordering: RecordingOrdering) -> None:
    _token, body = placed(api)

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda i: api.reply(PHONE, "Y", message_id=f"gw-{i}").json(), range(6)))

    assert sorted(a["action"] for a in answers) == ["confirmed"] + ["none"] * 5
    assert ordering.submitted == [body["id"]]


def test_a_y_confirms_the_numbers_latest_texted_order(api: Api) -> None:
    token = api.enrol()
    older, newer = sms_order(), sms_order(service="svc.voice")
    api.post("/v1/orders", older, token)
    api.clock.advance(minutes=5)
    api.post("/v1/orders", newer, token)

    first = api.reply(PHONE, "Y").json()
    second = api.reply(PHONE, "Y").json()

    assert (first["order"], second["order"]) == (newer["id"], older["id"])


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("Y", True),
        ("y", True),
        ("YES", True),
        ("Yes!", True),
        ("Ｙ", True),
        ("是", True),
        ("确认", True),
        (" 确认。", True),
        ("N", False),
        ("no", False),
        ("否", False),
        ("取消", False),
        ("maybe", None),
        ("YN", None),
        ("", None),
        ("Y please cancel", None),
    ],
)
def test_a_reply_is_read_as_yes_no_or_nothing(text: str, means: bool | None) -> None:
    assert replies.reading(text) is means


def test_a_reply_that_is_neither_y_nor_n_or_from_no_mobile_number_does_nothing(api: Api) -> None:
    token, body = placed(api)

    unclear = api.reply(PHONE, "what is this?")
    landline = api.reply("010 1234 5678", "Y")

    assert unclear.json() == landline.json() == {"order": None, "action": "none"}
    assert api.get(f"/v1/orders/{body['id']}", token).json()["status"] == "awaiting_reply"


def test_the_same_message_delivered_again_gets_the_same_answer_and_changes_nothing(
    api: Api, ordering: RecordingOrdering
) -> None:
    token = api.enrol()
    first, second = sms_order(), sms_order()
    api.post("/v1/orders", first, token)
    api.clock.advance(minutes=1)
    api.post("/v1/orders", second, token)

    once = api.reply(PHONE, "Y", message_id="gw-same").json()
    again = api.reply(PHONE, "Y", message_id="gw-same").json()

    assert once == again == {"order": second["id"], "action": "confirmed"}
    assert api.get(f"/v1/orders/{first['id']}", token).json()["status"] == "awaiting_reply"
    assert ordering.submitted == [second["id"]]


def test_inbound_messages_need_the_gateways_token_and_a_wrong_one_leaves_an_audit_line(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    token, body = placed(api)

    with caplog.at_level(logging.WARNING, logger="kiosk.hq.audit"):
        missing = api.post("/v1/sms/inbound", {"id": "m1", "from": PHONE, "text": "Y"})
        wrong = api.reply(PHONE, "Y", token="x" * 44)
        device = api.reply(PHONE, "Y", token=token)

    assert missing.status_code == wrong.status_code == device.status_code == 401
    assert "SMS gateway's token" in wrong.json()["error"]
    assert api.get(f"/v1/orders/{body['id']}", token).json()["status"] == "awaiting_reply"
    lines = [r.getMessage() for r in caplog.records if "wrong SMS gateway token" in r.getMessage()]
    assert len(lines) == 2 and not any("x" * 10 in line for line in lines)


# When the text cannot go ---------------------------------------------------------------------
def test_an_order_whose_text_cannot_go_now_is_kept_and_texted_by_the_chore(api: Api) -> None:
    token = api.enrol()
    body = sms_order()
    api.sms.down = True  # type: ignore[attr-defined]

    placed = api.post("/v1/orders", body, token)
    too_early = api.reply(PHONE, "Y")
    api.sms.down = False  # type: ignore[attr-defined]
    api.clock.advance(seconds=15)
    tried = api.hq.orders.text_pending(now=api.clock())
    confirmed = api.reply(PHONE, "Y")

    assert placed.status_code == 202 and placed.json()["status"] == "awaiting_reply"
    assert too_early.json()["action"] == "none"  # nobody was asked yet
    assert tried == 1 and len(texts_to(api)) == 1
    assert confirmed.json() == {"order": body["id"], "action": "confirmed"}


def _placed_while_the_gateway_is_down(api: Api, hours: float) -> None:
    """An SMS-reply order placed while the SMS gateway is down, which is back `hours` later."""
    api.sms.down = True  # type: ignore[attr-defined]
    assert api.post("/v1/orders", sms_order(), api.enrol()).status_code == 202
    api.clock.advance(hours=hours)
    api.sms.down = False  # type: ignore[attr-defined]


def test_the_reply_window_starts_when_the_text_goes_out(api: Api) -> None:
    _placed_while_the_gateway_is_down(api, hours=20)
    api.hq.orders.text_pending(now=api.clock())
    api.clock.advance(hours=10)

    assert api.hq.orders.expire(now=api.clock()) == 0
    assert api.reply(PHONE, "Y").json()["action"] == "confirmed"


def test_an_order_never_texted_in_its_window_is_not_texted_after_it_and_expires(api: Api) -> None:
    _placed_while_the_gateway_is_down(api, hours=24)

    assert api.hq.orders.text_pending(now=api.clock()) == 0
    assert api.hq.orders.expire(now=api.clock()) == 1
    assert texts_to(api) == []


@pytest.fixture
def capped_api(db: Database, tmp_path: Path) -> Iterator[Api]:
    limits = CodeLimits(per_number_per_day=2, per_device_per_hour=3)
    with hq_api(db, tmp_path, config=HqConfig(codes=limits)) as a:
        yield a


def test_texts_count_against_the_numbers_caps_and_a_capped_number_fails_the_order_plainly(
    capped_api: Api,
) -> None:
    api = capped_api
    token = api.enrol()
    api.post("/v1/otp", {"phone": PHONE}, token)  # one code today
    first = api.post("/v1/orders", sms_order(), token)

    capped = api.post("/v1/orders", sms_order(), token)

    assert first.json()["status"] == "awaiting_reply"
    assert capped.status_code == 201
    assert (capped.json()["status"], capped.json()["reason"]) == ("failed", replies.CAPPED)
    assert len(texts_to(api)) == 2  # the code and one order's text
    assert api.post("/v1/otp", {"phone": PHONE}, token).status_code == 429


def test_a_kiosk_at_its_hourly_cap_keeps_the_order_and_texts_it_when_the_hour_is_over(
    capped_api: Api,
) -> None:
    api = capped_api
    token = api.enrol()
    numbers = ["13900000001", "13900000002", "13900000003"]
    for number in numbers:
        assert api.post("/v1/otp", {"phone": number}, token).status_code == 201
    body = sms_order()

    placed = api.post("/v1/orders", body, token)
    api.clock.advance(hours=1)
    api.hq.orders.text_pending(now=api.clock())

    assert placed.status_code == 202 and placed.json()["status"] == "awaiting_reply"
    assert len(texts_to(api)) == 1
    assert api.reply(PHONE, "Y").json()["action"] == "confirmed"


# Test numbers --------------------------------------------------------------------------------
def _test_number(api: Api, phone: str = "13800000000", code: str = "123456") -> str:
    api.hq.db.put_test_number(TestNumber(phone, code, "dial test", api.clock()))
    return phone


def test_a_test_numbers_code_is_the_fixed_one_texted_to_nobody_and_never_capped(capped_api: Api) -> None:
    api = capped_api
    phone = _test_number(api)
    token = api.enrol()

    sent = [api.post("/v1/otp", {"phone": phone}, token) for _ in range(5)]
    wrong = api.post("/v1/otp/verify", {"challenge": sent[-1].json()["challenge"], "code": "654321"}, token)
    right = api.post("/v1/otp/verify", {"challenge": sent[-1].json()["challenge"], "code": "123456"}, token)

    assert {s.status_code for s in sent} == {201}
    assert sent_messages(api.sms) == []
    assert wrong.json() == {"verified": False, "confirmation": None, "attempts_left": 4}
    assert right.json()["verified"] is True


def test_a_test_numbers_order_is_accepted_at_once_and_never_reaches_the_ordering_system(
    api: Api, ordering: RecordingOrdering
) -> None:
    phone = _test_number(api)
    token = api.enrol()
    sent = api.post("/v1/otp", {"phone": phone}, token).json()
    confirmation = api.post("/v1/otp/verify", {"challenge": sent["challenge"], "code": "123456"}, token)
    body = code_order(confirmation.json()["confirmation"], phone=phone, service="svc.blocked")

    placed = api.post("/v1/orders", body, token)
    api.hq.orders.forward_pending(now=api.clock())

    assert placed.status_code == 201
    said = placed.json()
    assert (said["status"], said["test"]) == ("accepted", True)
    assert said["reference"].startswith("TEST-")
    assert ordering.submitted == []


def test_a_test_numbers_sms_reply_order_gets_no_text_and_its_reply_confirms_it_unforwarded(
    api: Api, ordering: RecordingOrdering
) -> None:
    phone = _test_number(api)
    token = api.enrol()
    body = sms_order(phone=phone)

    placed = api.post("/v1/orders", body, token)
    answer = api.reply(phone, "Y")

    assert placed.json()["status"] == "awaiting_reply" and placed.json()["test"] is True
    assert sent_messages(api.sms) == []
    assert answer.json() == {"order": body["id"], "action": "confirmed"}
    state = api.get(f"/v1/orders/{body['id']}", token).json()
    assert state["status"] == "accepted" and state["reference"].startswith("TEST-")
    assert ordering.submitted == []


# The public status page ------------------------------------------------------------------------
def _page(api: Api, token: str) -> requests.Response:
    return requests.get(f"{api.url}/o/{token}", timeout=30)


def _never_the_number(html: str, phone: str = PHONE) -> None:
    digits = "".join(c for c in html if c.isdigit())
    assert phone not in html and phone not in digits
    assert f"{phone[:3]}****{phone[-4:]}" not in html and "****" not in html
    assert phone[-4:] not in html and phone[3:7] not in html


STRICT_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-robots-tag": "noindex, nofollow",
    "x-content-type-options": "nosniff",
}


def test_the_status_page_shows_the_order_in_both_languages_and_never_the_number(api: Api) -> None:
    _token, body = placed(api)

    page = _page(api, body["status_token"])

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert {k: page.headers[k] for k in STRICT_HEADERS} == STRICT_HEADERS
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe" not in csp
    html = page.text
    style = html.split("<style>")[1].split("</style>")[0]
    assert f"style-src 'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" in csp
    for shown in ("10GB 流量包", "10 GB data pack", "每月 30 元", "¥30 a month", "2026-11-23 18:01 (UTC+8)"):
        assert shown in html
    assert "等待您的短信回复" in html and "Waiting for your SMS reply" in html
    assert "测试订单" not in html
    assert len(page.content) < 8 * 1024
    _never_the_number(html)


def test_the_status_page_follows_the_order_to_its_answer(api: Api) -> None:
    token = api.enrol()
    accepted, declined, expired = sms_order(), sms_order(phone="13900001111"), sms_order(phone="13700001111")
    for body in (accepted, declined, expired):
        api.post("/v1/orders", body, token)
    api.reply(PHONE, "Y")
    api.reply("13900001111", "N")
    api.clock.advance(hours=25)
    api.hq.orders.expire(now=api.clock())

    shown = {
        name: _page(api, body["status_token"]).text
        for name, body in (("accepted", accepted), ("declined", declined), ("expired", expired))
    }

    reference = api.hq.db.get_order(accepted["id"]).reference  # type: ignore[union-attr]
    assert "订购成功" in shown["accepted"] and reference and reference in shown["accepted"]
    assert "已取消" in shown["declined"] and "您回复了 N" in shown["declined"]
    assert "已过期" in shown["expired"] and "24 hours" in shown["expired"]
    for phone, html in zip((PHONE, "13900001111", "13700001111"), shown.values(), strict=True):
        _never_the_number(html, phone)


def test_a_rejected_orders_page_gives_the_operators_reason_escaped(
    api: Api, tmp_path: Path, db: Database
) -> None:
    token = api.enrol()
    body = code_order(
        api.confirm(token),
        service="svc.blocked",
        service_name={"zh-CN": "<script>alert(1)</script>", "en": "a & b"},
    )
    api.post("/v1/orders", body, token)

    html = _page(api, body["status_token"]).text

    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html
    assert "未能订购" in html and "this number already has this service" in html
    _never_the_number(html)


def test_a_test_orders_page_says_it_is_a_test(api: Api) -> None:
    phone = _test_number(api)
    _token, body = placed(api, phone=phone)

    html = _page(api, body["status_token"]).text

    assert "测试订单" in html and "Test order" in html
    _never_the_number(html, phone)


@pytest.mark.parametrize(
    "token",
    [
        "a" * 40,  # well formed, unknown
        "short",
        "a" * 65,
        "a" * 39 + "%2F",
        "a" * 39 + ".",
        "%00" * 20,
        "流" * 40,
    ],
)
def test_an_unknown_or_malformed_token_is_a_404_page_explaining_both_possibilities(
    api: Api, token: str
) -> None:
    page = _page(api, token)

    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert {k: page.headers[k] for k in STRICT_HEADERS} == STRICT_HEADERS
    assert "back online" in page.text and "typed the link" in page.text
    assert len(page.content) < 8 * 1024


def test_an_order_without_a_status_token_has_no_page(api: Api) -> None:
    token = api.enrol()
    body = sms_order()
    del body["status_token"]

    placed = api.post("/v1/orders", body, token)

    assert placed.status_code == 202 and placed.json()["status"] == "awaiting_reply"
    with api.hq.db._engine.connect() as conn:
        hashes = conn.execute(sa.select(schema.orders.c.status_token_hash)).scalars().all()
    assert hashes == [None]


def test_the_reply_window_comes_from_hq_toml_and_the_text_says_it(db: Database, tmp_path: Path) -> None:
    config = config_from({"orders": {"reply_window_s": 5400}})
    with hq_api(db, tmp_path, config=config) as api:
        token, body = placed(api)
        api.clock.advance(minutes=90)
        expired = api.hq.orders.expire(now=api.clock())
        state = api.get(f"/v1/orders/{body['id']}", token).json()
        html = _page(api, body["status_token"]).text

    assert "1.5 小时内有效" in texts_to(api)[0] and "within 1.5 hours" in texts_to(api)[0]
    assert expired == 1 and "within 1.5 hours" in state["reason"]
    assert "1.5 hours" in html
