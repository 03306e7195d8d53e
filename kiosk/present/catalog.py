"""The catalogue as the customer sees it: category tiles, service cards and rows, campaign
banners and the open service's page, in one language, from a `View`."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.catalog import View
from kiosk.packs.model import Category, Offer, OfferKind, Service
from kiosk.present.media import media_url

#: Theme.brand: the colour of a service whose category is not on show (tests keep the two equal).
BRAND = "#0057B8"


@dataclass(frozen=True)
class CategoryRow:
    """A category tile, and the open category's heading."""

    category_id: str = ""
    name: str = ""
    color: str = BRAND
    icon: str = ""
    service_count: int = 0


@dataclass(frozen=True)
class ServiceFace:
    """What every view of a service shows: its name, picture, category and price now."""

    service_id: str = ""
    name: str = ""
    pitch: str = ""
    image: str = ""
    price_now: str = ""
    price_regular: str = ""
    discounted: bool = False
    offer_title: str = ""
    category_name: str = ""
    category_color: str = BRAND


@dataclass(frozen=True)
class ServiceRow(ServiceFace):
    """A service card, or a TOP-10 row with its rank (0 outside the TOP-10)."""

    rank: int = 0


@dataclass(frozen=True)
class ServicePage(ServiceFace):
    """The open service's page: the face, the long description and the campaign explained."""

    description: str = ""
    explanation: str = ""
    has_demo: bool = False
    has_video: bool = False


@dataclass(frozen=True)
class OfferRow:
    """A campaign or daily-deal banner and the service it leads to."""

    offer_id: str
    title: str
    description: str
    explanation: str
    banner: str
    daily_deal: bool
    service_id: str
    service_name: str
    color: str


def category_row(v: View, c: Category, lang: str) -> CategoryRow:
    return CategoryRow(c.id, c.name.get(lang), c.color, media_url(c.icon), len(v.services_in(c.id)))


def _face(v: View, s: Service, lang: str) -> dict[str, object]:
    q = v.quote(s)
    cat = v.category(s.category)
    return {
        "service_id": s.id,
        "name": s.name.get(lang),
        "pitch": s.pitch.get(lang),
        "image": media_url(s.images[0] if s.images else None),
        "price_now": q.now_text(lang),
        "price_regular": q.regular_text(lang),
        "discounted": q.is_discounted,
        "offer_title": q.offer.title.get(lang) if q.is_discounted and q.offer else "",
        "category_name": cat.name.get(lang) if cat else "",
        "category_color": cat.color if cat else BRAND,
    }


def service_row(v: View, s: Service, lang: str, rank: int = 0) -> ServiceRow:
    return ServiceRow(**_face(v, s, lang), rank=rank)  # type: ignore[arg-type]


def service_page(v: View, s: Service, lang: str) -> ServicePage:
    return ServicePage(
        **_face(v, s, lang),  # type: ignore[arg-type]
        description=s.description.get(lang),
        explanation=v.quote(s).explanation(lang),
        has_demo=s.demo is not None and s.demo in v.demos,
        has_video=s.video is not None and s.video in v.videos,
    )


def offer_row(v: View, offer: Offer, lang: str) -> OfferRow:
    shown = [s for sid in offer.services if (s := v.service(sid)) is not None]
    # The service whose price this offer sets, so the banner explains a real price.
    applied = next((s for s in shown if (q := v.quote(s)).offer is offer and q.is_discounted), None)
    target = applied or shown[0]
    cat = v.category(target.category)
    return OfferRow(
        offer_id=offer.id,
        title=offer.title.get(lang),
        description=offer.description.get(lang),
        explanation=v.quote(applied).explanation(lang) if applied else "",
        banner=media_url(offer.banner),
        daily_deal=offer.kind is OfferKind.DAILY_DEAL,
        service_id=target.id,
        service_name=target.name.get(lang),
        color=cat.color if cat else BRAND,
    )


@dataclass(frozen=True)
class Shelf:
    """Everything the catalogue shows at once in one language: home's lists, the open
    category with its services and the open service's page (None when nothing is open)."""

    categories: tuple[CategoryRow, ...]
    top10: tuple[ServiceRow, ...]
    offers: tuple[OfferRow, ...]
    category: CategoryRow | None
    services: tuple[ServiceRow, ...]
    service: ServicePage | None


def shelf(v: View, lang: str, category_id: str = "", service_id: str = "") -> Shelf:
    cat = v.category(category_id) if category_id else None
    service = v.service(service_id) if service_id else None
    return Shelf(
        categories=tuple(category_row(v, c, lang) for c in v.categories),
        top10=tuple(service_row(v, s, lang, rank) for rank, s in enumerate(v.top10, 1)),
        offers=tuple(offer_row(v, o, lang) for o in v.offers),
        category=category_row(v, cat, lang) if cat else None,
        services=tuple(service_row(v, s, lang) for s in v.services_in(cat.id)) if cat else (),
        service=service_page(v, service, lang) if service else None,
    )
