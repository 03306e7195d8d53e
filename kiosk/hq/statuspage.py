"""The public status page of an order, `/o/{token}`: what the customer sees after scanning
the QR code on the kiosk's receipt.

One small, self-contained HTML page (its CSS inline, allowed by hash in a strict CSP; no
script, no image, nothing fetched) with the service, the price as shown at the kiosk, when
it was placed, the status in plain words and, for a test order, that it is one. It never
shows the customer's number, not even masked: anyone holding the link may read the page.

Both languages are on the page, Chinese first: the customer reads it on their own phone,
whose language setting says nothing about the language they chose at the kiosk, and the
SMS HQ sends is bilingual too; one page per order also needs no `Vary`. Every text from
an order is escaped and cut to a bounded length, so the page stays a few KB.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from kiosk.hq import orders as order_desk
from kiosk.hq import replies
from kiosk.hq.db import Order

#: A status token as kiosks make them (the API's STATUS_TOKEN); anything else is not looked up.
TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
#: The stores' time, in which the page shows when the order was placed.
STORE_TIME = timezone(timedelta(hours=8))
#: Longest text from an order (reason, reference) put on the page.
MAX_TEXT = 500

CSS = (
    "body{font-family:system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "margin:0;padding:1.2em;background:#f4f5f7;color:#1c1e21;line-height:1.5}"
    "main{max-width:32em;margin:0 auto;background:#fff;border-radius:12px;padding:1.2em 1.4em;"
    "box-shadow:0 1px 4px rgba(0,0,0,.1)}"
    "h1{font-size:1.3em;margin:0 0 .6em}"
    ".en{color:#555;font-size:.92em}.status{font-size:1.2em;font-weight:600}"
    ".ok{color:#137333}.wait{color:#8a5a00}.no{color:#b3261e}"
    ".test{background:#fff4ce;border:1px solid #e0b400;border-radius:8px;padding:.5em .8em;margin-bottom:1em}"
    "dl{margin:0}dt{color:#555;font-size:.9em;margin-top:.7em}dd{margin:0}"
)
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}

#: Status -> (CSS class, the headline in Chinese, in English).
_HEADLINES = {
    "awaiting_reply": ("wait", "等待您的短信回复", "Waiting for your SMS reply"),
    "received": ("wait", "已收到，正在办理", "Received, being processed"),
    "accepted": ("ok", "订购成功", "Subscribed"),
    "rejected": ("no", "未能订购", "Not subscribed"),
    "failed": ("no", "未能订购", "Not subscribed"),
    "declined": ("no", "已取消", "Cancelled"),
    "expired": ("no", "已过期", "Expired"),
}
#: HQ's own reasons, in Chinese beside the English the API gives.
_REASONS_ZH = {
    order_desk.UNREACHABLE: "运营商的业务系统暂时无法连接，订单未能提交；请到服务台咨询。",
    replies.CAPPED: "今天发往此号码的短信已达上限，确认短信无法发送，订单未能提交；请到服务台咨询。",
    replies.DECLINED: "您回复了 N，订单已取消，未订购任何业务。",
}


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    text = " ".join(str(value).split())
    return html.escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _both(zh: str, en: str) -> str:
    """Chinese, and the English below it (already escaped)."""
    if zh == en:
        return zh
    return f'{zh}<br><span class="en" lang="en">{en}</span>'


def _page(title_zh: str, title_en: str, inner: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{title_zh} · {title_en}</title><style>{CSS}</style></head>"
        f"<body><main>{inner}</main></body></html>\n"
    )


def order_page(order: Order, *, reply_window: timedelta) -> str:
    """The page of `order`."""
    body = order.body
    names = body.get("service_name") or {}
    prices = body.get("price_text") or {}
    service = body.get("service", "")
    name_zh = _text(names.get("zh-CN") or names.get("en") or service, 200)
    name_en = _text(names.get("en") or names.get("zh-CN") or service, 200)
    yuan = replies.yuan(int(body.get("price_fen", 0)))
    price_zh = _text(prices.get("zh-CN") or prices.get("en") or f"每月 ¥{yuan}", 200)
    price_en = _text(prices.get("en") or prices.get("zh-CN") or f"¥{yuan} a month", 200)
    placed = _placed(body.get("placed_at"), order.created_at)
    kind, head_zh, head_en = _HEADLINES.get(order.status, ("wait", order.status, order.status))
    parts = []
    if order.test:
        parts.append(
            '<p class="test">测试订单：不会真正订购任何业务。'
            '<br><span class="en" lang="en">Test order: nothing is really subscribed.</span></p>'
        )
    parts.append(f"<h1>{_both(name_zh, name_en)}</h1>")
    parts.append(f'<p class="status {kind}">{_both(head_zh, head_en)}</p>')
    if detail := _detail(order, reply_window):
        parts.append(f"<p>{detail}</p>")
    parts.append("<dl>")
    parts.append(f"<dt>价格 · Price</dt><dd>{_both(price_zh, price_en)}</dd>")
    parts.append(f"<dt>下单时间 · Placed</dt><dd>{placed}</dd>")
    if order.status == "accepted" and order.reference:
        parts.append(f"<dt>业务参考号 · Reference</dt><dd>{_text(order.reference, 100)}</dd>")
    parts.append("</dl>")
    parts.append(
        '<p class="en">此页面不显示您的手机号码。'
        '<span lang="en"> This page never shows your phone number.</span></p>'
    )
    return _page("订单状态", "Order status", "".join(parts))


def _detail(order: Order, reply_window: timedelta) -> str:
    hours = replies.hours(reply_window)
    if order.status == "awaiting_reply":
        return _both(
            f"请回复我们发到您手机的短信：回复 Y 确认订购，回复 N 取消，{hours} 小时内有效。",
            html.escape(
                f"Reply Y to the text message sent to your phone to confirm, N to cancel, "
                f"within {hours} hours."
            ),
        )
    if order.status == "received":
        return _both(
            "您已确认，订单已提交给运营商，请稍后刷新查看结果。",
            "You confirmed; the order has gone to the operator. Refresh later for the answer.",
        )
    if order.status == "expired":
        return _both(
            f"{hours} 小时内未收到您的回复 Y，订单未提交，未订购任何业务。",
            html.escape(f"No reply Y arrived within {hours} hours, so nothing was subscribed."),
        )
    if order.reason and order.status in ("rejected", "failed", "declined"):
        zh = _REASONS_ZH.get(order.reason)
        reason = _text(order.reason)
        return _both(html.escape(zh), reason) if zh else reason
    return ""


def _placed(text: Any, fallback: datetime) -> str:
    try:
        at = datetime.fromisoformat(str(text))
        if at.tzinfo is None:
            raise ValueError
    except ValueError:
        at = fallback
    return html.escape(f"{at.astimezone(STORE_TIME):%Y-%m-%d %H:%M} (UTC+8)")


def not_found_page() -> str:
    """The page of a token HQ does not know: not arrived yet, or mistyped."""
    inner = (
        '<h1>暂时查不到这个订单<br><span class="en" lang="en">This order cannot be found yet</span></h1>'
        "<p>如果您刚在门店下单，而门店的终端当时没有联网，订单会在它恢复联网后发送到这里，请稍后再打开此链接。"
        '<br><span class="en" lang="en">If you have just ordered at a store whose kiosk was offline, '
        "the kiosk sends the order once it is back online: open this link again later.</span></p>"
        "<p>如果链接是手动输入的，请检查是否输入有误，或重新扫描收据上的二维码。"
        '<br><span class="en" lang="en">If you typed the link, check it for mistakes, or scan the QR code on '
        "your receipt again.</span></p>"
    )
    return _page("查不到订单", "Order not found", inner)
