"""What the customer can browse now: the catalogue's current view, as models for QML.

`ContentController` asks `Catalog.at(now)` for the visible content and keeps it true: it
rebuilds the view when `View.next_change` is reached (and at least every minute, against
clock jumps), keeps the open category and service, and when the view or the language
changes brings the models to the rows `kiosk.present.catalog` builds, in place. Nothing
here decides a price or a text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.domain.catalog import Catalog, View
from kiosk.packs.model import Demo, Video
from kiosk.present.catalog import shelf
from kiosk.ui.details import CategoryDetail, ServiceDetail
from kiosk.ui.language import LanguageController
from kiosk.ui.models import CategoryModel, OfferModel, ServiceModel
from kiosk.ui.props import readonly
from kiosk.ui.waker import precise_timer

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

#: The longest the view goes unchecked, so a clock jump is noticed within this time.
RECHECK_MS = 60_000
#: Wake this long after a window edge, so the clock is surely past it.
EDGE_MARGIN_MS = 20


def system_clock() -> datetime:
    return datetime.now(UTC)


@QmlElement
@QmlUncreatable("Made by the kiosk")
class ContentController(QObject):
    viewChanged = Signal()
    #: The open service or category is no longer shown (its window closed).
    selectionLost = Signal()

    def __init__(
        self,
        catalog: Catalog | None,
        language: LanguageController,
        clock: Clock = system_clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._available = catalog is not None
        self._language = language
        self._clock = clock
        self._view: View | None = None
        self._category_id = ""
        self._service_id = ""
        self._categories = CategoryModel(self)
        self._top10 = ServiceModel(self)
        self._offers = OfferModel(self)
        self._services = ServiceModel(self)
        self._category = CategoryDetail(self)
        self._service = ServiceDetail(self)
        self._timer = precise_timer(self)  # windows open on the second
        self._timer.timeout.connect(self.refresh)
        language.languageChanged.connect(self._fill)
        if catalog is not None:
            self.refresh()

    available = readonly(bool, "_available")
    categories = readonly(QObject, "_categories")
    top10 = readonly(QObject, "_top10")
    offers = readonly(QObject, "_offers")
    #: The services of the open category.
    services = readonly(QObject, "_services")
    category = readonly(QObject, "_category")
    service = readonly(QObject, "_service")

    # -- for Python ---------------------------------------------------------------------
    @property
    def view(self) -> View | None:
        return self._view

    @property
    def service_id(self) -> str:
        return self._service_id

    @property
    def category_id(self) -> str:
        return self._category_id

    @property
    def guides(self) -> dict:
        """The packs' spoken guides of the fixed screens, by screen id (Content.guides)."""
        return self._catalog.content.guides if self._catalog is not None else {}

    def demo_of(self, service_id: str) -> Demo | None:
        s = self._view.service(service_id) if self._view else None
        if s is None or s.demo is None or self._view is None:
            return None
        return self._view.demos.get(s.demo)

    def video_of(self, service_id: str) -> Video | None:
        s = self._view.service(service_id) if self._view else None
        if s is None or s.video is None or self._view is None:
            return None
        return self._view.videos.get(s.video)

    def select_category(self, category_id: str) -> bool:
        if self._view is None or self._view.category(category_id) is None:
            return False
        self._category_id = category_id
        self._fill()
        return True

    def select_service(self, service_id: str) -> bool:
        if self._view is None or self._view.service(service_id) is None:
            return False
        self._service_id = service_id
        self._fill()
        return True

    def clear_selection(self) -> None:
        self._category_id = ""
        self._service_id = ""
        self._fill()

    def set_catalog(self, catalog: Catalog) -> None:
        """Show `catalog` from now on (new content from HQ, switched between customers)."""
        self._catalog = catalog
        self._available = True
        self._view = None
        self.refresh()

    # -- keeping the view current -------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Rebuild the view for now and schedule the next check."""
        if self._catalog is None:
            return
        now = self._clock()
        view = self._catalog.at(now)
        changed = self._view is None or _signature(view) != _signature(self._view)
        self._view = view
        lost = (self._service_id and view.service(self._service_id) is None) or (
            self._category_id and view.category(self._category_id) is None
        )
        if lost:
            log.info("the open service/category left the view at %s", view.at)
        if changed:
            self._fill()
            self.viewChanged.emit()
        if lost:
            self.selectionLost.emit()
        self._schedule(now, view)

    def _schedule(self, now: datetime, view: View) -> None:
        assert self._catalog is not None
        wait = RECHECK_MS
        nxt = self._catalog.aware(view.next_change)
        if nxt is not None:
            ms = int((nxt - now).total_seconds() * 1000) + EDGE_MARGIN_MS
            wait = max(0, min(wait, ms))
        self._timer.start(wait)

    def next_check_ms(self) -> int:
        """Milliseconds until the next scheduled rebuild (-1 when none)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def stop(self) -> None:
        self._timer.stop()

    # -- rows for the current language --------------------------------------------------
    def _fill(self) -> None:
        if self._view is None:
            return
        now = shelf(self._view, self._language.language, self._category_id, self._service_id)
        self._categories.sync(now.categories)
        self._top10.sync(now.top10)
        self._offers.sync(now.offers)
        self._category.show(now.category)
        self._services.sync(now.services)
        self._service.show(now.service)


def _signature(v: View) -> tuple:
    """What the customer sees of a view; two views with the same signature look the same."""
    return (v.categories, v.services, v.offers, v.attract, v.top10)
