"""What the customer can see at a given moment: the merged content filtered by validity.

`Catalog` wraps the layered content and the store's time zone. `Catalog.at(now)` gives a
`View`, an immutable snapshot the UI shows until `View.next_change`, when it asks for a new
one. No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain import schedule
from kiosk.domain.pricing import Quote, quote
from kiosk.packs.layering import Content
from kiosk.packs.model import AttractItem, Category, Demo, FocusService, Offer, Service, Validity, Video


@dataclass(frozen=True)
class View:
    """The visible content at `at` (local time), valid until `next_change`."""

    at: datetime
    next_change: datetime | None
    categories: tuple[Category, ...]
    services: tuple[Service, ...]
    offers: tuple[Offer, ...]
    attract: tuple[AttractItem, ...]
    top10: tuple[Service, ...]
    demos: dict[str, Demo]
    videos: dict[str, Video]
    #: The quarter's focus services that show now (focus.json; staff only), and the quarter.
    focus: tuple[FocusService, ...] = ()
    quarter: str = ""

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def services_in(self, category_id: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == category_id)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def offers_for(self, service_id: str) -> tuple[Offer, ...]:
        return tuple(o for o in self.offers if service_id in o.services)

    def quote(self, service: Service) -> Quote:
        return quote(service.price, self.offers_for(service.id))


class Catalog:
    """The merged content of a kiosk and the time zone its windows are read in."""

    def __init__(self, content: Content, tz: str = "Asia/Shanghai") -> None:
        self.content = content
        self.tz = ZoneInfo(tz)

    def local(self, now: datetime) -> datetime:
        """An aware `now` as naive store-local time; a naive one is taken as local already."""
        if now.tzinfo is None:
            return now
        return now.astimezone(self.tz).replace(tzinfo=None)

    def at(self, now: datetime) -> View:
        t = self.local(now)
        c = self.content

        def on(v: Validity) -> bool:
            return schedule.is_active(v, t)

        categories = [x for x in c.sorted("categories") if on(x.valid)]
        shown_cats = {x.id for x in categories}
        services = [s for s in c.sorted("services") if on(s.valid) and s.category in shown_cats]
        shown = {s.id for s in services}
        offers = [o for o in c.sorted("offers") if on(o.valid) and any(sid in shown for sid in o.services)]
        # A category with nothing in it would be a dead end for the customer.
        categories = [x for x in categories if any(s.category == x.id for s in services)]
        by_id = {s.id: s for s in services}
        top10 = tuple(by_id[sid] for sid in c.top10 if sid in by_id)
        attract = tuple(a for a in c.sorted("attract") if on(a.valid))
        return View(
            at=t,
            next_change=self._next_change(t),
            categories=tuple(categories),
            services=tuple(services),
            offers=tuple(offers),
            attract=attract,
            top10=top10,
            demos=dict(c.demos),
            videos=dict(c.videos),
            focus=tuple(f for f in c.focus.services if f.service in shown) if c.focus else (),
            quarter=c.focus.quarter if c.focus else "",
        )

    def _next_change(self, t: datetime) -> datetime | None:
        c = self.content
        windows = {
            item.valid
            for section in ("categories", "services", "offers", "attract")
            for item in getattr(c, section).values()
        }
        changes = [ch for v in windows if (ch := schedule.next_change(v, t)) is not None]
        return min(changes, default=None)

    def aware(self, local: datetime | None) -> datetime | None:
        """A store-local time as `View` gives it (`View.next_change`), made aware for timers."""
        return None if local is None else local.replace(tzinfo=self.tz)
