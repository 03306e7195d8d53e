"""`POST /v1/orders` (idempotent by order id) and `GET /v1/orders/{id}` for the result."""

from __future__ import annotations

from datetime import UTC
from typing import Annotated

from fastapi import APIRouter, Path, Response

from kiosk.domain.phone import PhoneError, normalize_mobile
from kiosk.hq.api.bodies import ORDER_ID, OrderRequest, OrderState, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, json_body, request_body
from kiosk.hq.db import Order
from kiosk.hq.errors import InvalidError

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
    )


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
    """Place an order confirmed by the customer's code. Sending the same order again (same
    id, same content, even with its time in another UTC offset) returns the same order;
    its `status` tells whether the operator has answered yet (`received`: ask again with GET)."""
    try:
        phone = normalize_mobile(body.phone)
    except PhoneError as e:
        raise InvalidError("the request is not valid", [f"phone: {e}"]) from e
    content = body.model_dump(mode="json", exclude={"id", "confirmation", "placed_at"}) | {"phone": phone}
    placed_at = body.placed_at
    try:
        content["placed_at"] = placed_at.astimezone(UTC).isoformat()
    except OverflowError:
        content["placed_at"] = placed_at.isoformat()  # refused as implausible by the desk
    order = hq.orders.place(device, body.id, content, body.confirmation, placed_at=placed_at, now=hq.clock())
    if order.status == "received":
        response.status_code = 202
    return state(order)


@router.get("/orders/{order_id}", response_model=OrderState, responses=REFUSALS)
def get_order(order_id: Annotated[str, Path(**ORDER_ID)], device: DeviceDep, hq: HqDep) -> OrderState:
    """The order's state now."""
    return state(hq.orders.get(device, order_id))
