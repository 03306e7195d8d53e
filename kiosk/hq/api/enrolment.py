"""`POST /v1/enrol`: a kiosk trades a one-time enrolment code for its identity."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter

from kiosk.hq.api.bodies import Enrolled, EnrolRequest, Problem
from kiosk.hq.api.deps import HqDep, SourceDep, json_body, request_body
from kiosk.hq.enrolment import enrol

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["enrolment"])


@router.post(
    "/enrol",
    status_code=201,
    response_model=Enrolled,
    responses={code: {"model": Problem} for code in (400, 404, 408, 409, 410, 413, 422, 429)},
    openapi_extra=request_body(EnrolRequest),
)
def enrol_device(
    body: Annotated[EnrolRequest, json_body(EnrolRequest)], hq: HqDep, source: SourceDep
) -> Enrolled:
    """Exchange an enrolment code, once, for a device id and credential. With the kiosk's
    own `secret`, the same code and secret asked again give the same device (the answer
    was lost); anyone else gets 409. Each address may try only so many codes an hour (429
    with Retry-After beyond)."""
    device, credential = enrol(
        hq.db, body.code, now=hq.clock(), source=source, limits=hq.config.enrolment, secret=body.secret
    )
    log.info("enrolled %s for store %s (app %s)", device.id, device.store, body.app_version)
    return Enrolled(
        device_id=device.id,
        credential=credential,
        store=device.store,
        city=device.city,
        province=device.province,
    )
