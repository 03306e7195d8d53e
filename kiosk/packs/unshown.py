"""Items of a valid pack that the kiosk will never show: warnings, so an author is not left
wondering why something is missing.

- an item whose validity window has ended (categories, services, offers, attract items);
- a category with no service that can show (the kiosk leaves empty categories out), an
  offer none of whose services can show, a demo or video no such service opens, and a TOP-10
  entry or a focus service (focus.json) whose service has ended;
- an item of the pack that its own overrides hide (directly, or by hiding what it belongs
  to), and an override that changes an item the same pack's overrides then hide.

Judged on the pack laid over `base`, the layers below it (empty when it is checked alone). A
pack above it could still add services to an empty category: the warning says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kiosk.packs.errors import Problem
from kiosk.packs.layering import SECTIONS, Content, apply_layer
from kiosk.packs.model import OverrideAction, Pack, Validity

FILES = {section: f"{section}.json" for section in SECTIONS}
FILES["attract"] = "attract.json"
DATED = ("categories", "services", "offers", "attract")


def today_everywhere(now: datetime | None = None) -> date:
    """The date on which a day has ended in every time zone: a window that ended before it
    has ended for every store, wherever the validator runs."""
    return ((now or datetime.now(UTC)).astimezone(UTC) - timedelta(hours=12)).date()


def unshown(pack: Pack, base: Content | None = None, today: date | None = None) -> list[Problem]:
    """A warning for each item of `pack` (laid over `base`) that will never be shown."""
    day = today or today_everywhere()
    merged, _ = apply_layer(base or Content(), pack)
    problems: list[Problem] = []

    def warn(section: str, i: int, field: str, reason: str) -> None:
        where = f"{'items' if section == 'attract' else ''}[{i}]" + (f".{field}" if field else "")
        problems.append(Problem(FILES[section], where, reason, warning=True))

    def ended(v: Validity) -> bool:
        return v.end is not None and v.end < day

    for section in DATED:
        for i, item in enumerate(getattr(pack, section)):
            if ended(item.valid):
                warn(
                    section,
                    i,
                    "valid.until",
                    f"the window ended on {item.valid.end.isoformat()}: it will never show",
                )
    hides = {
        (ov.section, ov.id): j for j, ov in enumerate(pack.overrides) if ov.action is OverrideAction.HIDE
    }
    for section in SECTIONS:
        present = getattr(merged, section)
        for i, item in enumerate(getattr(pack, section)):
            if item.id not in present:
                warn(section, i, "", _why_hidden(section, item, hides) + ": it will never show")
    live = [s for s in merged.services.values() if not ended(s.valid)]
    for i, cat in enumerate(pack.categories):
        if cat.id not in merged.categories or ended(cat.valid):
            continue
        if not any(s.category == cat.id for s in live):
            has = any(s.category == cat.id for s in merged.services.values())
            reason = (
                "every service in this category has ended"
                if has
                else "no service is in this category (in this pack and the layers below it)"
            )
            warn(
                "categories",
                i,
                "",
                f"{reason}: the kiosk leaves an empty category out, so it will not show "
                "unless a pack above adds services to it",
            )
    live_ids = {s.id for s in live}
    for i, offer in enumerate(pack.offers):
        if offer.id in merged.offers and not ended(offer.valid) and not live_ids & set(offer.services):
            warn("offers", i, "services", "every service it applies to has ended: it will never show")
    for section, field in (("demos", "demo"), ("videos", "video")):
        opened = {getattr(s, field) for s in live}
        for i, item in enumerate(getattr(pack, section)):
            if item.id in getattr(merged, section) and item.id not in opened:
                warn(
                    section,
                    i,
                    "",
                    f"no service that can show opens this {field} (it is reached only from a service's "
                    "page): it will not show unless a pack above adds a service with it",
                )
    if pack.top10 is not None:
        for i, sid in enumerate(pack.top10):
            service = merged.services.get(sid)
            if service is not None and ended(service.valid):
                problems.append(
                    Problem(
                        "top10.json",
                        f"services[{i}]",
                        f"service '{sid}' has ended ({service.valid.end}): it will never show in the TOP-10",
                        warning=True,
                    )
                )
    if pack.focus is not None:
        for i, item in enumerate(pack.focus.services):
            service = merged.services.get(item.service)
            if service is not None and ended(service.valid):
                problems.append(
                    Problem(
                        "focus.json",
                        f"services[{i}].service",
                        f"service '{item.service}' has ended ({service.valid.end}): staff will never "
                        "see it in the quarter's focus",
                        warning=True,
                    )
                )
    below = base or Content()
    for j, ov in enumerate(pack.overrides):
        there = ov.id in getattr(below, ov.section) or any(it.id == ov.id for it in getattr(pack, ov.section))
        # Not there at all is the layering's error (or, checked alone, a lower layer's item).
        if ov.action is OverrideAction.SET and there and ov.id not in getattr(merged, ov.section):
            problems.append(
                Problem(
                    "overrides.json",
                    f"[{j}]",
                    f"changes {ov.section} item '{ov.id}', which this pack's overrides hide: "
                    "the change will never show",
                    warning=True,
                )
            )
    return problems


def _why_hidden(section: str, item: object, hides: dict[tuple[str, str], int]) -> str:
    item_id = getattr(item, "id", "")
    j = hides.get((section, item_id))
    if j is not None:
        return f"this pack hides it (overrides.json [{j}])"
    if section == "services":
        k = hides.get(("categories", getattr(item, "category", "")))
        if k is not None:
            return f"this pack hides its category (overrides.json [{k}])"
    if section == "offers":
        return "this pack hides every service it applies to"
    return "this pack's overrides.json hides it"
