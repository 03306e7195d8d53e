"""Combine packs national -> province -> city -> store into one body of content.

Later layers add items, replace items with the same id, and change or hide them through
overrides. A layer whose combined result has broken references is left out whole, with the
reason, so one bad store pack cannot take the national content down with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from kiosk.packs.errors import Problem
from kiosk.packs.model import END, Focus, OverrideAction, Pack, Scope

SECTIONS = ("categories", "services", "offers", "demos", "videos", "attract")


@dataclass
class Content:
    """The merged items, each section an ordered dict by id; insertion order is layer order."""

    packs: list[Pack] = field(default_factory=list)
    categories: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)
    demos: dict = field(default_factory=dict)
    videos: dict = field(default_factory=dict)
    attract: dict = field(default_factory=dict)
    top10: tuple[str, ...] = ()
    # The fixed screens' spoken guides by screen id (model.GUIDE_SCREENS); a later layer's
    # guide of a screen replaces an earlier one's.
    guides: dict = field(default_factory=dict)
    # The quarter's focus services (focus.json): the latest layer's that has one.
    focus: Focus | None = None
    # Position of every item for ordering: (layer index, index in its file).
    position: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def copy(self) -> Content:
        return Content(
            packs=list(self.packs),
            **{s: dict(getattr(self, s)) for s in SECTIONS},
            top10=self.top10,
            guides=dict(self.guides),
            focus=self.focus,
            position=dict(self.position),
        )

    def sorted(self, section: str) -> list:
        """Items of `section` by (order, layer, position in file)."""
        items = getattr(self, section).values()
        return sorted(items, key=lambda it: (getattr(it, "order", 0), *self.position[(section, it.id)]))


@dataclass(frozen=True)
class LayerResult:
    content: Content
    skipped: list[tuple[Pack, list[Problem]]]


def apply_layer(base: Content, pack: Pack) -> tuple[Content, list[Problem]]:
    """`base` with `pack` laid on top, and the problems that result (empty when fine)."""
    layer = len(base.packs)
    out = base.copy()
    out.packs.append(pack)
    problems: list[Problem] = []
    for section in SECTIONS:
        items = getattr(out, section)
        for i, item in enumerate(getattr(pack, section)):
            items[item.id] = item
            out.position[(section, item.id)] = (layer, i)
    for guide in pack.guides:
        out.guides[guide.id] = guide
    for i, ov in enumerate(pack.overrides):
        items = getattr(out, ov.section)
        where = f"[{i}]"
        if ov.id not in items:
            problems.append(
                Problem(
                    "overrides.json",
                    where + ".id",
                    f"no {ov.section} item '{ov.id}' in the layers below {pack.scope}",
                )
            )
            continue
        if ov.action is OverrideAction.HIDE:
            _hide(out, ov.section, ov.id)
        else:
            items[ov.id] = dataclasses.replace(items[ov.id], **dict(ov.fields))
    # _hide pruned the inherited TOP-10 and focus; a hidden service in this layer's own list
    # is an error.
    if pack.top10 is not None:
        out.top10 = pack.top10
    if pack.focus is not None:
        out.focus = pack.focus
    problems.extend(check_references(out, pack))
    return out, problems


def _hide(c: Content, section: str, item_id: str) -> None:
    """Remove an item and every reference to it, so hiding never leaves a dangling link."""
    del getattr(c, section)[item_id]
    if section == "categories":
        for sid in [s.id for s in c.services.values() if s.category == item_id]:
            _hide(c, "services", sid)
    elif section == "services":
        c.top10 = tuple(x for x in c.top10 if x != item_id)
        if c.focus is not None:
            c.focus = dataclasses.replace(
                c.focus, services=tuple(f for f in c.focus.services if f.service != item_id)
            )
        for o in list(c.offers.values()):
            if item_id in o.services:
                rest = tuple(x for x in o.services if x != item_id)
                if rest:
                    c.offers[o.id] = dataclasses.replace(o, services=rest)
                else:
                    del c.offers[o.id]
    elif section in ("demos", "videos"):
        field = section[:-1]
        for s in list(c.services.values()):
            if getattr(s, field) == item_id:
                c.services[s.id] = dataclasses.replace(s, **{field: None})


def check_references(c: Content, pack: Pack | None = None) -> list[Problem]:
    """Every reference in the merged content points at an item that is there."""
    problems: list[Problem] = []

    def missing(file: str, where: str, kind: str, ref: str) -> None:
        scope = f" (combining up to {pack.scope})" if pack else ""
        problems.append(Problem(file, where, f"refers to {kind} '{ref}', which does not exist{scope}"))

    for s in c.services.values():
        if s.category not in c.categories:
            missing("services.json", f"{s.id}.category", "category", s.category)
        if s.demo is not None and s.demo not in c.demos:
            missing("services.json", f"{s.id}.demo", "demo", s.demo)
        if s.video is not None and s.video not in c.videos:
            missing("services.json", f"{s.id}.video", "video", s.video)
    for o in c.offers.values():
        for ref in o.services:
            if ref not in c.services:
                missing("offers.json", f"{o.id}.services", "service", ref)
    for ref in c.top10:
        if ref not in c.services:
            missing("top10.json", "services", "service", ref)
    if c.focus is not None:
        for i, f in enumerate(c.focus.services):
            if f.service not in c.services:
                missing("focus.json", f"services[{i}].service", "service", f.service)
    for d in c.demos.values():
        ids = {sc.id for sc in d.scenes}
        for sc in d.scenes:
            targets = [h.next for h in sc.hotspots] + ([sc.next] if sc.next else [])
            for t in targets:
                if t != END and t not in ids:
                    missing("demos.json", f"{d.id}.{sc.id}", "scene", t)
    return problems


def layer(packs: list[Pack]) -> LayerResult:
    """Combine `packs` in scope order; a layer that breaks the result is skipped whole."""
    content = Content()
    skipped: list[tuple[Pack, list[Problem]]] = []
    for pack in sorted(packs, key=lambda p: p.scope.level):
        merged, problems = apply_layer(content, pack)
        if problems:
            skipped.append((pack, problems))
        else:
            content = merged
    return LayerResult(content, skipped)


def applies_to(scope: Scope, store: StoreIdentity) -> bool:
    """Whether a pack of `scope` is meant for the kiosk of `store`."""
    level = scope.level.name.lower()
    if level == "national":
        return True
    return scope.ident == getattr(store, level)


@dataclass(frozen=True)
class StoreIdentity:
    """Where a kiosk stands; picks the packs that apply to it."""

    province: str
    city: str
    store: str
