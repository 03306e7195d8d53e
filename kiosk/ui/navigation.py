"""Where the customer is: the one place that decides which screen comes next.

`Navigator` keeps the stack of screens and performs every move (start a session, open a
category, a service, its demo or video, the subscribe screen, back, home, the end of the
session; the staff's maintenance screen, which replaces the whole stack and ends any
session, and closes to the attract loop). On the subscribe screen, Back is first a step back
inside the subscribe flow (`SubscribeController.step_back`), and leaving the screen by any
way (Back from its first step, Cancel, Home, the session's end) closes the flow.

Each move prepares the controllers it involves, records the event, and then emits
`navigated(op, screen)`; QML's StackView in `Main.qml` follows those signals and nothing
else. The screen and operation names QML compares with
are these (`screens`, `ops`), never written again in QML.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.ui.catalog import ContentController
from kiosk.ui.demo import DemoController
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.props import readonly
from kiosk.ui.session import SessionController
from kiosk.ui.subscribe import SubscribeController
from kiosk.ui.video import VideoController

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

ATTRACT = "attract"
HOME = "home"
CATEGORY = "category"
SERVICE = "service"
DEMO = "demo"
VIDEO = "video"
SUBSCRIBE = "subscribe"
OUT_OF_SERVICE = "outOfService"
MAINTENANCE = "maintenance"

#: Operations the StackView performs: push a screen, pop the top one, pop down to the
#: first (home), swap the top one, or replace the whole stack.
PUSH, POP, HOME_OP, SWAP, RESET = "push", "pop", "home", "swap", "reset"

#: The names as QML reads them: `kiosk.nav.screens.outOfService`, `kiosk.nav.ops.push`.
SCREENS = {
    name: name
    for name in (ATTRACT, HOME, CATEGORY, SERVICE, DEMO, VIDEO, SUBSCRIBE, OUT_OF_SERVICE, MAINTENANCE)
}
OPS = {"push": PUSH, "pop": POP, "home": HOME_OP, "swap": SWAP, "reset": RESET}


@QmlElement
@QmlUncreatable("Made by the kiosk")
class Navigator(QObject):
    navigated = Signal(str, str)
    screenChanged = Signal()

    def __init__(
        self,
        content: ContentController,
        session: SessionController,
        demo: DemoController,
        video: VideoController,
        language: LanguageController,
        recorder: Recorder,
        subscribe: SubscribeController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._subscribe = subscribe
        self._content = content
        self._session = session
        self._demo = demo
        self._video = video
        self._language = language
        self._recorder = recorder
        self._stack: list[str] = [self._first()]
        # Set while the maintenance screen replaces a customer's session: the session's end
        # then tidies up without moving to the attract loop.
        self._to_maintenance = False
        self._screens = dict(SCREENS)
        self._ops = dict(OPS)
        session.ended.connect(self._to_attract)
        video.finished.connect(self._video_finished)
        video.playingChanged.connect(lambda: session.hold(video.is_playing))
        content.selectionLost.connect(self._selection_lost)

    # -- properties ---------------------------------------------------------------------
    screen = readonly(str, "_screen", screenChanged)
    screens = readonly("QVariantMap", "_screens")
    ops = readonly("QVariantMap", "_ops")

    @property
    def _screen(self) -> str:
        return self._stack[-1]

    @property
    def stack(self) -> list[str]:
        return list(self._stack)

    # -- moves --------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """A touch on the attract loop: a session begins at home."""
        if self._stack[-1] != ATTRACT:
            return
        self._session.start()
        self._set([HOME], RESET)

    @Slot(str)
    def openCategory(self, category_id: str) -> None:
        if self._stack[-1] != HOME or not self._content.select_category(category_id):
            return
        self._recorder.record("category_open", category=category_id)
        self._set([*self._stack, CATEGORY], PUSH)

    @Slot(str, str)
    def openService(self, service_id: str, source: str) -> None:
        """Open a service from `source` (top10, category, campaign)."""
        if self._stack[-1] not in (HOME, CATEGORY) or not self._content.select_service(service_id):
            return
        self._recorder.record("service_open", service=service_id, source=source)
        self._set([*self._stack, SERVICE], PUSH)

    @Slot()
    def openDemo(self) -> None:
        sid = self._content.service_id
        demo = self._content.demo_of(sid)
        if self._stack[-1] != SERVICE or demo is None:
            return
        self._demo.start(demo, sid)
        self._set([*self._stack, DEMO], PUSH)

    @Slot()
    def openVideo(self) -> None:
        sid = self._content.service_id
        video = self._content.video_of(sid)
        if self._stack[-1] != SERVICE or video is None:
            return
        self._video.open(video, sid)
        self._set([*self._stack, VIDEO], PUSH)

    @Slot()
    def openSubscribe(self) -> None:
        top = self._stack[-1]
        if top not in (SERVICE, DEMO, VIDEO):
            return
        self._recorder.record("subscribe_tap", service=self._content.service_id, screen=top)
        # The flow opens when this service can be subscribed here; otherwise the same
        # screen says to ask at the counter.
        self._subscribe.open(self._content.service_id)
        if top == SERVICE:
            self._set([*self._stack, SUBSCRIBE], PUSH)
        else:
            self._leave(top, "subscribe")
            self._set([*self._stack[:-1], SUBSCRIBE], SWAP)

    @Slot()
    def back(self) -> None:
        if len(self._stack) <= 1 or self._stack[-1] in (ATTRACT, OUT_OF_SERVICE):
            return
        if self._stack[-1] == SUBSCRIBE and self._subscribe.step_back():
            return
        self._leave(self._stack[-1], "back")
        self._set(self._stack[:-1], POP)

    @Slot()
    def home(self) -> None:
        if HOME not in self._stack or self._stack[-1] == HOME:
            return
        for screen in reversed(self._stack[1:]):
            self._leave(screen, "home")
        self._set([HOME], HOME_OP)

    @Slot()
    def cancelSubscribe(self) -> None:
        """Cancel in the subscribe flow: it ends, and the customer is back where Subscribe
        was tapped."""
        if self._stack[-1] != SUBSCRIBE:
            return
        self._leave(SUBSCRIBE, "cancel")
        self._set(self._stack[:-1], POP)

    @Slot()
    def finishSubscribe(self) -> None:
        """Done on the receipt: home, for the next thing the customer wants."""
        if self._stack[-1] != SUBSCRIBE:
            return
        self._subscribe.finish()
        self.home()

    @Slot()
    def endSession(self) -> None:
        """The customer chose to start over."""
        self._session.end("user")

    def open_maintenance(self) -> None:
        """The staff's maintenance screen replaces whatever shows; a customer's session ends."""
        if self._stack[-1] == MAINTENANCE:
            return
        self._to_maintenance = True
        try:
            self._session.end("maintenance")
        finally:
            self._to_maintenance = False
        for screen in reversed(self._stack):
            self._leave(screen, "maintenance")
        self._content.clear_selection()
        self._set([MAINTENANCE], RESET)

    def close_maintenance(self) -> None:
        """Back to customers: the attract loop (or the out-of-service screen), in the kiosk's
        own language."""
        if self._stack[-1] != MAINTENANCE:
            return
        self._language.reset()
        self._set([self._first()], RESET)

    def content_arrived(self) -> None:
        """Content to show after none: from the out-of-service screen to the attract loop."""
        if self._stack == [OUT_OF_SERVICE] and self._content.available:
            self._set([ATTRACT], RESET)

    # -- internals ----------------------------------------------------------------------
    def _leave(self, screen: str, reason: str) -> None:
        # The open service and category stay selected until the next is chosen, so the
        # screen sliding away keeps its content during the transition.
        if screen == DEMO:
            self._demo.stop()
        elif screen == VIDEO:
            self._video.stop()
        elif screen == SUBSCRIBE:
            self._subscribe.close(reason)

    def _set(self, stack: list[str], op: str) -> None:
        self._stack = stack
        log.debug("navigate %s -> %s", op, "/".join(stack))
        self.navigated.emit(op, stack[-1])
        self.screenChanged.emit()

    def _first(self) -> str:
        return ATTRACT if self._content.available else OUT_OF_SERVICE

    def _to_attract(self, reason: str) -> None:
        self._subscribe.close(reason)
        self._demo.stop()
        self._video.stop()
        self._content.clear_selection()
        if self._to_maintenance:
            return
        self._language.reset()
        self._set([ATTRACT], RESET)

    def _video_finished(self) -> None:
        if self._stack[-1] == VIDEO:
            self.back()

    def _selection_lost(self) -> None:
        if self._stack[-1] in (CATEGORY, SERVICE, DEMO, VIDEO, SUBSCRIBE):
            self.home()
