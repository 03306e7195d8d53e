"""Orders confirmed by the customer's SMS reply: what HQ texts, how a reply is read, and
what the customer is told at each status.

When a kiosk cannot reach HQ for a confirmation code, the customer can choose the other
second step: the order is kept at the kiosk and, once it reaches HQ, HQ texts the number
(`request_text`) and waits for a reply. `reading(text)` turns a reply into True (confirm),
False (decline) or None (anything else, ignored). The reasons here are what the kiosk and
the status page show for HQ's own statuses; they are written for the customer.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from typing import Any

CONFIRM_WORDS = frozenset({"y", "yes", "是", "确认"})
DECLINE_WORDS = frozenset({"n", "no", "否", "取消"})
#: Longest service name or price text put into a text message (each costs money).
SMS_PIECE_CHARS = 60

AWAITING = "reply Y to the text message HQ sends to this number to confirm the order, or N to cancel it"
DECLINED = "you replied N to the text message, so the order was cancelled and nothing was subscribed"
CAPPED = (
    "this number has already been sent as many text messages today as HQ allows, so the "
    "confirmation text could not be sent and the order was not placed; please ask at the service counter"
)


def expired_reason(window: timedelta) -> str:
    return (
        f"no reply Y arrived within {hours(window)} hours, so the order was not placed and nothing was "
        "subscribed; you can subscribe again at the kiosk or the service counter"
    )


def reading(text: str) -> bool | None:
    """True for a Y (Y, yes, 是, 确认), False for an N (N, no, 否, 取消), None otherwise.
    Case, full width, spaces and punctuation around the word do not matter."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    word = "".join(c for c in folded if not unicodedata.category(c).startswith(("P", "Z", "C")))
    if word in CONFIRM_WORDS:
        return True
    if word in DECLINE_WORDS:
        return False
    return None


def request_text(body: dict[str, Any], window: timedelta) -> str:
    """The bilingual "reply Y to confirm" message for an order's body."""
    names = body.get("service_name") or {}
    prices = body.get("price_text") or {}
    service = str(body.get("service", ""))
    name_zh = _piece(names.get("zh-CN") or names.get("en") or service)
    name_en = _piece(names.get("en") or names.get("zh-CN") or service)
    monthly = yuan(int(body.get("price_fen", 0)))
    price_zh = _piece(prices.get("zh-CN") or prices.get("en") or f"每月 ¥{monthly}")
    price_en = _piece(prices.get("en") or prices.get("zh-CN") or f"¥{monthly} a month")
    within = hours(window)
    return (
        f"【体验专区】您在门店订购「{name_zh}」{price_zh}，回复 Y 确认，回复 N 取消，{within} 小时内有效。"
        f"Reply Y to confirm your order of {name_en} ({price_en}), N to cancel, within {within} hours."
    )


def _piece(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SMS_PIECE_CHARS else text[: SMS_PIECE_CHARS - 1] + "…"


def yuan(fen: int) -> str:
    """12, or 12.50: a price in fen as yuan."""
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen / 100:.2f}"


def hours(window: timedelta) -> str:
    """24, or 1.5: a window in hours, for a sentence."""
    return f"{window.total_seconds() / 3600:g}"
