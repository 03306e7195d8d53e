"""`POST /v1/enrol`: a kiosk trades a one-time enrolment code for its identity."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from kiosk.hq.api.bodies import Enrolled, EnrolRequest, Problem
from kiosk.hq.api.deps import HqDep
from kiosk.hq.enrolment import enrol

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["enrolment"])


@router.post(
    "/enrol",
    status_code=201,
    response_model=Enrolled,
    responses={404: {"model": Problem}, 409: {"model": Problem}, 410: {"model": Problem}},
)
def enrol_device(body: EnrolRequest, hq: HqDep) -> Enrolled:
    """Exchange an enrolment code, once, for a device id and credential."""
    device, credential = enrol(hq.store, body.code, now=hq.clock())
    log.info("enrolled %s for store %s (app %s)", device.id, device.store, body.app_version)
    return Enrolled(
        device_id=device.id,
        credential=credential,
        store=device.store,
        city=device.city,
        province=device.province,
    )
