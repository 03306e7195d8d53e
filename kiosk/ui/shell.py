"""Build the kiosk UI: the controllers, the QML engine and the window, wired together.

`KioskShell` is what `app.run`, `screenshot.screenshot` and the UI tests all use, so the
window a test drives is the window a customer touches. It builds the UI into the window of a
`Boot` (the one `kiosk run` showed before anything else was imported, or a new one). QML
receives one object, `KioskController`, with the controllers as properties.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.flow.clock import Now, monotonic
from kiosk.ui.access import AccessController
from kiosk.ui.attract import AttractController
from kiosk.ui.boot import Boot
from kiosk.ui.catalog import Clock, ContentController, system_clock
from kiosk.ui.demo import DemoController
from kiosk.ui.events import EventSink, Recorder
from kiosk.ui.icons import IconProvider
from kiosk.ui.images import PictureShelf, RoundedImageProvider, prefetch
from kiosk.ui.language import LanguageController
from kiosk.ui.maintenance import MaintenanceController
from kiosk.ui.navigation import MAINTENANCE, Navigator
from kiosk.ui.presenter import PresenterController
from kiosk.ui.props import readonly
from kiosk.ui.register import RegisterController
from kiosk.ui.session import SessionController
from kiosk.ui.staff import StaffController
from kiosk.ui.subscribe import HqBase, SubscribeController, enrolled_hq
from kiosk.ui.video import VideoController
from kiosk.ui.voice import VoiceController

if TYPE_CHECKING:
    from kiosk.flow.subscribe import Confirmations, OrderBook
    from kiosk.ui.sync import SyncController

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: In the data folder: finished card pictures, kept for the next start.
PICTURES = "pictures"


@QmlElement
@QmlUncreatable("Made by the kiosk shell")
class KioskController(QObject):
    """Everything QML may use, as one object handed to `Main.qml`."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog | None,
        recorder: Recorder,
        clock: Clock,
        parent: QObject | None = None,
        now: Now = monotonic,
        tts_engine: str = "",
    ) -> None:
        super().__init__(parent)
        self._language = LanguageController(settings.language, recorder, self)
        self._content = ContentController(catalog, self._language, clock, self)
        self._session = SessionController(
            settings.idle_timeout_s, settings.idle_countdown_s, recorder, self, now
        )
        self._demo = DemoController(self._language, recorder, self, now)
        self._video = VideoController(self._language, recorder, self)
        self._attract = AttractController(self._content, recorder, self, now)
        self._subscribe = SubscribeController(self._content, self._language, recorder, now=now, parent=self)
        # The register of interested customers (staff only); closed at the session's end.
        self._register = RegisterController(
            self._content, self._language, recorder, timezone=settings.timezone, clock=clock, parent=self
        )
        self._session.ended.connect(self._register.close)
        self._nav = Navigator(
            self._content,
            self._session,
            self._demo,
            self._video,
            self._language,
            recorder,
            self._subscribe,
            self,
        )
        self._maintenance = MaintenanceController(
            settings, self._nav, recorder, now=now, clock=clock, parent=self
        )
        # Modes chosen on the attract loop lapse after the idle time if no session starts.
        self._access = AccessController(
            settings.idle_timeout_s,
            self._session,
            recorder,
            (self._attract.loop, self._demo.run),
            self,
            now,
        )
        self._nav.screenChanged.connect(self._staff_screen)
        self._presenter = PresenterController(self._content, self._demo, self._language, self._session, self)
        self._staff = StaffController(
            settings, recorder, self._language, self._session, now=now, clock=clock, parent=self
        )
        # The register is staff's: open only while a member is signed in, and credited to them.
        self._register.use_staff(self._staff.current)
        self._staff.changed.connect(lambda: self._register.setProperty("staffSignedIn", self._staff.signedIn))

        self._voice = VoiceController(
            settings,
            self._content,
            self._language,
            self._session,
            self._demo,
            self._video,
            self._subscribe,
            self._nav,
            now=now,
            clock=clock,
            tts_engine=tts_engine,
            parent=self,
        )

    def _staff_screen(self) -> None:
        if self._nav.screen == MAINTENANCE:
            self._access.end()

    language = readonly(QObject, "_language")
    content = readonly(QObject, "_content")
    session = readonly(QObject, "_session")
    demo = readonly(QObject, "_demo")
    video = readonly(QObject, "_video")
    attract = readonly(QObject, "_attract")
    nav = readonly(QObject, "_nav")
    maintenance = readonly(QObject, "_maintenance")
    subscribe = readonly(QObject, "_subscribe")
    register = readonly(QObject, "_register")
    access = readonly(QObject, "_access")
    voice = readonly(QObject, "_voice")
    presenter = readonly(QObject, "_presenter")
    staff = readonly(QObject, "_staff")

    # Typed access for Python callers.
    @property
    def language_controller(self) -> LanguageController:
        return self._language

    @property
    def content_controller(self) -> ContentController:
        return self._content

    @property
    def session_controller(self) -> SessionController:
        return self._session

    @property
    def demo_controller(self) -> DemoController:
        return self._demo

    @property
    def video_controller(self) -> VideoController:
        return self._video

    @property
    def attract_controller(self) -> AttractController:
        return self._attract

    @property
    def navigator(self) -> Navigator:
        return self._nav

    @property
    def maintenance_controller(self) -> MaintenanceController:
        return self._maintenance

    @property
    def subscribe_controller(self) -> SubscribeController:
        return self._subscribe

    @property
    def register_controller(self) -> RegisterController:
        return self._register

    @property
    def access_controller(self) -> AccessController:
        return self._access

    @property
    def voice_controller(self) -> VoiceController:
        return self._voice

    @property
    def presenter_controller(self) -> PresenterController:
        return self._presenter

    @property
    def staff_controller(self) -> StaffController:
        return self._staff

    def stop(self) -> None:
        self._access.stop()
        self._content.stop()
        self._attract.stop()
        self._session.stop()
        self._demo.stop()
        self._video.stop()
        self._maintenance.stop()
        self._subscribe.stop()
        self._voice.stop()
        self._staff.stop()
        self._language.release()


