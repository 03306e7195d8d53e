"""`GET /v1/staff/{number}/figures`: what a staff member of the calling device's store was
credited with today, this week and this month (kiosk.hq.staff.figures; docs/hq-api.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from kiosk.hq.api.bodies import Problem
from kiosk.hq.api.deps import DeviceDep, HqDep
from kiosk.hq.staff import figures

router = APIRouter(prefix="/v1", tags=["staff"])
REFUSALS = {code: {"model": Problem} for code in (401, 403, 404, 422)}
#: A staff number as the roster spells it (kiosk.domain.staff.NUMBER_RE).
STAFF_NUMBER = {"min_length": 1, "max_length": 32, "pattern": r"^[A-Za-z0-9][A-Za-z0-9-]*$"}


class Period(BaseModel):
    demos: int = Field(description="demos watched to their end while the member was signed in")
    orders: int = Field(description="orders credited to the member (test numbers' apart)")
    confirmed: int = Field(description="of those, the ones the operator accepted")
    leads: int = Field(description="entries in the register of interested customers")
    conversion: float | None = Field(description="orders per finished demo; null without a demo")
    points: int = Field(
        description="confirmed orders, register entries and finished demos, weighed ([staff_points])"
    )


class StaffFigures(BaseModel):
    staff: str
    periods: dict[str, Period] = Field(description="today, week (from Monday) and month, in the stores' time")


@router.get("/staff/{number}/figures", response_model=StaffFigures, responses=REFUSALS)
def staff_figures(number: Annotated[str, Path(**STAFF_NUMBER)], device: DeviceDep, hq: HqDep) -> StaffFigures:
    """A staff member's figures, from every kiosk of the device's store: 404 unless the
    number is an active member of that store's roster."""
    answer = figures(hq.db, device.store, number, now=hq.clock(), points=hq.config.staff_points)
    return StaffFigures.model_validate(answer)
