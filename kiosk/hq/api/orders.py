"""`POST /v1/orders` (idempotent by order id) and `GET /v1/orders/{id}` for the result."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from kiosk.domain.phone import PhoneError, normalize_mobile
from kiosk.hq.api.bodies import ORDER_ID, OrderRequest, OrderState, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, json_body, request_body
from kiosk.hq.clock import utc_text
from kiosk.hq.db import Order
from kiosk.hq.errors import InvalidError
from kiosk.hq.orders import NewOrder

router = APIRouter(prefix="/v1", tags=["orders"])
REFUSALS = {code: {"model": Problem} for code in (400, 401, 403, 404, 408, 409, 413, 422)}


def state(order: Order) -> OrderState:
    return OrderState(
        id=order.id,
        status=order.status,
        reason=order.reason,
        reference=order.reference,
        created_at=order.created_at,
        updated_at=order.updated_at,
        test=order.test,
        second_step=order.second_step,  # type: ignore[arg-type]
    )


def _problems(body: OrderRequest) -> list[str]:
    """What the fields say together, which no field says alone."""
    problems = []
    step = body.second_step or "code"
    if step == "code" and body.confirmation is None:
        problems.append("confirmation: required with second_step code (from POST /v1/otp/verify)")
    if step == "sms_reply" and body.confirmation is not None:
        problems.append(
            "confirmation: must be absent with second_step sms_reply (the customer's reply confirms)"
        )
    if body.second_step is not None and body.consented_at is None:
        problems.append("consented_at: required with second_step (when the customer ticked consent)")
    return problems


def content(body: OrderRequest, phone: str) -> dict[str, Any]:
    """The order as HQ keeps and forwards it: the number normalized, times in UTC, and the
    newer fields only when they say something, so that an older kiosk's order, or one
    giving a default explicitly, is the same order as before."""
    kept = body.model_dump(
        mode="json",
        include={"service", "offer", "price_fen"},
    ) | {"phone": phone, "placed_at": utc_text(body.placed_at)}
    if body.second_step == "sms_reply":
        kept["second_step"] = "sms_reply"
    for name in ("service_name", "price_text"):
        if (texts := getattr(body, name)) is not None and (
            given := texts.model_dump(by_alias=True, exclude_none=True)
        ):
            kept[name] = given
    if body.staff is not None:
        kept["staff"] = body.staff
    if body.marketing_opt_in:
        kept["marketing_opt_in"] = True
    if body.consented_at is not None:
        kept["consented_at"] = utc_text(body.consented_at)
    return kept


@router.post(
    "/orders",
    response_model=OrderState,
    status_code=201,
    responses=REFUSALS,
    openapi_extra=request_body(OrderRequest),
)
def place_order(
    device: DeviceDep, body: Annotated[OrderRequest, json_body(OrderRequest)], hq: HqDep, response: Response
) -> OrderState:
    """Place an order confirmed by the customer's code, or one to be confirmed by the
    customer's SMS reply (`second_step: sms_reply`). Sending the same order again (same
    id, same content, even with its time in another UTC offset) returns the same order;
    its `status` tells whether it is answered yet (`received` or `awaiting_reply`: 202,
    ask again with GET)."""
    problems = _problems(body)
    try:
        phone = normalize_mobile(body.phone)
    except PhoneError as e:
        problems.insert(0, f"phone: {e}")
        phone = ""
    if problems:
        raise InvalidError("the request is not valid", problems)
    new = NewOrder(
        id=body.id,
        body=content(body, phone),
        placed_at=body.placed_at,
        confirmation=body.confirmation,
        second_step=body.second_step or "code",
        status_token=body.status_token,
        staff=body.staff,
    )
    order = hq.orders.place(device, new, now=hq.clock())
    if order.status in ("received", "awaiting_reply"):
        response.status_code = 202
    return state(order)


@router.get("/orders/{order_id}", response_model=OrderState, responses=REFUSALS)
def get_order(order_id: Annotated[str, Path(**ORDER_ID)], device: DeviceDep, hq: HqDep) -> OrderState:
    """The order's state now."""
    return state(hq.orders.get(device, order_id))
