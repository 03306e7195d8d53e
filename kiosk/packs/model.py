"""Typed content of a pack, as the loader builds it and everything else reads it.

Plain frozen dataclasses, no Qt and no I/O. Media paths are absolute: the loader resolves
each author's relative path against its pack folder (after checking it stays inside), so
items from different layers can be mixed freely. Money is held in fen
(integer hundredths of a yuan) so no price is ever a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum, StrEnum
from pathlib import Path

#: Languages every customer-facing text must carry, in the order the UI offers them.
LANGUAGES: tuple[str, ...] = ("zh-CN", "en")

FORMAT_VERSION = 1


class ScopeLevel(int, Enum):
    """How far down the hierarchy a pack reaches; later levels override earlier ones."""

    NATIONAL = 0
    PROVINCE = 1
    CITY = 2
    STORE = 3


@dataclass(frozen=True, order=True)
class Scope:
    """Where a pack applies: `national`, `province:GD`, `city:GD-SZ`, `store:GD-SZ-0001`."""

    level: ScopeLevel
    ident: str = ""

    def __str__(self) -> str:
        if self.level is ScopeLevel.NATIONAL:
            return "national"
        return f"{self.level.name.lower()}:{self.ident}"


@dataclass(frozen=True)
class Text:
    """A customer-facing string in every language of `LANGUAGES`."""

    values: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        mapping = dict(self.values)
        return mapping.get(lang) or mapping.get(LANGUAGES[0], "")


@dataclass(frozen=True)
class LocalMedia:
    """A media file that differs by language (narration audio, subtitles)."""

    paths: tuple[tuple[str, Path], ...]

    def get(self, lang: str) -> Path | None:
        mapping = dict(self.paths)
        return mapping.get(lang) or mapping.get(LANGUAGES[0])


@dataclass(frozen=True)
class HourRange:
    """Part of a day, `start` inclusive, `end` exclusive; `end <= start` crosses midnight."""

    start: time
    end: time  # time(0, 0) with `to_midnight` means 24:00
    to_midnight: bool = False

    @property
    def crosses_midnight(self) -> bool:
        return not self.to_midnight and self.end <= self.start


@dataclass(frozen=True)
class Validity:
    """When an item is shown, in the store's time zone.

    `start` and `end` are inclusive dates. `weekdays` are 0=Monday..6=Sunday; a window of
    hours that crosses midnight belongs to the day it starts on.
    """

    start: date | None = None
    end: date | None = None
    weekdays: frozenset[int] | None = None
    hours: tuple[HourRange, ...] = ()


ALWAYS = Validity()


class Period(StrEnum):
    ONCE = "once"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Price:
    amount_fen: int
    period: Period
    currency: str = "CNY"


class Starts(StrEnum):
    """When a subscription takes effect."""

    NOW = "now"  # as soon as the operator accepts the order
    NEXT_MONTH = "next_month"  # on the first day of the next calendar month


@dataclass(frozen=True)
class Terms:
    """What a customer must know before subscribing at the kiosk: when the service takes
    effect and how to cancel it. A service without terms is subscribed at the counter."""

    starts: Starts
    cancel: Text


@dataclass(frozen=True)
class Narration:
    """What is spoken: its words (shown as the caption, spoken by text-to-speech when there is
    no recording) and a recording per language."""

    text: Text | None = None
    audio: LocalMedia | None = None


#: The fixed screens and moments that have a spoken guide (docs/content-pack.md, "Guides"),
#: by the id a pack's `guides.json` names them with. `digit.N` is one key of a keypad read
#: back as it is typed.
GUIDE_SCREENS: tuple[str, ...] = (
    "attract",
    "home",
    "category",
    "service",
    "demo",
    "video",
    "subscribe.number",
    "subscribe.review",
    "subscribe.code",
    "subscribe.offline",
    "subscribe.receipt",
    "idle",
    *(f"digit.{d}" for d in range(10)),
)


@dataclass(frozen=True)
class Guide:
    """A pack's spoken guide of a fixed screen (one of GUIDE_SCREENS)."""

    id: str
    narration: Narration


@dataclass(frozen=True)
class Category:
    id: str
    name: Text
    color: str
    icon: Path | None = None
    order: int = 1000
    valid: Validity = ALWAYS
    narration: Narration | None = None


