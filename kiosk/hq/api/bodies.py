"""The API's request and response bodies: typed, strict (unknown fields are refused), and
the OpenAPI document's schemas.

Every number has bounds a database keeps exactly, every time must be ISO 8601 text with a
date, a time and its UTC offset (`Instant`: no bare Unix numbers, no local times), and
every identifier is printable ASCII; the events' free-form `data` is checked by
`jsonbody.free_json_problem`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

#: Most events one batch may carry; kiosks send up to 500.
MAX_BATCH = 1000

TIME_TEXT = "must be a date and time as text with its UTC offset, e.g. 2026-11-23T10:00:00+08:00"


def is_time_text(value: Any) -> bool:
    """Text that starts with a date: never a bare Unix time, as a number or as text, which
    pydantic alone would take for a time. (Whether it is a whole, valid time with an
    offset is for the datetime type to say.)"""
    return type(value) is str and len(value) >= 16 and value[4] == "-"


def _time_text(value: Any) -> Any:
    if is_time_text(value):
        return value
    raise PydanticCustomError("time_text", TIME_TEXT)


#: A moment as a kiosk's clock saw it. Whether HQ believes it is for `kiosk.hq.clock`.
Instant = Annotated[AwareDatetime, BeforeValidator(_time_text)]
#: An identifier made by a kiosk (event, session, order): printable ASCII, no spaces.
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[!-~]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(Strict):
    code: str = Field(min_length=1, max_length=64, description="the enrolment code HQ issued, as typed")
    app_version: str | None = Field(None, max_length=64)
    secret: str | None = Field(
        None,
        min_length=32,
        max_length=128,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="a random secret the kiosk made and kept before asking (URL-safe base64, "
        "at least 32 characters): the credential is then `<device_id>.<secret>`, and asking "
        "again with the same code and secret, after an answer was lost, gives the same device",
    )


class Enrolled(BaseModel):
    device_id: str
    credential: str = Field(description="shown once: send it as `Authorization: Bearer <credential>`")
    store: str
    city: str
    province: str


class Event(Strict):
    id: Ident = Field(description="unique per event; a repeated id is ignored")
    kind: str = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_.]*$")
    # An Instant, checked by the events route for all events at once (`is_time_text`) before
    # the model sees it: a validator here would cost a Python call per event.
    at: AwareDatetime = Field(description="a date and time as text with its UTC offset")
    session: Ident | None = None
    data: dict[str, Any] = Field(
        default_factory=dict,
        description="free-form: at most 8 levels deep, integers within 64 bits, finite numbers",
    )


class EventBatch(Strict):
    events: list[Event] = Field(
        description=f"at most {MAX_BATCH} events; each is stored or refused on its own"
    )


class EventsTaken(BaseModel):
    accepted: int = Field(description="events stored now")
    duplicates: int = Field(description="events this kiosk had sent before (ignored)")
    retimed: int = Field(
        description="of the stored events, those whose time was not plausible: filed at the time HQ "
        "received them, their own time kept as claimed"
    )
    refused: list[int] = Field(
        description="positions in the batch of events HQ will never store (see problems); "
        "every other event is stored"
    )
    problems: list[str] = Field(description="why, for the first refused events")


class PackVersion(Strict):
    id: str = Field(min_length=1, max_length=128)
    version: str = Field(min_length=1, max_length=64)
    scope: str = Field(min_length=1, max_length=64)


class Disk(Strict):
    free_bytes: int = Field(ge=0, le=2**60)
    total_bytes: int = Field(gt=0, le=2**60)

    @model_validator(mode="after")
    def _free_within_total(self) -> Disk:
        if self.free_bytes > self.total_bytes:
            raise PydanticCustomError("disk", "free_bytes is more than total_bytes")
        return self


class ErrorNote(Strict):
    at: Instant
    message: str = Field(max_length=1000)


class OutboxState(Strict):
    pending: int = Field(ge=0, le=2**40, description="events recorded and not yet acknowledged by HQ")
    by_kind: dict[Annotated[str, Field(max_length=64)], Annotated[int, Field(ge=0, le=2**40)]] = Field(
        default_factory=dict, max_length=100
    )
    dropped: int = Field(0, ge=0, le=2**40, description="events dropped at the outbox's cap, ever")
    quarantined: int = Field(0, ge=0, le=2**40, description="events HQ refused, kept and never resent")


class OrderQueue(Strict):
    pending: int = Field(ge=0, le=2**40, description="orders kept at the kiosk that HQ has not acknowledged")
    oldest_pending_at: Instant | None = Field(None, description="when the oldest of them was kept")
    waiting: int = Field(0, ge=0, le=2**40, description="orders HQ holds with no final answer yet")
    quarantined: int = Field(0, ge=0, le=2**40, description="orders HQ would not take, kept for staff")


class LeadQueue(Strict):
    pending: int = Field(
        ge=0, le=2**40, description="register entries kept at the kiosk that HQ has not acknowledged"
    )
    quarantined: int = Field(0, ge=0, le=2**40, description="entries HQ would not take, kept for staff")
    expired: int = Field(0, ge=0, le=2**40, description="entries HQ never had within their 30 days")


class SyncNote(Strict):
    at: Instant
    ok: bool
    message: str | None = Field(None, max_length=1000)


class Heartbeat(Strict):
    at: Instant
    app_version: str = Field(min_length=1, max_length=64)
    packs: list[PackVersion] = Field(max_length=50)
    disk: Disk
    uptime_s: float = Field(ge=0, le=10 * 366 * 86400, allow_inf_nan=False)
    errors: list[ErrorNote] = Field(default_factory=list, max_length=20, description="the latest errors")
    outbox: OutboxState | None = None
    orders: OrderQueue | None = Field(None, description="the kiosk's customers' orders on their way to HQ")
    leads: LeadQueue | None = Field(None, description="the register of interested customers on its way to HQ")
    last_sync: SyncNote | None = Field(None, description="the kiosk's last sync round and how it ended")
    previous_packs: list[PackVersion] = Field(
        default_factory=list, max_length=50, description="the pack set kept for rollback"
    )
    voice: str | None = Field(
        None,
        max_length=200,
        pattern=r"^[!-~]*$",
        description="the spoken guidance: ok, or why customers do not hear it (mutedByStaff, quietHours, "
        "noEngine, noVoice:LANGS)",
    )


class HeartbeatTaken(BaseModel):
    server_time: datetime


#: An order id, made by the kiosk (a UUID): in the body and in `/v1/orders/{order_id}`.
ORDER_ID: dict[str, Any] = {"min_length": 8, "max_length": 64, "pattern": r"^[A-Za-z0-9][A-Za-z0-9_-]*$"}


#: Text shown to the customer: no control characters (no line breaks forged into an SMS).
SHOWN_TEXT = r"^[^\x00-\x1f\x7f]*$"


class Localized(Strict):
    """A text as the kiosk showed it, in each of its languages (either may be left out)."""

    zh_CN: str | None = Field(None, alias="zh-CN", max_length=200, pattern=SHOWN_TEXT)
    en: str | None = Field(None, max_length=200, pattern=SHOWN_TEXT)


#: A status token: made by the kiosk (at least 128 random bits), printed in the receipt's
#: QR code as the address of the order's public status page, /o/{token}.
STATUS_TOKEN: dict[str, Any] = {"min_length": 32, "max_length": 64, "pattern": r"^[A-Za-z0-9_-]+$"}


class OrderRequest(Strict):
    id: str = Field(**ORDER_ID)
    service: str = Field(min_length=1, max_length=128, pattern=r"^[!-~]+$")
    offer: str | None = Field(None, max_length=128, pattern=r"^[!-~]+$")
    phone: str = Field(min_length=1, max_length=32)
    price_fen: int = Field(ge=0, le=10_000_000, description="the monthly price shown to the customer, in fen")
    placed_at: Instant
    confirmation: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        description="from POST /v1/otp/verify; required with second_step code, absent with sms_reply",
    )
    second_step: Literal["code", "sms_reply"] | None = Field(
        None,
        description="how the customer confirms: code (the default: `confirmation` from a verified code) "
        "or sms_reply (HQ texts the number and a reply Y confirms; no `confirmation`)",
    )
    status_token: str | None = Field(
        None,
        **STATUS_TOKEN,
        description="made by the kiosk, at least 128 random bits; the order's public status page is "
        "/o/{status_token}. HQ keeps only its SHA-256",
    )
    service_name: Localized | None = Field(
        None, description="the service's name as shown, for the SMS and status page"
    )
    price_text: Localized | None = Field(None, description="the price sentence as shown")
    staff: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        pattern=r"^[ -~]+$",
        description="the staff member signed in at the kiosk",
    )
    marketing_opt_in: Annotated[bool, Field(strict=True)] = Field(
        False, description="the customer ticked the separate box for marketing messages"
    )
    consented_at: Instant | None = Field(
        None, description="when the customer ticked consent; required with second_step"
    )


class LeadRequest(Strict):
    """A register entry (docs/hq-api.md, "Register"): no store, HQ takes it from the credential."""

    id: str = Field(**ORDER_ID, description="made by the kiosk (a UUID); a resent entry is the same entry")
    created_at: Instant = Field(description="when staff saved it at the kiosk")
    staff: str = Field(
        min_length=1, max_length=64, pattern=r"^[ -~]+$", description="the staff member signed in"
    )
    service: str = Field(min_length=1, max_length=128, pattern=r"^[!-~]+$")
    service_name: Localized | None = Field(None, description="the service's name as the form showed it")
    phone: str = Field(min_length=1, max_length=32)
    call_day: str = Field(
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description="the store's local day to call, YYYY-MM-DD"
    )
    call_part: Literal["morning", "afternoon", "evening"]
    consent: Annotated[bool, Field(strict=True)] = Field(
        description="true: the customer ticked the consent box; an entry without it is never taken"
    )
    consented_at: Instant
    session: Ident | None = None

    @field_validator("consent")
    @classmethod
    def _consented(cls, value: bool) -> bool:
        if value is not True:
            raise PydanticCustomError(
                "consent", "must be true: an entry is kept only with the customer's consent"
            )
        return value


class LeadState(BaseModel):
    id: str
    status: Literal["received"]
    created_at: datetime = Field(description="when the entry was made, as HQ files it")
    received_at: datetime


class OrderState(BaseModel):
    id: str
    status: str = Field(
        description="received (not yet answered), awaiting_reply (waiting for the customer's SMS "
        "reply), accepted, rejected, failed, declined (the customer replied N) or expired (no reply Y "
        "in time)"
    )
    reason: str | None = Field(
        description="why it was rejected, failed, declined or expired, or what the "
        "customer is to do while awaiting_reply; for the customer"
    )
    reference: str | None = Field(
        description="the operator's reference for an accepted order (TEST-... for a test order)"
    )
    created_at: datetime
    updated_at: datetime
    test: bool = Field(description="a test number's order: accepted by HQ itself, never forwarded")
    second_step: Literal["code", "sms_reply"]


class InboundSms(Strict):
    id: str = Field(min_length=1, max_length=128, pattern=r"^[!-~]+$", description="the gateway's message id")
    from_: str = Field(alias="from", min_length=1, max_length=32, description="the sender's number")
    text: str = Field(max_length=1600)
    received_at: Instant | None = Field(None, description="when the gateway received the message")


class InboundTaken(BaseModel):
    order: str | None = Field(description="the order the message confirmed or declined")
    action: Literal["confirmed", "declined", "none"]


class CodeRequest(Strict):
    phone: str = Field(min_length=1, max_length=32)


class CodeSent(BaseModel):
    challenge: str
    expires_at: datetime
    resend_after_s: int


class CodeCheck(Strict):
    challenge: str = Field(min_length=1, max_length=64)
    code: str = Field(pattern=r"^\s*[0-9]{6}\s*$")


class CodeVerdict(BaseModel):
    verified: bool
    confirmation: str | None = Field(description="for the order; only when verified")
    attempts_left: int


class Problem(BaseModel):
    error: str
    problems: list[str] = Field(default_factory=list, description="`path: reason`, at most 20 and a count")


#: The request bodies, for the OpenAPI document (routes read their bodies themselves).
REQUEST_BODIES: tuple[type[BaseModel], ...] = (
    EnrolRequest,
    Event,
    EventBatch,
    Heartbeat,
    OrderRequest,
    LeadRequest,
    Localized,
    CodeRequest,
    CodeCheck,
    InboundSms,
)
