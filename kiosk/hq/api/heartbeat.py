"""`POST /v1/heartbeat`: how a kiosk is doing (packs, disk, uptime, latest errors)."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.hq.api.bodies import Heartbeat, HeartbeatTaken, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep

router = APIRouter(prefix="/v1", tags=["heartbeat"])


@router.post("/heartbeat", response_model=HeartbeatTaken, responses={401: {"model": Problem}})
def take_heartbeat(body: Heartbeat, device: DeviceDep, hq: HqDep) -> HeartbeatTaken:
    """Record the kiosk's state; the answer carries HQ's clock so the kiosk can spot drift."""
    hq.store.add_heartbeat(device, body.at, body.model_dump(mode="json"))
    return HeartbeatTaken(server_time=hq.clock())
