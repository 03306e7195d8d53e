"""The confirmation codes as the kiosk asks HQ for them (kiosk.sync.confirm), against a real
HQ on loopback: every answer becomes the flow's outcome, and nothing raises."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.flow.subscribe import CodeChecked, CodeNotChecked, CodeNotSent, CodeSent
from kiosk.sync.confirm import HqConfirmations, for_kiosk
from kiosk.sync.identity import Identity
from tests.sync.hqkit import Hq, MovingClock, enrolled

PHONE = "13812345678"


@pytest.fixture
def confirmations(hq: Hq, tmp_path: Path) -> Iterator[HqConfirmations]:
    enrolled(hq, tmp_path / "kiosk")
    made = for_kiosk(tmp_path / "kiosk")
    assert made is not None
    yield made
    made.close()


def test_a_code_texted_by_hq_and_typed_back_gives_the_confirmation_for_the_order(
    hq: Hq, confirmations: HqConfirmations
) -> None:
    sent = confirmations.request_code(PHONE)

    assert isinstance(sent, CodeSent)
    assert 295 <= sent.expires_in_s <= 300 and sent.resend_after_s == 60
    assert hq.texts()[-1]["to"] == PHONE
    checked = confirmations.check_code(sent.challenge, hq.last_code())
    assert isinstance(checked, CodeChecked) and checked.verified and checked.confirmation


def test_a_wrong_code_says_how_many_tries_are_left_and_the_sixth_finds_the_code_spent(
    hq: Hq, confirmations: HqConfirmations
) -> None:
    sent = confirmations.request_code(PHONE)
    assert isinstance(sent, CodeSent)
    right = hq.last_code()
    wrong = "000000" if right != "000000" else "111111"

    verdicts = [confirmations.check_code(sent.challenge, wrong) for _ in range(5)]
    assert [v.tries_left for v in verdicts if isinstance(v, CodeChecked)] == [4, 3, 2, 1, 0]
    assert not any(v.verified for v in verdicts if isinstance(v, CodeChecked))

    spent = confirmations.check_code(sent.challenge, right)
    assert isinstance(spent, CodeNotChecked) and spent.spent and not spent.unreachable
    assert "too many" in spent.reason


def test_a_code_typed_after_it_expired_is_reported_expired(hq: Hq, confirmations: HqConfirmations) -> None:
    sent = confirmations.request_code(PHONE)
    assert isinstance(sent, CodeSent)
    assert isinstance(hq.clock, MovingClock)
    hq.clock.advance(seconds=301)

    expired = confirmations.check_code(sent.challenge, hq.last_code())

    assert isinstance(expired, CodeNotChecked) and expired.expired and "expired" in expired.reason


def test_a_second_code_asked_for_too_soon_is_refused_with_hqs_reason_and_the_wait(
    confirmations: HqConfirmations,
) -> None:
    assert isinstance(confirmations.request_code(PHONE), CodeSent)

    again = confirmations.request_code(PHONE)

    assert isinstance(again, CodeNotSent) and not again.unreachable
    assert "138****5678" in again.reason and "can be sent in" in again.reason
    assert 0 < again.retry_after_s <= 60


def test_a_number_hq_refuses_and_an_unknown_challenge_come_back_with_hqs_reason(
    confirmations: HqConfirmations,
) -> None:
    refused = confirmations.request_code("12345678901")
    assert isinstance(refused, CodeNotSent) and not refused.unreachable and "mobile" in refused.reason

    unknown = confirmations.check_code("no-such-challenge", "123456")
    assert isinstance(unknown, CodeNotChecked) and not unknown.unreachable and not unknown.expired
    assert "no such confirmation request" in unknown.reason


def test_hq_not_listening_is_unreachable_for_both_calls() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    confirmations = HqConfirmations(_identity(f"http://127.0.0.1:{port}/"))

    assert confirmations.request_code(PHONE) == CodeNotSent(unreachable=True)
    assert confirmations.check_code("c", "123456") == CodeNotChecked(unreachable=True)


def test_hq_that_accepts_the_connection_but_never_answers_is_unreachable_after_the_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the backlog; nobody reads or answers
        port = silent.getsockname()[1]
        confirmations = HqConfirmations(_identity(f"http://127.0.0.1:{port}/"), timeout=(1.0, 0.2))

        assert confirmations.request_code(PHONE) == CodeNotSent(unreachable=True)
        assert confirmations.check_code("c", "123456") == CodeNotChecked(unreachable=True)


def test_a_kiosk_that_is_not_enrolled_has_no_confirmations(tmp_path: Path) -> None:
    assert for_kiosk(tmp_path) is None


def _identity(url: str) -> Identity:
    return Identity(url, "kx-1", "kx-1.secret", "GD-SZ-0001", "GD-SZ", "GD", "2026-12-01T00:00:00+00:00")
