"""The register form's bridge: QML's taps to a `Registration`, its state to QML.

Every rule is `kiosk.flow.register.Registration`'s; every sentence `kiosk.present.register`'s.
The form is for signed-in staff only: `staffSignedIn` gates `open` (the shell binds it to
`kiosk.staff.signedIn`), and the entry is credited to whoever `staff()` says is signed in
when it is saved (the shell's `use_staff(kiosk.staff_controller.current)`). The register
book arrives with `use_leads` (the running kiosk's `LocalLeads`, once it is enrolled at HQ).
Cancel, Home and the session's end (idle) close the form and forget the number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.register import Choice, LeadBook, Registration, Step
from kiosk.packs.model import LANGUAGES
from kiosk.present.register import RegisterFace, register_choices, register_face
from kiosk.ui.catalog import ContentController
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.props import RowView, readonly

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: Services offered to change to, beyond the one the form was opened on (the TOP-10's first).
MORE_SERVICES = 5


@QmlElement
@QmlUncreatable("Made by the register controller")
class RegisterView(RowView, row=RegisterFace):
    """The form's step on show."""


@QmlElement
@QmlUncreatable("Made by the kiosk")
class RegisterController(QObject):
    activeChanged = Signal()
    availableChanged = Signal()
    choicesChanged = Signal()

    def __init__(
        self,
        content: ContentController,
        language: LanguageController,
        recorder: Recorder,
        *,
        timezone: str,
        staff: Callable[[], str | None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._language = language
        self._recorder = recorder
        self._staff = staff
        self._clock = clock
        self._zone = ZoneInfo(timezone)
        self._book: LeadBook | None = None
        self._send_now: Callable[[], None] = lambda: None
        self._reg: Registration | None = None
        self._signed_in = False
        self._active = False
        self._choices: list[dict[str, Any]] = []
        self._face = RegisterView(self)
        language.languageChanged.connect(self._publish)

    face = readonly(QObject, "_face")
    active = readonly(bool, "_active", activeChanged)

    def _get_choices(self) -> list[dict[str, Any]]:
        return self._choices

    #: The details step's large choices: {group, id, label, chosen, enabled}.
    choices = Property("QVariantList", _get_choices, notify=choicesChanged)

    def _get_signed_in(self) -> bool:
        return self._signed_in

    def _set_signed_in(self, on: bool) -> None:
        if on == self._signed_in:
            return
        self._signed_in = on
        if not on:
            self.close("signed_out")
        self.availableChanged.emit()

    #: Staff are signed in (the form's button shows and `open` works only then).
    staffSignedIn = Property(bool, _get_signed_in, _set_signed_in, notify=availableChanged)

    def _get_available(self) -> bool:
        return self._signed_in and self._reg is not None

    #: The register can be opened now: staff signed in and the register book at hand.
    available = Property(bool, _get_available, notify=availableChanged)

    def use_leads(self, book: LeadBook, send_now: Callable[[], None] = lambda: None) -> None:
        """The register book entries are kept in, and what sends them at once."""
        self._book = book
        self._send_now = send_now
        self._reg = Registration(
            self._recorder.record,
            book,
            staff=self._staff,
            local_now=self.local_now,
            wall=self._clock,
            session=lambda: self._recorder.session,
        )
        self.availableChanged.emit()

    def use_clock(self, clock: Callable[[], datetime]) -> None:
        """The wall clock (UTC) the form reads days by and stamps entries with; before
        `use_leads`."""
        self._clock = clock

    def use_staff(self, staff: Callable[[], str | None]) -> None:
        """Who is signed in (the staff sign-in's `current`)."""
        self._staff = staff
        if self._reg is not None:
            self._reg._staff = staff

    def local_now(self) -> datetime:
        return self._clock().astimezone(self._zone)

    # Typed access for Python callers.
    @property
    def registration(self) -> Registration | None:
        return self._reg

    @property
    def shown_face(self) -> RegisterFace:
        return self._face._row

    # -- slots ------------------------------------------------------------------------------
    @Slot(str, result=bool)
    def open(self, service_id: str) -> bool:
        """The form opens about `service_id` (the service on show; with none, or one not on
        show, the TOP-10's first); False when staff are not signed in or there is no register
        here."""
        if self._reg is None or not self._signed_in:
            return False
        view = self._content.view
        choices: list[Choice] = []
        if view is not None:
            opened = view.service(service_id)
            ordered = ([opened] if opened is not None else []) + [s for s in view.top10 if s.id != service_id]
            for service in ordered[: MORE_SERVICES + 1]:
                choices.append(Choice(service.id, {lang: service.name.get(lang) for lang in LANGUAGES}))
        if (view is None or view.service(service_id) is None) and choices:
            service_id = choices[0].service  # no service on show (home): the TOP-10's first
        self._reg.open(service_id, choices)
        self._publish()
        return True

    @Slot(str)
    def close(self, reason: str = "cancel") -> None:
        if self._reg is not None and self._reg.cancel(reason):
            self._publish()

    @Slot()
    def cancel(self) -> None:
        self.close("cancel")

    @Slot()
    def done(self) -> None:
        if self._reg is not None and self._reg.done():
            self._publish()

    @Slot()
    def back(self) -> None:
        self._move(lambda r: r.back())

    @Slot(bool)
    def setConsent(self, on: bool) -> None:
        self._move(lambda r: r.set_consent(on))

    @Slot()
    def consentDone(self) -> None:
        self._move(lambda r: r.consent_done(), always=True)

    @Slot(str)
    def digit(self, d: str) -> None:
        self._move(lambda r: r.digit(d))

    @Slot()
    def erase(self) -> None:
        self._move(lambda r: r.erase())

    @Slot()
    def clear(self) -> None:
        self._move(lambda r: r.clear_number())

    @Slot()
    def numberDone(self) -> None:
        self._move(lambda r: r.number_done(), always=True)

    @Slot(str, str)
    def choose(self, group: str, choice_id: str) -> None:
        """A tap on one of the details step's choices."""
        match group:
            case "service":
                self._move(lambda r: r.set_service(choice_id))
            case "day":
                self._move(lambda r: r.set_day(choice_id))
            case "part":
                self._move(lambda r: r.set_part(choice_id))

    @Slot()
    def save(self) -> None:
        if self._reg is None:
            return
        saved = self._reg.save()
        self._publish()
        if saved:
            try:
                self._send_now()
            except Exception:
                log.exception("register: the entry is kept, but the sender could not be woken")

    # -- internals --------------------------------------------------------------------------
    def _move(self, move: Callable[[Registration], bool], *, always: bool = False) -> None:
        if self._reg is None:
            return
        if move(self._reg) or always:
            self._publish()

    def _publish(self) -> None:
        reg = self._reg
        lang = self._language.language
        if reg is None:
            self._face.show(None)
            return
        self._face.show(register_face(reg, lang))
        chips = [
            {"group": c.group, "id": c.id, "label": c.label, "chosen": c.chosen, "enabled": c.enabled}
            for c in register_choices(reg, lang)
        ]
        if chips != self._choices:
            self._choices = chips
            self.choicesChanged.emit()
        active = reg.step is not Step.CLOSED
        if active != self._active:
            self._active = active
            self.activeChanged.emit()
