"""What the customer can browse now: the catalogue's current view, as models for QML.

`ContentController` asks `Catalog.at(now)` for the visible content, fills the models in the
current language and keeps them true: it rebuilds the view when `View.next_change` is
reached (and at least every minute, against clock jumps) and when the language changes,
updating the models in place. Prices and the campaign explanation come from
`kiosk.domain.pricing`; nothing here decides a discount.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.domain.catalog import Catalog, View
from kiosk.packs.model import Demo, Service, Video
from kiosk.ui.language import LanguageController
from kiosk.ui.models import CategoryModel, OfferModel, Row, ServiceModel
from kiosk.ui.snapshot import Snapshot, field

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


def media_url(path: Path | None) -> str:
    """A local file as a URL QML can load; '' for none."""
    return QUrl.fromLocalFile(str(path)).toString() if path is not None else ""


@QmlElement
@QmlUncreatable("Made by the content controller")
class ServiceDetail(Snapshot):
    """The service the customer opened, in the current language, with its price now."""

    changed = Signal()
    DEFAULTS = {  # noqa: RUF012
        "serviceId": "",
        "name": "",
        "pitch": "",
        "description": "",
        "image": "",
        "categoryName": "",
        "categoryColor": "#0057B8",
        "priceNow": "",
        "priceRegular": "",
        "discounted": False,
        "explanation": "",
        "offerTitle": "",
        "hasDemo": False,
        "hasVideo": False,
    }
    serviceId = field(str, "serviceId", changed)
    name = field(str, "name", changed)
    pitch = field(str, "pitch", changed)
    description = field(str, "description", changed)
    image = field(str, "image", changed)
    categoryName = field(str, "categoryName", changed)
    categoryColor = field(str, "categoryColor", changed)
    priceNow = field(str, "priceNow", changed)
    priceRegular = field(str, "priceRegular", changed)
    discounted = field(bool, "discounted", changed)
    explanation = field(str, "explanation", changed)
    offerTitle = field(str, "offerTitle", changed)
    hasDemo = field(bool, "hasDemo", changed)
    hasVideo = field(bool, "hasVideo", changed)

    def _emit(self) -> None:
        self.changed.emit()


@QmlElement
@QmlUncreatable("Made by the content controller")
class CategoryDetail(Snapshot):
    """The category the customer opened."""

    changed = Signal()
    DEFAULTS = {"categoryId": "", "name": "", "color": "#0057B8", "icon": "", "serviceCount": 0}  # noqa: RUF012
    categoryId = field(str, "categoryId", changed)
    name = field(str, "name", changed)
    color = field(str, "color", changed)
    icon = field(str, "icon", changed)
    serviceCount = field(int, "serviceCount", changed)

    def _emit(self) -> None:
        self.changed.emit()


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # windows open on the second
        self._timer.timeout.connect(self.refresh)
        language.languageChanged.connect(self._fill)
        if catalog is not None:
            self.refresh()

    # -- properties ---------------------------------------------------------------------
    def _get_available(self) -> bool:
        return self._catalog is not None

    available = Property(bool, _get_available, constant=True)

    def _get_categories(self) -> CategoryModel:
        return self._categories

    categories = Property(QObject, _get_categories, constant=True)

    def _get_top10(self) -> ServiceModel:
        return self._top10

    top10 = Property(QObject, _get_top10, constant=True)

    def _get_offers(self) -> OfferModel:
        return self._offers

    offers = Property(QObject, _get_offers, constant=True)

    def _get_services(self) -> ServiceModel:
        return self._services

    #: The services of the open category.
    services = Property(QObject, _get_services, constant=True)

    def _get_category(self) -> CategoryDetail:
        return self._category

    category = Property(QObject, _get_category, constant=True)

    def _get_service(self) -> ServiceDetail:
        return self._service

    service = Property(QObject, _get_service, constant=True)

    # -- for Python ---------------------------------------------------------------------
    @property
    def view(self) -> View | None:
        return self._view

    @property
    def category_id(self) -> str:
        return self._category_id

    @property
    def service_id(self) -> str:
        return self._service_id

    def current_service(self) -> Service | None:
        return self._view.service(self._service_id) if self._view else None

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

    def clear_service(self) -> None:
        self._service_id = ""
        self._fill()

    def clear_selection(self) -> None:
        self._category_id = ""
        self._service_id = ""
        self._fill()

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
        v = self._view
        if v is None:
            return
        lang = self._language.language
        counts = {c.id: len(v.services_in(c.id)) for c in v.categories}
        self._categories.sync(
            [
                {
                    "categoryId": c.id,
                    "name": c.name.get(lang),
                    "color": c.color,
                    "icon": media_url(c.icon),
                    "serviceCount": counts[c.id],
                }
                for c in v.categories
            ]
        )
        self._top10.sync([self._service_row(v, s, lang, rank) for rank, s in enumerate(v.top10, 1)])
        self._offers.sync([self._offer_row(v, o.id, lang) for o in v.offers])
        cat = v.category(self._category_id) if self._category_id else None
        if cat is None:
            self._category.assign(None)
            self._services.sync([])
        else:
            self._category.assign(
                {
                    "categoryId": cat.id,
                    "name": cat.name.get(lang),
                    "color": cat.color,
                    "icon": media_url(cat.icon),
                    "serviceCount": counts[cat.id],
                }
            )
            self._services.sync([self._service_row(v, s, lang) for s in v.services_in(cat.id)])
        service = v.service(self._service_id) if self._service_id else None
        self._service.assign(self._service_detail(v, service, lang) if service else None)

    def _service_row(self, v: View, s: Service, lang: str, rank: int = 0) -> Row:
        q = v.quote(s)
        cat = v.category(s.category)
        return {
            "serviceId": s.id,
            "name": s.name.get(lang),
            "pitch": s.pitch.get(lang),
            "image": media_url(s.images[0] if s.images else None),
            "priceNow": q.now_text(lang),
            "priceRegular": q.regular_text(lang),
            "discounted": q.is_discounted,
            "offerTitle": q.offer.title.get(lang) if q.is_discounted and q.offer else "",
            "rank": rank,
            "categoryName": cat.name.get(lang) if cat else "",
            "categoryColor": cat.color if cat else "#0057B8",
        }

    def _offer_row(self, v: View, offer_id: str, lang: str) -> Row:
        offer = next(o for o in v.offers if o.id == offer_id)
        shown = [s for sid in offer.services if (s := v.service(sid)) is not None]
        # The service whose price this offer sets, so the banner explains a real price.
        applied = next((s for s in shown if (q := v.quote(s)).offer is offer and q.is_discounted), None)
        target = applied or shown[0]
        cat = v.category(target.category)
        return {
            "offerId": offer.id,
            "title": offer.title.get(lang),
            "description": offer.description.get(lang),
            "explanation": v.quote(applied).explanation(lang) if applied else "",
            "banner": media_url(offer.banner),
            "dailyDeal": offer.kind.value == "daily_deal",
            "serviceId": target.id,
            "serviceName": target.name.get(lang),
            "color": cat.color if cat else "#0057B8",
        }

    def _service_detail(self, v: View, s: Service, lang: str) -> dict[str, Any]:
        q = v.quote(s)
        cat = v.category(s.category)
        return {
            "serviceId": s.id,
            "name": s.name.get(lang),
            "pitch": s.pitch.get(lang),
            "description": s.description.get(lang),
            "image": media_url(s.images[0] if s.images else None),
            "categoryName": cat.name.get(lang) if cat else "",
            "categoryColor": cat.color if cat else "#0057B8",
            "priceNow": q.now_text(lang),
            "priceRegular": q.regular_text(lang),
            "discounted": q.is_discounted,
            "explanation": q.explanation(lang),
            "offerTitle": q.offer.title.get(lang) if q.is_discounted and q.offer else "",
            "hasDemo": s.demo is not None and s.demo in v.demos,
            "hasVideo": s.video is not None and s.video in v.videos,
        }


def _signature(v: View) -> tuple:
    """What the customer sees of a view; two views with the same signature look the same."""
    return (v.categories, v.services, v.offers, v.attract, v.top10)
