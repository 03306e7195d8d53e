"""The subscribe screen's bridge: QML's taps to a `Subscription`, its state to QML.

Every rule is `kiosk.flow.subscribe.Subscription`'s; every sentence is
`kiosk.present.subscribe`'s. This controller only translates: a slot calls the machine's
move, an effect the move returns (ask HQ for a code, have HQ check one) is performed on a
thread of its own through the `Confirmations` port and its outcome comes back to the UI
thread by a queued signal, the machine's countdowns wake it through a `Waker`, and while a
receipt shows the `OrderBook` is asked (off the UI thread, every few seconds) whether the
operator has answered.

The two ports and HQ's address arrive with `use_orders` (the running kiosk's order book and
HQ client; fakes in tests). Without them, for a service without subscription terms, or on a
kiosk not enrolled at HQ, `open` says no and the Navigator shows the counter screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.domain.pricing import Quote
from kiosk.flow.clock import Now, monotonic
from kiosk.flow.subscribe import (
    Answer,
    CheckCode,
    CodeNotChecked,
    CodeNotSent,
    Confirmations,
    Effect,
    Offering,
    OrderBook,
    Outcome,
    Step,
    Subscription,
    perform,
)
from kiosk.packs.model import LANGUAGES, Terms
from kiosk.present.subscribe import SubscribeFace, qr_data_url, subscribe_face
from kiosk.ui.catalog import ContentController
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.props import RowView, readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How often the order book is asked for the operator's answer while a receipt shows.
ANSWER_POLL_MS = 3000

#: HQ's base URL (https://hq.example.cn), or None when this kiosk is not enrolled.
HqBase = Callable[[], str | None]


def enrolled_hq(data_dir: Path) -> HqBase:
    """HQ's base URL from the kiosk's identity in `data_dir`, read when a flow opens."""

    def base() -> str | None:
        from kiosk.sync.identity import load_identity

        try:
            identity = load_identity(data_dir)
        except Exception:  # a damaged identity: `kiosk status` says what is wrong
            log.warning("the kiosk's identity cannot be read: subscribing at the counter", exc_info=True)
            return None
        return identity.hq_url if identity is not None else None

    return base


def status_url(base: str, token: str) -> str:
    """The order's public status page at HQ (`GET /o/{token}`)."""
    return f"{base.rstrip('/')}/o/{token}"


@QmlElement
@QmlUncreatable("Made by the subscribe controller")
class SubscribeView(RowView, row=SubscribeFace):
    """The step on show: what it says, what is wrong, the countdowns, the receipt."""


