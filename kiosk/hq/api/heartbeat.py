"""`POST /v1/heartbeat`: how a kiosk is doing (packs, disk, uptime, latest errors)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from kiosk.hq.api.bodies import Heartbeat, HeartbeatTaken, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, json_body, request_body

router = APIRouter(prefix="/v1", tags=["heartbeat"])


@router.post(
    "/heartbeat",
    response_model=HeartbeatTaken,
    responses={code: {"model": Problem} for code in (400, 401, 403, 408, 413, 422)},
    openapi_extra=request_body(Heartbeat),
)
def take_heartbeat(
    device: DeviceDep, body: Annotated[Heartbeat, json_body(Heartbeat)], hq: HqDep
) -> HeartbeatTaken:
    """Record the kiosk's state now (do not resend an old heartbeat: send a new one). The
    answer carries HQ's clock so the kiosk can spot drift."""
    now = hq.clock()
    hq.heartbeats.take(device, body.at, body.model_dump(mode="json"), now=now)
    return HeartbeatTaken(server_time=now)
