"""The staff session's bridge (`kiosk.staff`): the sign-in pad, the signed-in badge and its
menu, and "My figures".

The rules (the pad, the roster's check, the lockout, the sign-outs) are
`kiosk.flow.staff.StaffSession`'s. This controller feeds it the window's input (an event
filter that never consumes: every press is a touch) and the customer's session starting
and ending, wakes it when it asks, and puts the signed-in number on the `Recorder`, so
every event and order made meanwhile is credited (docs/staff.md).

My figures are gathered off the UI thread (HQ may take seconds to answer on a bad link)
and delivered back by a queued signal: HQ's when it answers, this kiosk's own otherwise.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable
from PySide6.QtQuick import QQuickWindow

from kiosk.config import Settings
from kiosk.domain.staff import DEFAULT_POINTS, Roster
from kiosk.flow.clock import Now, monotonic
from kiosk.flow.staff import LockStore, Reason, StaffSession, Stage
from kiosk.present.figures import (
    FigureRow,
    FiguresFace,
    StaffFigures,
    count,
    figure_rows,
    from_hq,
    merged,
    since,
)
from kiosk.present.staff import BadgeFace, StaffPadFace, badge_face, pad_face
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.models import RowModel
from kiosk.ui.props import RowView, readonly
from kiosk.ui.session import SessionController
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}


@QmlElement
@QmlUncreatable("Made by the staff controller")
class StaffPadView(RowView, row=StaffPadFace):
    """The sign-in pad: shown, the step (number, PIN), its state, what is typed, the wait."""


@QmlElement
@QmlUncreatable("Made by the staff controller")
class FiguresView(RowView, row=FiguresFace):
    """My figures: shown, loading, their source (HQ or this kiosk), when."""


@QmlElement
@QmlUncreatable("Made by the staff controller")
class FigureModel(RowModel):
    ROW = FigureRow


#: Gathers a member's figures: (settings, staff number, now) -> (figures, why not HQ's).
Gather = Callable[[Settings, str, datetime], tuple[StaffFigures, str]]


def gather_figures(settings: Settings, staff: str, now: datetime) -> tuple[StaffFigures, str]:
    """HQ's figures when the kiosk is enrolled and HQ answers, with what this kiosk has not
    sent HQ yet added; else this kiosk's ledger's; with the reason HQ's are not shown (""
    when they are). On a worker thread."""
    from kiosk.present.figures import FiguresError
    from kiosk.sync.errors import SyncError
    from kiosk.sync.hqclient import HqClient
    from kiosk.sync.identity import load_identity
    from kiosk.sync.staff_local import FIGURES_TIMEOUT, hq_figures, ledger_records

    problem = ""
    roster = _installed_roster(settings.data_dir)
    points = roster.points if roster is not None else DEFAULT_POINTS
    try:
        identity = load_identity(settings.data_dir)
    except SyncError as e:
        identity, problem = None, str(e)
    if identity is None:
        problem = problem or "notEnrolled"
    else:
        client = HqClient(identity.hq_url, identity.credential, timeout=FIGURES_TIMEOUT)
        try:
            answer = from_hq(hq_figures(client, staff), staff)
            tz = ZoneInfo(settings.timezone)
            demos, orders, leads = ledger_records(settings.ledger_path, staff, since(now, tz), unsent=True)
            return merged(answer, count(staff, demos, orders, leads, now, tz, points)), ""
        except (SyncError, FiguresError) as e:
            log.info("HQ's figures of staff %s not shown: %s", staff, e)
            problem = "unreachable"
        finally:
            client.close()
    tz = ZoneInfo(settings.timezone)
    demos, orders, leads = ledger_records(settings.ledger_path, staff, since(now, tz))
    return count(staff, demos, orders, leads, now, tz, points), problem


def _installed_roster(data_dir: Path) -> Roster | None:
    from kiosk.sync.roster import installed_roster

    return installed_roster(data_dir)


@QmlElement
@QmlUncreatable("Made by the kiosk")
class StaffController(QObject):
    #: The badge: signedIn, number, name, role.
    changed = Signal()
    menuChanged = Signal()
    #: From the worker thread, delivered on the UI thread: (generation, result).
    _gathered = Signal(int, object)

    def __init__(
        self,
        settings: Settings,
        recorder: Recorder,
        language: LanguageController,
        session: SessionController,
        *,
        now: Now = monotonic,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        roster: Callable[[], Roster | None] | None = None,
        locks: LockStore | None = None,
        gather: Gather | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`roster`: the installed roster now (default: read from the data folder at each
        use); `locks`: where the lockout is kept (default: the data folder's); `gather`:
        how My figures are gathered (default: `gather_figures`, on a thread)."""
        super().__init__(parent)
        from kiosk.sync.staff_local import LockFile

        self._settings = settings
        self._recorder = recorder
        self._language = language
        self._session = session
        self._clock = clock
        self._gather = gather or gather_figures
        closing = time.fromisoformat(settings.staff_closing) if settings.staff_closing else None
        self._staff = StaffSession(
            roster or (lambda: _installed_roster(settings.data_dir)),
            locks if locks is not None else LockFile(settings.data_dir),
            recorder.record_staff,
            now,
            clock,
            tz=ZoneInfo(settings.timezone),
            closing=closing,
            idle_s=settings.staff_idle_s,
        )
        self._waker = Waker(self._staff.next_wake, self.tick, now, self)
        self._now = now
        self._window: QQuickWindow | None = None
        self._badge = BadgeFace()
        self._menu = False
        self._generation = 0
        self._pad = StaffPadView(self)
        self._figures = FiguresView(self)
        self._rows = FigureModel(self)
        self._gathered.connect(self._take)
        session.activeChanged.connect(self._customer)
        language.languageChanged.connect(self._publish)

    # -- what QML reads -------------------------------------------------------------------
    signedIn = readonly(bool, "_badge.signed_in", changed)
    number = readonly(str, "_badge.number", changed)
    name = readonly(str, "_badge.name", changed)
    role = readonly(str, "_badge.role", changed)
    #: The badge's menu (My figures, Sign out) is open.
    menuShown = readonly(bool, "_menu", menuChanged)
    pad = readonly(QObject, "_pad")
    figures = readonly(QObject, "_figures")
    figureRows = readonly(QObject, "_rows")

    # Typed access for Python callers.
    @property
    def session(self) -> StaffSession:
        return self._staff

    def current(self) -> str | None:
        """The signed-in staff number (None: nobody), as credited on events and orders."""
        return self._staff.current

    @property
    def shown_pad(self) -> StaffPadFace:
        return self._pad._row

    @property
    def shown_badge(self) -> BadgeFace:
        return self._badge

    @property
    def shown_figures(self) -> FiguresFace:
        return self._figures._row

    @property
    def shown_rows(self) -> list[FigureRow]:
        return list(self._rows._rows)

    def attach(self, window: QQuickWindow) -> None:
        """Watch `window`'s input: every press keeps the pad and the sign-in alive."""
        self._window = window
        window.installEventFilter(self)

    def detach(self) -> None:
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PRESS and self._staff.stage != Stage.SIGNED_OUT:
            self._staff.touch()
            self._waker.schedule()
        return False

    # -- the pad --------------------------------------------------------------------------
    @Slot()
    def openPad(self) -> None:
        self._staff.open_pad()
        self._publish()

    @Slot(str)
    def digit(self, d: str) -> None:
        self._staff.digit(d)
        self._publish()

    @Slot()
    def erase(self) -> None:
        self._staff.erase()
        self._publish()

    @Slot()
    def next(self) -> None:
        self._staff.next()
        self._publish()

    @Slot()
    def back(self) -> None:
        self._staff.back()
        self._publish()

    @Slot()
    def submit(self) -> None:
        # The slow hash (about 50-70 ms) runs here: tried seldom, and the pad must not take
        # another digit until it is known.
        self._staff.submit()
        self._publish()

    @Slot()
    def cancel(self) -> None:
        self._staff.cancel()
        self._publish()

    # -- signed in ------------------------------------------------------------------------
    @Slot()
    def openMenu(self) -> None:
        if self._staff.signed_in:
            self._set_menu(not self._menu)

    @Slot()
    def closeMenu(self) -> None:
        self._set_menu(False)

    @Slot()
    def signOut(self) -> None:
        self._staff.sign_out(Reason.USER)
        self._publish()

    @Slot()
    def openFigures(self) -> None:
        number = self._staff.current
        if number is None:
            return
        self._set_menu(False)
        generation = self._generation = self._generation + 1
        self._figures.show(FiguresFace(shown=True, loading=True))
        settings, now, gather = self._settings, self._clock(), self._gather

        def run() -> None:
            try:
                result: Any = gather(settings, number, now)
            except Exception as e:  # shown as no figures, not lost in a thread
                log.exception("staff figures failed")
                result = e
            self._gathered.emit(generation, result)

        threading.Thread(target=run, name="kiosk-staff-figures", daemon=True).start()

    @Slot()
    def closeFigures(self) -> None:
        self._generation += 1
        self._figures.show(FiguresFace())

    def use_roster(self, roster: Callable[[], Roster | None], locks: LockStore) -> None:
        """Another roster and lockout keeper (screenshots and tests); only while signed out."""
        if self._staff.stage != Stage.SIGNED_OUT:
            raise RuntimeError("sign out before changing the roster's source")
        old = self._staff
        self._staff = StaffSession(
            roster, locks, self._recorder.record_staff, self._now, self._clock, **old.settings()
        )
        self._waker.stop()
        self._waker = Waker(self._staff.next_wake, self.tick, self._now, self)
        self._publish()

    def roster_changed(self) -> None:
        """Sync installed a roster: a member it no longer holds is signed out."""
        self._staff.roster_changed()
        self._publish()

    def show_figures(self, figures: StaffFigures, hq_problem: str = "") -> None:
        """My figures shown at once from `figures` (screenshots and tests)."""
        self._set_menu(False)
        self._generation += 1
        self._show_figures(figures, hq_problem)

    def tick(self) -> None:
        self._staff.tick()
        self._publish()

    def stop(self) -> None:
        self._waker.stop()

    # -- showing --------------------------------------------------------------------------
    @Slot()
    def _customer(self) -> None:
        self._staff.customer(self._session.active)
        self._waker.schedule()

    def _publish(self) -> None:
        staff = self._staff
        self._waker.schedule()
        self._pad.show(pad_face(staff))
        self._recorder.staff = staff.current
        badge = badge_face(staff, self._language.language)
        if badge != self._badge:
            self._badge = badge
            self.changed.emit()
        if not badge.signed_in:
            self._set_menu(False)
            if self.shown_figures.shown:
                self.closeFigures()

    def _set_menu(self, shown: bool) -> None:
        if shown != self._menu:
            self._menu = shown
            self.menuChanged.emit()

    @Slot(int, object)
    def _take(self, generation: int, result: Any) -> None:
        if generation != self._generation or not self._staff.signed_in:
            return
        if isinstance(result, Exception):
            self._figures.show(replace(self.shown_figures, loading=False, source=""))
            self._rows.sync([])
            return
        figures, problem = result
        self._show_figures(figures, problem)

    def _show_figures(self, figures: StaffFigures, hq_problem: str) -> None:
        at = self._clock().astimezone(ZoneInfo(self._settings.timezone)).strftime("%H:%M")
        self._rows.sync(figure_rows(figures))
        self._figures.show(
            FiguresFace(
                shown=True,
                loading=False,
                source=figures.source,
                hq_problem=hq_problem,
                at=at,
                points_order=figures.weights.confirmed_order,
                points_lead=figures.weights.lead,
                points_demo=figures.weights.demo,
            )
        )