@QmlElement
@QmlUncreatable("Made by the kiosk")
class SubscribeController(QObject):
    activeChanged = Signal()
    #: From worker threads, delivered on the UI thread.
    _performed = Signal(object, object)  # effect, outcome
    _polled = Signal(str, object)  # order id, Answer | None

    def __init__(
        self,
        content: ContentController,
        language: LanguageController,
        recorder: Recorder,
        *,
        now: Now = monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._language = language
        self._recorder = recorder
        self._now = now
        self._sub: Subscription | None = None
        self._book: OrderBook | None = None
        self._confirmations: Confirmations | None = None
        self._hq: HqBase = lambda: None
        self._base = ""
        self._service_name: dict[str, str] = {}
        self._quote: Quote | None = None
        self._terms: Terms | None = None
        #: The receipt's link and QR code, made once per order: (order id, url, data URL).
        self._qr = ("", "", "")
        self._active = False
        self._asking = False  # an answer poll is on its way
        self._face = SubscribeView(self)
        self._waker = Waker(self._next_wake, self.tick, now, self)
        self._poll = QTimer(self)
        self._poll.setInterval(ANSWER_POLL_MS)
        self._poll.timeout.connect(self._ask_answer)
        self._performed.connect(self._report)
        self._polled.connect(self._answered)
        language.languageChanged.connect(self._publish)

    face = readonly(QObject, "_face")
    #: A flow is open (the screen shows its steps, not the counter).
    active = readonly(bool, "_active", activeChanged)

    def use_orders(self, book: OrderBook, confirmations: Confirmations, hq: HqBase) -> None:
        """The order book and HQ's confirmation codes the flow goes through, and where HQ
        is (`enrolled_hq(data_dir)` in the running kiosk)."""
        self._book = book
        self._confirmations = confirmations
        self._hq = hq
        self._sub = Subscription(
            self._recorder.record,
            book,
            now=self._now,
            session=lambda: self._recorder.session,
            staff=lambda: self._recorder.staff,
        )

    # Typed access for Python callers.
    @property
    def subscription(self) -> Subscription | None:
        return self._sub

    @property
    def shown_face(self) -> SubscribeFace:
        return self._face._row

    # -- opening and closing (the Navigator's calls) ----------------------------------
    def open(self, service_id: str) -> bool:
        """Start the flow for `service_id` at its price now (the offer that sets it
        included); False when it cannot be subscribed here (the counter screen shows)."""
        view = self._content.view
        service = view.service(service_id) if view is not None else None
        if self._sub is None or view is None or service is None or service.terms is None:
            return False
        base = self._hq()
        if not base:
            return False
        quote = view.quote(service)
        self._base = base
        self._quote = quote
        self._terms = service.terms
        self._service_name = {lang: service.name.get(lang) for lang in LANGUAGES}
        offer = quote.offer.id if quote.is_discounted and quote.offer is not None else None
        self._sub.open(
            Offering(
                service.id,
                offer,
                quote.now_fen,
                service_name=dict(self._service_name),
                price_text={lang: _price_sentence(quote, lang) for lang in LANGUAGES},
            )
        )
        self._publish()
        _warm_qr_codes()
        return True

    def close(self, reason: str) -> None:
        """The flow ends (Cancel, Home, the session's end); the number is forgotten."""
        if self._sub is not None and self._sub.cancel(reason):
            self._publish()

    def finish(self) -> None:
        """The customer leaves the receipt."""
        if self._sub is not None and self._sub.done():
            self._publish()

    def step_back(self) -> bool:
        """One step back inside the flow; False when there is none (the screen is left)."""
        if self._sub is None or not self._sub.back():
            return False
        self._publish()
        return True

    def stop(self) -> None:
        self._waker.stop()
        self._poll.stop()

    # -- QML's taps -------------------------------------------------------------------
    @Slot(str)
    def digit(self, d: str) -> None:
        self._move(lambda s: s.digit(d))

    @Slot()
    def erase(self) -> None:
        self._move(lambda s: s.erase())

    @Slot()
    def clearNumber(self) -> None:
        self._move(lambda s: s.clear_number())

    @Slot()
    def numberDone(self) -> None:
        self._move(lambda s: s.number_done(), always=True)

    @Slot(bool)
    def setConsent(self, on: bool) -> None:
        self._move(lambda s: s.set_consent(on))

    @Slot(bool)
    def setMarketing(self, on: bool) -> None:
        self._move(lambda s: s.set_marketing(on))

    @Slot()
    def confirm(self) -> None:
        """Confirm on the review: a problem (no consent) shows, or HQ is asked for a code."""
        self._effect(lambda s: s.confirm_review())

    @Slot(str)
    def codeDigit(self, d: str) -> None:
        self._move(lambda s: s.code_digit(d))

    @Slot()
    def codeErase(self) -> None:
        self._move(lambda s: s.code_erase())

    @Slot()
    def submitCode(self) -> None:
        self._effect(lambda s: s.submit_code())

    @Slot()
    def resend(self) -> None:
        self._effect(lambda s: s.resend())

    @Slot()
    def retryOnline(self) -> None:
        self._effect(lambda s: s.retry_online())

    @Slot()
    def smsReply(self) -> None:
        self._move(lambda s: s.choose_sms_reply())

    # -- time -------------------------------------------------------------------------
    def tick(self) -> None:
        """Let the time pass (the timer's call; tests call it after moving a fake clock)."""
        if self._sub is not None:
            self._sub.tick()
        self._publish()

    def _next_wake(self) -> float | None:
        return self._sub.next_wake() if self._sub is not None else None

    # -- internals --------------------------------------------------------------------
    def _move(self, move: Callable[[Subscription], object], always: bool = False) -> None:
        if self._sub is None:
            return
        if move(self._sub) or always:
            self._publish()

    def _effect(self, move: Callable[[Subscription], Effect | None]) -> None:
        if self._sub is None:
            return
        effect = move(self._sub)
        self._publish()
        if effect is not None:
            self._start(effect)

    def _start(self, effect: Effect) -> None:
        confirmations = self._confirmations
        assert confirmations is not None

        def run() -> None:
            try:
                outcome: Outcome = perform(confirmations, effect)
            except Exception:  # the port never raises; if it does, HQ counts as unreachable
                log.exception("the confirmations port raised")
                outcome = (
                    CodeNotChecked(unreachable=True)
                    if isinstance(effect, CheckCode)
                    else CodeNotSent(unreachable=True)
                )
            _deliver(self._performed, effect, outcome)

        threading.Thread(target=run, name="kiosk-subscribe-hq", daemon=True).start()

    def _report(self, effect: Effect, outcome: Outcome) -> None:
        if self._sub is not None and self._sub.report(effect, outcome):
            self._publish()

    def _ask_answer(self) -> None:
        sub, book = self._sub, self._book
        if sub is None or book is None or sub.step != Step.RECEIPT or self._asking:
            return
        self._asking = True
        order_id = sub.order_id

        def run() -> None:
            try:
                answer = book.answer(order_id)
            except Exception:  # asked again at the next poll
                log.exception("the order book could not say the operator's answer")
                answer = None
            _deliver(self._polled, order_id, answer)

        threading.Thread(target=run, name="kiosk-subscribe-answer", daemon=True).start()

    def _answered(self, order_id: str, answer: Answer | None) -> None:
        self._asking = False
        if self._sub is not None and answer is not None and self._sub.answered(order_id, answer):
            self._publish()

    def _publish(self) -> None:
        sub = self._sub
        if sub is None:
            return
        lang = self._language.language
        url, qr = "", ""
        if sub.step == Step.RECEIPT and sub.order is not None:
            if self._qr[0] != sub.order.id:
                link = status_url(self._base, sub.order.status_token)
                self._qr = (sub.order.id, link, qr_data_url(link))
            _, url, qr = self._qr
        self._face.show(
            subscribe_face(
                sub,
                lang,
                service_name=self._service_name.get(lang, ""),
                quote=self._quote,
                terms=self._terms,
                status_url=url,
                qr=qr,
            )
        )
        self._waker.schedule()
        if sub.step == Step.RECEIPT:
            if not self._poll.isActive():
                self._poll.start()
        else:
            self._poll.stop()
        if not sub.active:
            self._qr = ("", "", "")
        if sub.active != self._active:
            self._active = sub.active
            self.activeChanged.emit()


def _deliver(signal: Any, *args: object) -> None:
    """Emit from a worker thread; the kiosk may have closed (the controller deleted) while
    HQ was being asked, and then nobody is waiting for the answer."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("a subscribe answer came after the kiosk closed")


def _price_sentence(quote: Quote, lang: str) -> str:
    """The price for HQ's text message and the status page: now, and the discount's terms."""
    explanation = quote.explanation(lang)
    return f"{quote.now_text(lang)} {explanation}".strip()


_warmed = threading.Event()


def _warm_qr_codes() -> None:
    """Import the QR code library and make one code while the customer types (about 60 ms
    the first time, which the first receipt of the day would otherwise wait for)."""
    if _warmed.is_set():
        return
    _warmed.set()

    def warm() -> None:
        try:
            qr_data_url("https://example.invalid/o/warm-up")
        except Exception:  # the receipt will say what is wrong, not this warm-up
            log.debug("warming the QR code library failed", exc_info=True)

    threading.Thread(target=warm, name="kiosk-qr-warm", daemon=True).start()
