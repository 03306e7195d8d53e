"""`POST /v1/leads`: a register entry from a kiosk, idempotent by its id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response

from kiosk.hq.api.bodies import LeadRequest, LeadState, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, json_body, request_body
from kiosk.hq.leads import NewLead, take_lead

router = APIRouter(prefix="/v1", tags=["register"])
REFUSALS = {code: {"model": Problem} for code in (400, 401, 403, 408, 409, 413, 422)}


@router.post(
    "/leads",
    response_model=LeadState,
    status_code=201,
    responses=REFUSALS,
    openapi_extra=request_body(LeadRequest),
)
def take(
    device: DeviceDep, body: Annotated[LeadRequest, json_body(LeadRequest)], hq: HqDep, response: Response
) -> LeadState:
    """Keep a register entry for the device's store (never a store named in the body).
    Sending the same entry again (same id, same content) returns it with 200; the same id
    with other content is 409."""
    now = hq.clock()
    names = body.service_name.model_dump(by_alias=True, exclude_none=True) if body.service_name else None
    new = NewLead(
        id=body.id,
        created_at=body.created_at,
        consented_at=body.consented_at,
        staff=body.staff,
        service=body.service,
        service_name=names or None,
        phone=body.phone,
        call_day=body.call_day,
        call_part=body.call_part,
        session=body.session,
    )
    lead, created = take_lead(hq.db, hq.config.clock, device, new, now=now)
    if not created:
        response.status_code = 200
    return LeadState(id=lead.id, status="received", created_at=lead.created_at, received_at=lead.received_at)
