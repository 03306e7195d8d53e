"""The API's request and response bodies: typed, strict (unknown fields are refused), and
the OpenAPI document's schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

#: Most events one batch may carry; kiosks send up to 500.
MAX_BATCH = 1000


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(Strict):
    code: str = Field(min_length=1, max_length=64, description="the enrolment code HQ issued, as typed")
    app_version: str | None = Field(None, max_length=64)


class Enrolled(BaseModel):
    device_id: str
    credential: str = Field(description="shown once: send it as `Authorization: Bearer <credential>`")
    store: str
    city: str
    province: str


class Event(Strict):
    id: str = Field(min_length=1, max_length=64, description="unique per event; a repeated id is ignored")
    kind: str = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_.]*$")
    at: AwareDatetime
    session: str | None = Field(None, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict)


class EventBatch(Strict):
    events: list[Event] = Field(description=f"at most {MAX_BATCH} events")


class EventsTaken(BaseModel):
    accepted: int = Field(description="events stored now")
    duplicates: int = Field(description="events already stored before (ignored)")


class PackVersion(Strict):
    id: str = Field(min_length=1, max_length=128)
    version: str = Field(min_length=1, max_length=64)
    scope: str = Field(min_length=1, max_length=64)


class Disk(Strict):
    free_bytes: int = Field(ge=0)
    total_bytes: int = Field(gt=0)


class ErrorNote(Strict):
    at: AwareDatetime
    message: str = Field(max_length=1000)


class Heartbeat(Strict):
    at: AwareDatetime
    app_version: str = Field(min_length=1, max_length=64)
    packs: list[PackVersion] = Field(max_length=50)
    disk: Disk
    uptime_s: float = Field(ge=0)
    errors: list[ErrorNote] = Field(default_factory=list, max_length=20, description="the latest errors")


class HeartbeatTaken(BaseModel):
    server_time: datetime


class OrderRequest(Strict):
    id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    service: str = Field(min_length=1, max_length=128)
    offer: str | None = Field(None, max_length=128)
    phone: str = Field(min_length=1, max_length=32)
    price_fen: int = Field(ge=0, description="the monthly price shown to the customer, in fen")
    placed_at: AwareDatetime
    confirmation: str = Field(min_length=1, max_length=128, description="from POST /v1/otp/verify")


class OrderState(BaseModel):
    id: str
    status: str = Field(description="received (not yet answered), accepted, rejected or failed")
    reason: str | None = Field(description="why it was rejected or failed, for the customer")
    reference: str | None = Field(description="the operator's reference for an accepted order")
    created_at: datetime
    updated_at: datetime


class CodeRequest(Strict):
    phone: str = Field(min_length=1, max_length=32)


class CodeSent(BaseModel):
    challenge: str
    expires_at: datetime
    resend_after_s: int


class CodeCheck(Strict):
    challenge: str = Field(min_length=1, max_length=64)
    code: str = Field(pattern=r"^\s*\d{6}\s*$")


class CodeVerdict(BaseModel):
    verified: bool
    confirmation: str | None = Field(description="for the order; only when verified")
    attempts_left: int


class Problem(BaseModel):
    error: str
    problems: list[str] = Field(default_factory=list)
