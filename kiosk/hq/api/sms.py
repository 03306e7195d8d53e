"""`POST /v1/sms/inbound`: the SMS gateway hands over a message a customer sent to HQ."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from kiosk.hq.api.bodies import InboundSms, InboundTaken, Problem
from kiosk.hq.api.deps import GatewayDep, HqDep, json_body, request_body

router = APIRouter(prefix="/v1", tags=["SMS gateway"])


@router.post(
    "/sms/inbound",
    response_model=InboundTaken,
    responses={code: {"model": Problem} for code in (400, 401, 408, 413, 422)},
    openapi_extra=request_body(InboundSms),
)
def inbound_sms(_: GatewayDep, body: Annotated[InboundSms, json_body(InboundSms)], hq: HqDep) -> InboundTaken:
    """A reply Y (Y, YES, 是, 确认) confirms, N (N, NO, 否, 取消) declines, the sender's
    latest order awaiting an SMS reply that was texted and is within its window; anything
    else does nothing. The same message id again (the gateway retries) gets the same answer."""
    reply = hq.orders.reply(body.id, body.from_, body.text, received_at=body.received_at, now=hq.clock())
    return InboundTaken(order=None if reply.order is None else reply.order.id, action=reply.action)  # type: ignore[arg-type]
