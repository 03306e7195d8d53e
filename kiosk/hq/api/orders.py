"""`POST /v1/orders` (idempotent by order id) and `GET /v1/orders/{id}` for the result."""

from __future__ import annotations

from fastapi import APIRouter, Response

from kiosk.domain.phone import PhoneError, normalize_mobile
from kiosk.hq.api.bodies import OrderRequest, OrderState, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep
from kiosk.hq.errors import Refused
from kiosk.hq.store import Order

router = APIRouter(prefix="/v1", tags=["orders"])
REFUSALS = {code: {"model": Problem} for code in (401, 403, 404, 409)}


def state(order: Order) -> OrderState:
    return OrderState(
        id=order.id,
        status=order.status,
        reason=order.reason,
        reference=order.reference,
        created_at=order.created_at,
        updated_at=order.updated_at,
    )


@router.post("/orders", response_model=OrderState, status_code=201, responses=REFUSALS)
def place_order(body: OrderRequest, device: DeviceDep, hq: HqDep, response: Response) -> OrderState:
    """Place an order confirmed by the customer's code. Sending the same order again (same
    id, same content) returns the same order; its `status` tells whether the operator has
    answered yet (`received`: ask again with GET)."""
    try:
        phone = normalize_mobile(body.phone)
    except PhoneError as e:
        raise Refused(f"phone: {e}") from e
    content = body.model_dump(mode="json", exclude={"id", "confirmation"}) | {"phone": phone}
    order = hq.orders.place(device, body.id, content, body.confirmation, now=hq.clock())
    if order.status == "received":
        response.status_code = 202
    return state(order)


@router.get("/orders/{order_id}", response_model=OrderState, responses=REFUSALS)
def get_order(order_id: str, device: DeviceDep, hq: HqDep) -> OrderState:
    """The order's state now."""
    return state(hq.orders.get(device, order_id))
