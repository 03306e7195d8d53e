"""`GET /o/{token}`: an order's public status page (no credential: the token is the key)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from kiosk.hq import statuspage
from kiosk.hq.api.deps import HqDep
from kiosk.hq.orders import token_hash

router = APIRouter(tags=["status page"])


@router.get("/o/{token}", response_class=HTMLResponse, responses={404: {"content": {"text/html": {}}}})
def status_page(token: str, hq: HqDep) -> HTMLResponse:
    """The order's status for the customer, in Chinese and English, never with the number.
    A token that is not one (wrong length or characters) is a 404 without a lookup."""
    order = hq.db.order_by_status_token(token_hash(token)) if statuspage.TOKEN.fullmatch(token) else None
    if order is None:
        return HTMLResponse(statuspage.not_found_page(), status_code=404, headers=statuspage.HEADERS)
    page = statuspage.order_page(order, reply_window=hq.orders.limits.reply_window)
    return HTMLResponse(page, headers=statuspage.HEADERS)
