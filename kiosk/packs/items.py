"""What each item of a pack may hold: a field table per kind of item, and its builder.

Categories, services, offers, demos (with their scenes and hotspots), videos, attract items,
the fixed screens' guides and the manifest. A builder checks one raw item against its table,
adds the rules that span fields ("exactly one of image and video"), and returns the model's
frozen item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.packs.demo_graph import check_demo_graph
from kiosk.packs.fields import Checker, Field, FieldError, RecordedError, join
from kiosk.packs.media import Use
from kiosk.packs.model import (
    GUIDE_SCREENS,
    QA,
    AttractItem,
    Category,
    Demo,
    Focus,
    FocusService,
    Guide,
    Hotspot,
    Narration,
    Offer,
    OfferKind,
    Scene,
    Service,
    Video,
)
from kiosk.packs.values import (
    p_color,
    p_format,
    p_id,
    p_ids,
    p_int,
    p_languages,
    p_local_media,
    p_media,
    p_media_list,
    p_number,
    p_offer_kind,
    p_price,
    p_quarter,
    p_rect,
    p_rule,
    p_scene_ref,
    p_scope,
    p_str_list,
    p_terms,
    p_text,
    p_texts,
    p_valid,
)

#: At most this many talking points a scene and questions a service: the presenter panel is
#: read at a glance beside a customer, not scrolled through.
MOST_TALKING_POINTS = 6
MOST_QA = 12

# -- demos: scenes and hotspots ----------------------------------------------------------

HOTSPOT = {
    "id": Field(p_id, True),
    "rect": Field(p_rect, True),
    "label": Field(p_text, True),
    "next": Field(p_scene_ref, True),
}
NARRATION = {"text": Field(p_text), "audio": Field(p_local_media(Use.AUDIO))}


def p_narration(r: Checker, v: Any, file: str, path: str) -> Narration:
    d = r.obj(v, file, path, NARRATION)
    if not d:
        raise FieldError('needs "text", "audio" or both')
    return Narration(text=d.get("text"), audio=d.get("audio"))


def p_hotspots(r: Checker, v: Any, file: str, path: str) -> tuple[Hotspot, ...]:
    def build(raw: Any, where: str) -> Hotspot:
        d = r.obj(raw, file, where, HOTSPOT)
        return Hotspot(**d)

    if not isinstance(v, list):
        raise FieldError("must be an array of hotspots")
    return _every_item(r, v, file, path, build)


SCENE = {
    "id": Field(p_id, True),
    "image": Field(p_media(Use.FULLSCREEN)),
    "video": Field(p_media(Use.VIDEO)),
    "caption": Field(p_text, True),
    "narration": Field(p_narration),
    "hotspots": Field(p_hotspots),
    "next": Field(p_scene_ref),
    "auto_advance_s": Field(p_number(1, 600)),
    "talking_points": Field(p_texts(MOST_TALKING_POINTS)),
}


def _one_of_image_video(r: Checker, raw: Any, file: str, path: str) -> None:
    if isinstance(raw, dict) and ("image" in raw) == ("video" in raw):
        r.problem(file, path, 'needs exactly one of "image" and "video"')
        raise RecordedError


def p_scenes(r: Checker, v: Any, file: str, path: str) -> tuple[Scene, ...]:
    def build(raw: Any, where: str) -> Scene:
        d = r.obj(raw, file, where, SCENE)
        _one_of_image_video(r, raw, file, where)
        if "auto_advance_s" in d and "next" not in d:
            r.problem(file, where + ".auto_advance_s", 'needs "next": where to advance to')
            raise RecordedError
        return Scene(**d)

    if not isinstance(v, list) or not v:
        raise FieldError("must be a non-empty array of scenes")
    return _every_item(r, v, file, path, build)


def _every_item(r: Checker, v: list[Any], file: str, path: str, build: Callable[[Any, str], Any]) -> tuple:
    """The items of `v`, or RecordedError when any has a problem: a demo is whole or left out."""
    before = len(r.problems)
    out = r.items(v, file, path, build)
    if len(r.problems) > before:
        raise RecordedError
    return tuple(out)


# -- what staff say: a service's questions and answers ------------------------------------

QA_ITEM = {
    "q": Field(p_text, True),
    "a": Field(p_text, True),
}


def p_qa(r: Checker, v: Any, file: str, path: str) -> tuple[QA, ...]:
    if not isinstance(v, list) or not v:
        raise FieldError('must be a non-empty array of {"q": text, "a": text}')
    if len(v) > MOST_QA:
        raise FieldError(f"has {len(v)} questions; at most {MOST_QA}")
    out, ok = [], True
    for i, raw in enumerate(v):
        try:
            out.append(QA(**r.obj(raw, file, f"{path}[{i}]", QA_ITEM)))
        except RecordedError:
            ok = False
    if not ok:
        raise RecordedError
    return tuple(out)


# -- the sections ------------------------------------------------------------------------

#: Fields many items share: where an item sorts among its section, and when it shows.
ORDER = Field(p_int(-100000, 100000))
VALID = Field(p_valid)
#: What is spoken of the item when its screen opens (its name and what it is for), before
#: the screen's own guide (`guides.json`).
NARRATED = Field(p_narration)

CATEGORY = {
    "id": Field(p_id, True),
    "name": Field(p_text, True),
    "icon": Field(p_media(Use.ICON)),
    "color": Field(p_color, True),
    "order": ORDER,
    "valid": VALID,
    "narration": NARRATED,
}
SERVICE = {
    "id": Field(p_id, True),
    "category": Field(p_id, True),
    "name": Field(p_text, True),
    "pitch": Field(p_text, True),
    "description": Field(p_text, True),
    "price": Field(p_price, True),
    "images": Field(p_media_list(Use.PICTURE), True),
    "tags": Field(p_str_list),
    "demo": Field(p_id),
    "video": Field(p_id),
    "order": ORDER,
    "valid": VALID,
    "terms": Field(p_terms),
    "narration": NARRATED,
    "qa": Field(p_qa),
}
OFFER = {
    "id": Field(p_id, True),
    "kind": Field(p_offer_kind, True),
    "title": Field(p_text, True),
    "description": Field(p_text, True),
    "services": Field(p_ids, True),
    "rule": Field(p_rule, True),
    "banner": Field(p_media(Use.PICTURE)),
    "order": ORDER,
    "valid": VALID,
    "narration": NARRATED,
}
DEMO = {
    "id": Field(p_id, True),
    "title": Field(p_text, True),
    "start": Field(p_id, True),
    "scenes": Field(p_scenes, True),
}
VIDEO = {
    "id": Field(p_id, True),
    "title": Field(p_text, True),
    "file": Field(p_media(Use.VIDEO), True),
    "poster": Field(p_media(Use.FULLSCREEN), True),
    "subtitles": Field(p_local_media(Use.SUBTITLES)),
}
ATTRACT_ITEM = {
    "id": Field(p_id, True),
    "image": Field(p_media(Use.FULLSCREEN)),
    "video": Field(p_media(Use.VIDEO)),
    "duration_s": Field(p_number(2, 120)),
    "order": ORDER,
    "valid": VALID,
}


def p_guide_screen(r: Checker, v: Any, file: str, path: str) -> str:
    """One of the fixed screens that have a guide; a near miss names the screen meant."""
    if isinstance(v, str) and v in GUIDE_SCREENS:
        return v
    if not isinstance(v, str):
        raise FieldError('must be the id of a screen, such as "home"')
    import difflib  # only when an author misspells a screen

    match = difflib.get_close_matches(v, GUIDE_SCREENS, n=1, cutoff=0.6)
    if match:
        raise FieldError(f"'{v}' is not a screen with a guide (did you mean '{match[0]}'?)")
    screens = ", ".join(s for s in GUIDE_SCREENS if not s.startswith("digit."))
    raise FieldError(f"'{v}' is not a screen with a guide: one of {screens}, or digit.0 to digit.9")


GUIDE = {
    "id": Field(p_guide_screen, True),
    "narration": Field(p_narration, True),
}

FOCUS_SERVICE = {
    "service": Field(p_id, True),
    "pitch": Field(p_text, True),
}


def p_focus_services(r: Checker, v: Any, file: str, path: str) -> tuple[FocusService, ...]:
    if not isinstance(v, list) or not v:
        raise FieldError('must be a non-empty array of {"service": id, "pitch": text}')
    out: list[FocusService] = []
    ok = True
    for i, raw in enumerate(v):
        where = f"{path}[{i}]"
        try:
            item = FocusService(**r.obj(raw, file, where, FOCUS_SERVICE))
        except RecordedError:
            ok = False
            continue
        if any(f.service == item.service for f in out):
            r.problem(file, join(where, "service"), f"lists service '{item.service}' twice")
            ok = False
            continue
        out.append(item)
    if not ok:
        raise RecordedError
    return tuple(out)


FOCUS = {
    "quarter": Field(p_quarter, True),
    "services": Field(p_focus_services, True),
}


def build_focus(r: Checker, raw: Any, file: str) -> Focus:
    return Focus(**r.obj(raw, file, "", FOCUS))


#: The table of each section's items, by section name (what overrides may change).
SPECS = {
    "categories": CATEGORY,
    "services": SERVICE,
    "offers": OFFER,
    "demos": DEMO,
    "videos": VIDEO,
    "attract": ATTRACT_ITEM,
}


def build_category(r: Checker, raw: Any, file: str, path: str) -> Category:
    return Category(**r.obj(raw, file, path, CATEGORY))


def build_service(r: Checker, raw: Any, file: str, path: str) -> Service:
    return Service(**r.obj(raw, file, path, SERVICE))


def build_offer(r: Checker, raw: Any, file: str, path: str) -> Offer:
    d = r.obj(raw, file, path, OFFER)
    if d["kind"] is OfferKind.DAILY_DEAL and "valid" not in d:
        r.problem(file, join(path, "valid"), "is required for a daily deal: say when it runs")
        raise RecordedError
    return Offer(**d)


def build_demo(r: Checker, raw: Any, file: str, path: str) -> Demo:
    d = r.obj(raw, file, path, DEMO)
    demo = Demo(**d)
    check_demo_graph(r, demo, file, path)
    return demo


def build_video(r: Checker, raw: Any, file: str, path: str) -> Video:
    return Video(**r.obj(raw, file, path, VIDEO))


def build_attract_item(r: Checker, raw: Any, file: str, path: str) -> AttractItem:
    d = r.obj(raw, file, path, ATTRACT_ITEM)
    _one_of_image_video(r, raw, file, path)
    if "image" in d and "duration_s" not in d:
        r.problem(file, join(path, "duration_s"), "is required for an image: how many seconds to show it")
        raise RecordedError
    return AttractItem(**d)


def build_guide(r: Checker, raw: Any, file: str, path: str) -> Guide:
    return Guide(**r.obj(raw, file, path, GUIDE))


#: The builder of each section file's items (attract.json holds its items under "items").
BUILDERS: dict[str, Callable[[Checker, Any, str, str], Any]] = {
    "categories": build_category,
    "services": build_service,
    "offers": build_offer,
    "demos": build_demo,
    "videos": build_video,
}

MANIFEST_SPEC = {
    "format": Field(p_format, True),
    "id": Field(p_id, True),
    "version": Field(p_int(1, 2**31 - 1), True),
    "scope": Field(p_scope, True),
    "title": Field(p_text, True),
    "languages": Field(p_languages, True),
}