@dataclass(frozen=True)
class Service:
    id: str
    category: str
    name: Text
    pitch: Text
    description: Text
    price: Price
    images: tuple[Path, ...]
    tags: tuple[str, ...] = ()
    demo: str | None = None
    video: str | None = None
    order: int = 1000
    valid: Validity = ALWAYS
    terms: Terms | None = None
    narration: Narration | None = None
    #: The customers' questions about it and the staff's answers, for the presenter panel.
    qa: tuple[QA, ...] = ()


@dataclass(frozen=True)
class QA:
    """A question customers ask about a service, and the answer staff give (staff only)."""

    q: Text
    a: Text


@dataclass(frozen=True)
class FocusService:
    """A service the quarter's selling focuses on, with the one sentence staff say first."""

    service: str
    pitch: Text


@dataclass(frozen=True)
class Focus:
    """`focus.json`: the quarter's focus services; the latest layer's replaces the others'."""

    quarter: str
    services: tuple[FocusService, ...]


class RuleKind(StrEnum):
    PERCENT_OFF = "percent_off"
    AMOUNT_OFF = "amount_off"
    FIXED_PRICE = "fixed_price"


@dataclass(frozen=True)
class DiscountRule:
    """A price change for the first `periods` billing periods (all of them when None)."""

    kind: RuleKind
    percent: int = 0  # PERCENT_OFF
    amount_fen: int = 0  # AMOUNT_OFF, FIXED_PRICE
    periods: int | None = None


class OfferKind(StrEnum):
    CAMPAIGN = "campaign"
    DAILY_DEAL = "daily_deal"


@dataclass(frozen=True)
class Offer:
    id: str
    kind: OfferKind
    title: Text
    description: Text
    services: tuple[str, ...]
    rule: DiscountRule
    banner: Path | None = None
    order: int = 1000
    valid: Validity = ALWAYS
    narration: Narration | None = None


@dataclass(frozen=True)
class Hotspot:
    """A tappable area of a scene; `rect` is (x, y, w, h) as fractions of the scene."""

    id: str
    rect: tuple[float, float, float, float]
    label: Text
    next: str  # a scene id, or END


END = "end"


@dataclass(frozen=True)
class Scene:
    id: str
    caption: Text
    image: Path | None = None
    video: Path | None = None
    narration: Narration | None = None
    hotspots: tuple[Hotspot, ...] = ()
    next: str | None = None  # where "Next" leads when the scene has no hotspots
    auto_advance_s: float | None = None
    #: What staff point out while the scene shows (the presenter panel; never the customer's).
    talking_points: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Demo:
    id: str
    title: Text
    start: str
    scenes: tuple[Scene, ...]

    def scene(self, scene_id: str) -> Scene:
        for s in self.scenes:
            if s.id == scene_id:
                return s
        raise KeyError(scene_id)


@dataclass(frozen=True)
class Video:
    id: str
    title: Text
    file: Path
    poster: Path
    subtitles: LocalMedia | None = None


@dataclass(frozen=True)
class AttractItem:
    id: str
    image: Path | None = None
    video: Path | None = None
    duration_s: float | None = None  # images need one; videos default to their own length
    order: int = 1000
    valid: Validity = ALWAYS


class OverrideAction(StrEnum):
    SET = "set"
    HIDE = "hide"


@dataclass(frozen=True)
class Override:
    """A change a later scope makes to an item of an earlier one, by section and id."""

    section: str
    id: str
    action: OverrideAction
    fields: tuple[tuple[str, object], ...] = ()  # parsed values, for SET


@dataclass(frozen=True)
class Pack:
    """One validated pack folder."""

    root: Path
    id: str
    version: int
    scope: Scope
    title: Text
    categories: tuple[Category, ...] = ()
    services: tuple[Service, ...] = ()
    offers: tuple[Offer, ...] = ()
    demos: tuple[Demo, ...] = ()
    videos: tuple[Video, ...] = ()
    attract: tuple[AttractItem, ...] = ()
    top10: tuple[str, ...] | None = None
    overrides: tuple[Override, ...] = ()
    guides: tuple[Guide, ...] = ()
    focus: Focus | None = None
    reserved: tuple[str, ...] = field(default=())  # reserved sections present, ignored