def card_pictures(catalog: Catalog) -> list[Path]:
    """The pictures shown on cards (service images, campaign banners), TOP-10 first."""
    c = catalog.content
    services = [c.services[sid] for sid in c.top10 if sid in c.services]
    services += [s for s in c.sorted("services") if s not in services]
    banners = [o.banner for o in c.sorted("offers") if o.banner is not None]
    return banners + [s.images[0] for s in services if s.images]


class KioskShell:
    """The controllers, the engine and the window with the kiosk UI in it."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog | None,
        *,
        ledger: EventSink | None = None,
        clock: Clock = system_clock,
        now: Now = monotonic,
        boot: Boot | None = None,
        tts_engine: str = "",
    ) -> None:
        """`clock`: the wall clock validity windows are read by; `now`: the monotonic
        seconds the session, demo and attract loop time themselves by. `boot`: the window to
        build into, already shown or not (default: a new one, not shown, with no picture
        from a last run). `tts_engine`: Qt's text-to-speech engine for the spoken guides
        (AUTO, as `kiosk run` asks: the first that works; "", the default for tools and
        tests: none, texts as captions; "mock": Qt's test engine)."""
        if QCoreApplication.instance() is None:
            raise RuntimeError("create the QGuiApplication before the kiosk shell")
        self.boot = boot if boot is not None else Boot()
        self._settings = settings
        self.recorder = Recorder(ledger)
        self.kiosk = KioskController(settings, catalog, self.recorder, clock, now=now, tts_engine=tts_engine)
        self.engine = self.boot.engine
        self.engine.addImageProvider("icon", IconProvider())
        self.engine.addImageProvider(
            "rounded", RoundedImageProvider(PictureShelf(settings.data_dir / PICTURES))
        )
        self.kiosk.language_controller.attach(self.engine)
        self.kiosk.voice_controller.use_engine(self.engine)
        self.ui: QQuickItem = self.boot.start(self.kiosk)
        self.window: QQuickWindow = self.boot.window
        self.window.installEventFilter(self.kiosk.session_controller)
        self.kiosk.maintenance_controller.attach(self.window)
        self.kiosk.staff_controller.attach(self.window)
        access = self.kiosk.access_controller
        self._easy_shown = False
        self.window.widthChanged.connect(self._window_shape)
        self.window.heightChanged.connect(self._window_shape)
        self._window_shape()
        access.changed.connect(self._show_access)
        if catalog is not None:
            # Decoding card pictures competes with building the first frame for the CPU:
            # start once the attract loop is on screen (it needs none of them).
            pictures = card_pictures(catalog)

            # Not Qt.ConnectionType.SingleShotConnection: naming it makes PySide build every
            # enum of Qt's namespace, some 20-25 ms of the start.
            def start_prefetch() -> None:
                self.window.frameSwapped.disconnect(start_prefetch)
                prefetch(pictures)

            self.window.frameSwapped.connect(start_prefetch)

    def use_sync(self, sync: SyncController) -> None:
        """The running kiosk's background sync, made after the shell (it needs the shell's
        content controller and navigator): the maintenance screen's Sync now and Roll back
        go through it."""
        self.kiosk.maintenance_controller.use_sync(sync)
        # A round may install a new roster: a member it disables is signed out.
        sync.roundFinished.connect(self.kiosk.staff_controller.roster_changed)

    def use_orders(self, book: OrderBook, confirmations: Confirmations, hq: HqBase | None = None) -> None:
        """Subscribing at the kiosk: the durable order book, HQ's confirmation codes, and
        HQ's address for the receipt's link (default: the enrolled identity's; not enrolled,
        Subscribe shows the counter screen)."""
        self.kiosk.subscribe_controller.use_orders(
            book, confirmations, hq if hq is not None else enrolled_hq(self._settings.data_dir)
        )

    def show(self, *, fullscreen: bool | None = None, size: tuple[int, int] | None = None) -> None:
        """Show the window (full screen if `fullscreen`, default: as the boot was made)."""
        if size is not None:
            self.window.resize(*size)
        if fullscreen if fullscreen is not None else self.boot.fullscreen:
            self.window.showFullScreen()
        else:
            self.window.show()

    def set_text_scale(self, factor: float) -> None:
        """Print larger or smaller (Theme.textScale: 1.0 as designed, 1.5 for easy mode)."""
        if not 0.5 <= factor <= 2.0:
            raise ValueError(f"text scale {factor} is outside 0.5-2.0")
        theme = self.engine.singletonInstance("Kiosk", "Theme")
        if theme is None:
            raise RuntimeError("the Kiosk QML module's Theme is not loaded")
        theme.setProperty("textScale", factor)

    def _window_shape(self) -> None:
        self.kiosk.access_controller.set_window(self.window.width(), self.window.height())

    def _show_access(self) -> None:
        """Easy mode's look on the Theme: larger text, higher contrast, fewer items a row
        (only when easy mode changed: a test's own text scale stays otherwise)."""
        access = self.kiosk.access_controller.access
        if access.easy == self._easy_shown:
            return
        self._easy_shown = access.easy
        self.set_text_scale(access.text_scale)
        theme = self.engine.singletonInstance("Kiosk", "Theme")
        if theme is not None:
            theme.setProperty("easy", access.easy)

    def close(self) -> None:
        """Stop the timers and take the window down, the QML before the controllers."""
        self.window.removeEventFilter(self.kiosk.session_controller)
        self.kiosk.maintenance_controller.detach()
        self.kiosk.staff_controller.detach()
        self.kiosk.stop()
        self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
