"""The interested-customer register (the seeds' 意向客户登记): signed-in staff note a customer
who wants a call about a service, with the customer's consent (docs/staff.md, "Register").

One `Registration` is one entry from the form's opening to its receipt line, with every rule
of it and no I/O of its own. Steps:

    CONSENT --consent_done--> NUMBER --number_done--> DETAILS --save--> SAVED
       ^                        |  ^                     |
       +-------- back ----------+  +------- back --------+

and `cancel` (Cancel, Home, the session's idle end) from any step closes it. The consent box
comes first and is never ticked for the customer: without it nothing goes on. The entry is
written by `LeadBook.keep`, which returns only once it is durable, and only then does the
receipt line show; one form keeps at most one entry (its id is made when the form opens, and
a second Save after a failed one keeps the same id).

The customer's full number lives in this object only until the entry is kept (or the form
closes); SAVED shows it masked. Events never carry it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from kiosk.domain.phone import masked, normalize_mobile
from kiosk.errors import KioskError
from kiosk.flow.clock import Record
from kiosk.flow.mobile import MobileEntry

#: The parts of the day staff call in, with the local hour each ends at: a part of today
#: that has ended is not offered.
PARTS: tuple[tuple[str, int], ...] = (("morning", 12), ("afternoon", 18), ("evening", 21))
PART_NAMES = tuple(name for name, _ in PARTS)
#: The days offered, as days from today.
DAYS: tuple[tuple[str, int], ...] = (("today", 0), ("tomorrow", 1), ("dayAfter", 2))
DAY_NAMES = tuple(name for name, _ in DAYS)
#: How long the customer's full number is kept at most (the words they agree to say so;
#: HQ's retention and the kiosk's own keep to it).
KEPT_DAYS = 30


class Step(StrEnum):
    CLOSED = "closed"
    CONSENT = "consent"  # the customer reads what happens and ticks the box
    NUMBER = "number"  # the keypad
    DETAILS = "details"  # the service of interest, when to call, Save
    SAVED = "saved"  # the receipt line


class Problem(StrEnum):
    """Why staff cannot go on now; worded by `kiosk.present.register`."""

    NONE = ""
    NO_CONSENT = "noConsent"
    NOT_MOBILE_START = "notMobileStart"
    NOT_MOBILE_PREFIX = "notMobilePrefix"
    TOO_FEW_DIGITS = "tooFewDigits"
    NO_WHEN = "noWhen"  # Save before a part of the day is chosen
    NO_STAFF = "noStaff"  # nobody is signed in any more
    NOT_KEPT = "notKept"  # the entry could not be written on this kiosk


class LeadNotKeptError(KioskError):
    """The entry could not be made durable on this kiosk (disk full, read-only folder)."""


@dataclass(frozen=True)
class Lead:
    """A register entry as the kiosk keeps it and sends it to HQ (`POST /v1/leads`)."""

    id: str
    staff: str
    service: str
    #: The service's name per language, as the form showed it (for HQ's listing).
    service_name: dict[str, str]
    phone: str
    #: The store's local day to call, and the part of it.
    call_day: date
    call_part: str
    created_at: datetime
    consented_at: datetime
    session: str | None = None


class LeadBook(Protocol):
    def keep(self, lead: Lead) -> None:
        """Make `lead` durable (the same id again keeps the first); LeadNotKeptError when it
        cannot be."""
        ...


@dataclass(frozen=True)
class Choice:
    """A service the entry may be about."""

    service: str
    name: dict[str, str] = field(default_factory=dict)


def wall_clock() -> datetime:
    return datetime.now(UTC)


class Registration:
    def __init__(
        self,
        record: Record,
        book: LeadBook,
        *,
        staff: Callable[[], str | None],
        local_now: Callable[[], datetime],
        wall: Callable[[], datetime] = wall_clock,
        session: Callable[[], str | None] = lambda: None,
    ) -> None:
        """`staff`: who is signed in now (None: nobody, and nothing is saved); `local_now`:
        the store's local time (which days and parts are offered); `wall`: UTC, stamped on
        the entry."""
        self._record = record
        self._book = book
        self._staff = staff
        self._local_now = local_now
        self._wall = wall
        self._session = session
        self._reset()

    def _reset(self) -> None:
        self.step = Step.CLOSED
        self.problem = Problem.NONE
        self.consent = False
        self.choices: tuple[Choice, ...] = ()
        self.service: Choice | None = None
        self.day = "tomorrow"
        self.part = ""
        #: The entry kept (SAVED); its number is masked here.
        self.saved: Lead | None = None
        self._number = MobileEntry()
        self._consented_at: datetime | None = None
        self._id = ""

    # -- what shows -------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.step != Step.CLOSED

    @property
    def digits(self) -> str:
        """The number typed so far (in full only on the keypad)."""
        return self._number.digits

    @property
    def masked_number(self) -> str:
        return self._number.masked

    @property
    def entry_id(self) -> str:
        return self._id

    def day_open(self, day: str) -> bool:
        """Whether any part of `day` is still ahead."""
        return any(self.part_open(day, part) for part in PART_NAMES)

    def part_open(self, day: str, part: str) -> bool:
        """Whether `part` of `day` has not ended yet (only today's can have)."""
        if day != "today":
            return day in DAY_NAMES and part in PART_NAMES
        ends = dict(PARTS).get(part)
        return ends is not None and self._local_now().hour < ends

    def call_day(self) -> date:
        return self._local_now().date() + timedelta(days=dict(DAYS)[self.day])

    # -- opening and closing ----------------------------------------------------------------
    def open(self, service: str, choices: Sequence[Choice]) -> bool:
        """The form opens, about `service` (the one shown when staff opened it), changeable
        to any of `choices`. An open form is cancelled first."""
        if self.active:
            self.cancel("restarted")
        self._reset()
        self.choices = tuple(choices)
        self.service = next((c for c in self.choices if c.service == service), None)
        if self.service is None:
            self.service = Choice(service)
            self.choices = (self.service, *self.choices)
        self.step = Step.CONSENT
        self._id = str(uuid.uuid4())
        self._record("register_start", service=service)
        return True

    def cancel(self, reason: str = "cancel") -> bool:
        """Cancel, Home, idle: the form closes and the number is forgotten."""
        if not self.active:
            return False
        if self.step == Step.SAVED:
            return self.done(reason)
        self._record("register_cancel", step=self.step.value, reason=reason)
        self._reset()
        return True

    def done(self, reason: str = "done") -> bool:
        if self.step != Step.SAVED:
            return False
        self._record("register_done", reason=reason, lead=self._id)
        self._reset()
        return True

    def back(self) -> bool:
        """One step back (the consent step has none: Cancel closes the form)."""
        if self.step == Step.NUMBER:
            self.step = Step.CONSENT
        elif self.step == Step.DETAILS:
            self.step = Step.NUMBER
        else:
            return False
        self.problem = Problem.NONE
        return True

    # -- the consent ------------------------------------------------------------------------
    def set_consent(self, on: bool) -> bool:
        if self.step != Step.CONSENT or on == self.consent:
            return False
        self.consent = on
        self._consented_at = self._wall() if on else None
        if on and self.problem is Problem.NO_CONSENT:
            self.problem = Problem.NONE
        return True

    def consent_done(self) -> bool:
        if self.step != Step.CONSENT:
            return False
        if not self.consent:
            self.problem = Problem.NO_CONSENT
            return False
        self.problem = Problem.NONE
        self.step = Step.NUMBER
        self._record("register_consent", service=self._service_id())
        return True

    # -- the number -------------------------------------------------------------------------
    def digit(self, d: str) -> bool:
        return self._edit(lambda number: number.type(d))

    def erase(self) -> bool:
        return self._edit(MobileEntry.erase)

    def clear_number(self) -> bool:
        return self._edit(MobileEntry.clear)

    def _edit(self, change: Callable[[MobileEntry], bool]) -> bool:
        if self.step != Step.NUMBER or not change(self._number):
            return False
        self.problem = Problem(self._number.problem().value)
        return True

    def number_done(self) -> bool:
        if self.step != Step.NUMBER:
            return False
        self.problem = Problem(self._number.problem(done=True).value)
        if self.problem is not Problem.NONE:
            return False
        self.step = Step.DETAILS
        if not self.day_open(self.day):
            self.day = "tomorrow"
        return True

    # -- the details ------------------------------------------------------------------------
    def set_service(self, service: str) -> bool:
        if self.step != Step.DETAILS:
            return False
        chosen = next((c for c in self.choices if c.service == service), None)
        if chosen is None or chosen == self.service:
            return False
        self.service = chosen
        return True

    def set_day(self, day: str) -> bool:
        if self.step != Step.DETAILS or day not in DAY_NAMES or day == self.day or not self.day_open(day):
            return False
        self.day = day
        if self.part and not self.part_open(day, self.part):
            self.part = ""
        return True

    def set_part(self, part: str) -> bool:
        if self.step != Step.DETAILS or part == self.part or not self.part_open(self.day, part):
            return False
        self.part = part
        if self.problem is Problem.NO_WHEN:
            self.problem = Problem.NONE
        return True

    def save(self) -> bool:
        """Keep the entry; SAVED only once the book says it is durable."""
        if self.step != Step.DETAILS:
            return False
        if not self.part:
            self.problem = Problem.NO_WHEN
            return False
        staff = self._staff()
        if not staff:
            self.problem = Problem.NO_STAFF
            return False
        assert self.service is not None and self._consented_at is not None
        lead = Lead(
            id=self._id,
            staff=staff,
            service=self.service.service,
            service_name=dict(self.service.name),
            phone=normalize_mobile(self._number.digits),
            call_day=self.call_day(),
            call_part=self.part,
            created_at=self._wall(),
            consented_at=self._consented_at,
            session=self._session(),
        )
        try:
            self._book.keep(lead)
        except LeadNotKeptError:
            self.problem = Problem.NOT_KEPT
            self._record("register_not_kept", lead=lead.id)
            return False
        self.problem = Problem.NONE
        self.step = Step.SAVED
        # From here on only the masked number is held.
        self.saved = replace(lead, phone=masked(lead.phone))
        self._number = MobileEntry()
        self._record(
            "register_saved",
            lead=lead.id,
            service=lead.service,
            staff=staff,
            call_day=lead.call_day.isoformat(),
            call_part=lead.call_part,
        )
        return True

    def _service_id(self) -> str | None:
        return self.service.service if self.service else None
