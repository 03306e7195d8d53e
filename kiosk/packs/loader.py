"""Read a pack folder into a typed `Pack`, checking everything on the way in.

The reader never stops at the first problem: it records every one (file, field path, plain
reason) and only then refuses the pack with a `PackError`. Nothing here raises anything but
`PackError` for bad input, whatever the files hold.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.domain.pricing import parse_amount
from kiosk.domain.schedule import parse_hour_range
from kiosk.packs import media
from kiosk.packs.errors import PackError, Problem
from kiosk.packs.media import Use
from kiosk.packs.model import (
    END,
    FORMAT_VERSION,
    LANGUAGES,
    AttractItem,
    Category,
    Demo,
    DiscountRule,
    Hotspot,
    LocalMedia,
    Narration,
    Offer,
    OfferKind,
    Override,
    OverrideAction,
    Pack,
    Period,
    Price,
    RuleKind,
    Scene,
    Scope,
    ScopeLevel,
    Service,
    Text,
    Validity,
    Video,
)

MANIFEST = "pack.json"
SECTION_FILES = {
    "categories": "categories.json",
    "services": "services.json",
    "offers": "offers.json",
    "demos": "demos.json",
    "videos": "videos.json",
}
RESERVED = ("handsets", "apps", "coupons", "talking_points", "training")
MAX_JSON_BYTES = 8 * 1024 * 1024

ID_RE = re.compile(r"^[a-z][a-z0-9._-]{0,63}$")
SCOPE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Bad(Exception):
    """A problem with exactly the value being parsed; the reason is for the author."""


class Invalid(Exception):
    """The value had problems, already recorded in detail."""


_MISSING = object()


@dataclass(frozen=True)
class Field:
    parse: Callable[[Reader, Any, str, str], Any]
    required: bool = False


class Reader:
    """Holds the pack root and the problems found so far."""

    def __init__(self, root: Path, check_media: bool = True, checks: media.MediaChecks | None = None) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.check_media = check_media
        self.problems: list[Problem] = []
        self.checks = checks or media.MediaChecks()
        self._files: dict[str, os.stat_result] | None = None

    def problem(self, file: str, path: str, reason: str, warning: bool = False) -> None:
        self.problems.append(Problem(file, path, reason, warning))

    # -- files -----------------------------------------------------------------------
    def read_json(self, name: str, required: bool = False) -> Any:
        path = self.root / name
        if not path.exists():
            if required:
                self.problem(name, "", "is missing: every pack needs a manifest")
            return _MISSING
        if not path.is_file():
            self.problem(name, "", "is not a file")
            return _MISSING
        try:
            if path.stat().st_size > MAX_JSON_BYTES:
                self.problem(name, "", f"is larger than {MAX_JSON_BYTES // 1024 // 1024} MB")
                return _MISSING
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.problem(name, "", f"is not UTF-8 text (byte {e.start})")
            return _MISSING
        except OSError as e:
            self.problem(name, "", f"cannot be read: {e.strerror}")
            return _MISSING
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            self.problem(name, f"line {e.lineno} column {e.colno}", f"is not valid JSON: {e.msg}")
            return _MISSING
        except RecursionError:
            self.problem(name, "", "is nested too deeply to read")
            return _MISSING

    # -- generic parsing -------------------------------------------------------------
    def field(self, parse: Callable, value: Any, file: str, path: str) -> Any:
        """Run one field parser, turning `Bad` into a recorded problem; raises Invalid."""
        try:
            return parse(self, value, file, path)
        except Bad as e:
            self.problem(file, path, str(e))
            raise Invalid from e

    def obj(
        self, raw: Any, file: str, path: str, spec: dict[str, Field], partial: bool = False
    ) -> dict[str, Any]:
        """Parse a JSON object by `spec`, recording every problem; raises Invalid if any."""
        if not isinstance(raw, dict):
            self.problem(file, path, f"must be an object, not {_kind(raw)}")
            raise Invalid
        ok = True
        out: dict[str, Any] = {}
        for key in raw:
            if key not in spec:
                near = _closest(key, spec)
                hint = f" (did you mean '{near}'?)" if near else ""
                self.problem(file, _join(path, key), f"unknown field{hint}")
                ok = False
        for key, f in spec.items():
            if key not in raw:
                if f.required and not partial:
                    self.problem(file, _join(path, key), "is required")
                    ok = False
                continue
            try:
                out[key] = self.field(f.parse, raw[key], file, _join(path, key))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return out

    def items(self, raw: Any, file: str, path: str, build: Callable) -> list[Any]:
        """A JSON array of items, each built by `build(raw_item, path)`; ids must be unique."""
        if not isinstance(raw, list):
            self.problem(file, path, f"must be an array of items, not {_kind(raw)}")
            return []
        seen: dict[str, str] = {}
        out = []
        for i, item in enumerate(raw):
            where = f"{path}[{i}]" if path else f"[{i}]"
            try:
                built = build(item, where)
            except Invalid:
                continue
            if built.id in seen:
                self.problem(file, where + ".id", f"duplicate id '{built.id}' (also at {seen[built.id]})")
                continue
            seen[built.id] = where
            out.append(built)
        return out

    def _plain_files(self) -> dict[str, os.stat_result]:
        """Every regular file in the pack that is reached without a link, by relative path.

        One walk of the folder answers "is this path a file inside the pack" for thousands of
        references without resolving each one; only links need `resolve()`.
        """
        if self._files is None:
            self._files = {}
            stack = [("", str(self.root))]
            while stack:
                prefix, folder = stack.pop()
                with os.scandir(folder) as entries:
                    for e in entries:
                        if e.is_symlink():
                            continue
                        if e.is_dir():
                            stack.append((prefix + e.name + "/", e.path))
                        elif e.is_file():
                            self._files[prefix + e.name] = e.stat()
        return self._files

    def media_file(self, value: Any, file: str, path: str, use: Use) -> Path:
        if not isinstance(value, str) or not value.strip():
            raise Bad('must be a path to a file inside the pack, such as "media/x.jpg"')
        if "\\" in value:
            raise Bad(f"'{value}' uses '\\'; write paths with '/'")
        rel = PurePosixPath(value)
        if rel.is_absolute() or ".." in rel.parts:
            raise Bad(f"'{value}' leads outside the pack folder")
        full = self.root / rel
        st = self._plain_files().get(str(rel))
        if st is None:
            try:
                full.resolve().relative_to(self.real_root)
            except ValueError:
                raise Bad(f"'{value}' leads outside the pack folder (through a link)") from None
            if not full.is_file():
                raise Bad(f"'{value}' does not exist in the pack")
            st = full.stat()
        if self.check_media:
            reason = self.checks.check(full, use, st).reason
            if reason:
                raise Bad(f"'{value}' {reason}")
        return full


# -- field parsers (reader, value, file, path) -> parsed, raising Bad -------------------


def _kind(v: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        type(None): "null",
        int: "a number",
        float: "a number",
    }.get(type(v), type(v).__name__)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _closest(key: str, spec: dict) -> str | None:
    import difflib

    match = difflib.get_close_matches(key, list(spec), n=1, cutoff=0.75)
    return match[0] if match else None


def p_id(r: Reader, v: Any, file: str, path: str) -> str:
    if not isinstance(v, str) or not ID_RE.match(v):
        raise Bad(
            f"{json.dumps(v, ensure_ascii=False)} is not an id: use lower-case letters, "
            "digits, '.', '-', '_', starting with a letter, at most 64 characters"
        )
    return v


def p_ids(r: Reader, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not v:
        raise Bad("must be a non-empty array of ids")
    out = []
    for i, x in enumerate(v):
        out.append(r.field(p_id, x, file, f"{path}[{i}]"))
    if len(set(out)) != len(out):
        raise Bad("lists the same id twice")
    return tuple(out)


def p_text(r: Reader, v: Any, file: str, path: str) -> Text:
    if not isinstance(v, dict):
        raise Bad(f"must be an object with a text per language ({', '.join(LANGUAGES)})")
    bad_keys = [k for k in v if k not in LANGUAGES]
    if bad_keys:
        raise Bad(f"has unknown language '{bad_keys[0]}' (use {', '.join(LANGUAGES)})")
    missing = [lang for lang in LANGUAGES if not (isinstance(v.get(lang), str) and v[lang].strip())]
    if missing:
        raise Bad(f"has no text in {', '.join(missing)}")
    return Text(tuple((lang, v[lang]) for lang in LANGUAGES))


def p_str_list(r: Reader, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise Bad("must be an array of non-empty strings")
    return tuple(v)


def p_int(lo: int, hi: int) -> Callable:
    def parse(r: Reader, v: Any, file: str, path: str) -> int:
        if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
            raise Bad(f"must be a whole number from {lo} to {hi}")
        return v

    return parse


def p_number(lo: float, hi: float) -> Callable:
    def parse(r: Reader, v: Any, file: str, path: str) -> float:
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not lo <= v <= hi:
            raise Bad(f"must be a number from {lo:g} to {hi:g}")
        return float(v)

    return parse


def p_color(r: Reader, v: Any, file: str, path: str) -> str:
    if not isinstance(v, str) or not COLOR_RE.match(v):
        raise Bad('must be a colour like "#1A73E8"')
    return v.upper()


def p_media(use: Use) -> Callable:
    def parse(r: Reader, v: Any, file: str, path: str) -> Path:
        return r.media_file(v, file, path, use)

    return parse


def p_media_list(use: Use) -> Callable:
    def parse(r: Reader, v: Any, file: str, path: str) -> tuple[Path, ...]:
        if not isinstance(v, list) or not v:
            raise Bad("must be a non-empty array of file paths")
        out, ok = [], True
        for i, x in enumerate(v):
            try:
                out.append(r.field(p_media(use), x, file, f"{path}[{i}]"))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return tuple(out)

    return parse


def p_local_media(use: Use) -> Callable:
    def parse(r: Reader, v: Any, file: str, path: str) -> LocalMedia:
        if not isinstance(v, dict) or not v:
            raise Bad(f"must be an object with a file per language ({', '.join(LANGUAGES)})")
        out, ok = [], True
        for lang, x in v.items():
            if lang not in LANGUAGES:
                r.problem(file, f"{path}.{lang}", f"unknown language (use {', '.join(LANGUAGES)})")
                ok = False
                continue
            try:
                out.append((lang, r.field(p_media(use), x, file, f"{path}.{lang}")))
            except Invalid:
                ok = False
        missing = [lang for lang in LANGUAGES if lang not in v]
        if missing:
            r.problem(file, path, f"has no file for {', '.join(missing)}")
            ok = False
        if not ok:
            raise Invalid
        return LocalMedia(tuple(out))

    return parse


def p_date(r: Reader, v: Any, file: str, path: str) -> date:
    if not isinstance(v, str):
        raise Bad('must be a date like "2026-11-01"')
    try:
        # fromisoformat also takes "20261101" and week dates; authors write YYYY-MM-DD only.
        if len(v) != 10:
            raise ValueError(v)
        return date.fromisoformat(v)
    except ValueError:
        raise Bad(f"'{v}' is not a valid date like \"2026-11-01\"") from None


def p_days(r: Reader, v: Any, file: str, path: str) -> frozenset[int]:
    if not isinstance(v, list) or not v:
        raise Bad(f"must be a non-empty array of weekdays ({', '.join(WEEKDAYS)})")
    out = set()
    for x in v:
        if x not in WEEKDAYS:
            raise Bad(f"{json.dumps(x, ensure_ascii=False)} is not a weekday ({', '.join(WEEKDAYS)})")
        out.add(WEEKDAYS.index(x))
    return frozenset(out)


def p_hours(r: Reader, v: Any, file: str, path: str) -> tuple:
    if not isinstance(v, list) or not v:
        raise Bad('must be a non-empty array of ranges like "10:00-14:00"')
    out = []
    for x in v:
        if not isinstance(x, str):
            raise Bad('must be an array of ranges like "10:00-14:00"')
        try:
            out.append(parse_hour_range(x))
        except ValueError as e:
            raise Bad(str(e)) from None
    return tuple(out)


VALIDITY = {"from": Field(p_date), "until": Field(p_date), "days": Field(p_days), "hours": Field(p_hours)}


def p_valid(r: Reader, v: Any, file: str, path: str) -> Validity:
    d = r.obj(v, file, path, VALIDITY)
    start, end = d.get("from"), d.get("until")
    if start and end and end < start:
        raise Bad(f"ends ({end}) before it starts ({start})")
    return Validity(start=start, end=end, weekdays=d.get("days"), hours=d.get("hours", ()))


PRICE = {
    "amount": Field(lambda r, v, f, p: _amount(v), True),
    "currency": Field(lambda r, v, f, p: _currency(v), True),
    "period": Field(lambda r, v, f, p: _period(v), True),
}


def _amount(v: Any) -> int:
    try:
        return parse_amount(v)
    except ValueError as e:
        raise Bad(str(e)) from None


def _currency(v: Any) -> str:
    if v != "CNY":
        raise Bad('must be "CNY" (the only currency of format 1)')
    return v


def _period(v: Any) -> Period:
    try:
        return Period(v)
    except ValueError:
        raise Bad("must be one of once, day, month, year") from None


def p_price(r: Reader, v: Any, file: str, path: str) -> Price:
    d = r.obj(v, file, path, PRICE)
    return Price(d["amount"], d["period"], d["currency"])


def p_rule(r: Reader, v: Any, file: str, path: str) -> DiscountRule:
    if not isinstance(v, dict):
        raise Bad('must be an object such as {"type": "percent_off", "percent": 20, "periods": 3}')
    kinds = [k.value for k in RuleKind]
    if v.get("type") not in kinds:
        r.problem(file, _join(path, "type"), f"must be one of {', '.join(kinds)}")
        raise Invalid
    kind = RuleKind(v["type"])
    spec = {"type": Field(lambda r, v, f, p: v, True), "periods": Field(p_int(1, 120))}
    if kind is RuleKind.PERCENT_OFF:
        spec["percent"] = Field(p_int(1, 100), True)
    else:
        spec["amount"] = Field(lambda r, v, f, p: _amount(v), True)
    d = r.obj(v, file, path, spec)
    return DiscountRule(
        kind, percent=d.get("percent", 0), amount_fen=d.get("amount", 0), periods=d.get("periods")
    )


def p_kind(r: Reader, v: Any, file: str, path: str) -> OfferKind:
    try:
        return OfferKind(v)
    except ValueError:
        raise Bad('must be "campaign" or "daily_deal"') from None


def p_scene_ref(r: Reader, v: Any, file: str, path: str) -> str:
    if v == END:
        return END
    return p_id(r, v, file, path)


def p_rect(r: Reader, v: Any, file: str, path: str) -> tuple[float, float, float, float]:
    if (
        not isinstance(v, list)
        or len(v) != 4
        or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
    ):
        raise Bad("must be [x, y, width, height] as fractions of the scene, e.g. [0.1, 0.2, 0.3, 0.1]")
    x, y, w, h = (float(n) for n in v)
    if min(x, y) < 0 or w <= 0 or h <= 0 or x + w > 1.0001 or y + h > 1.0001:
        raise Bad("must lie inside the scene: x, y >= 0, width and height > 0, x+width and y+height <= 1")
    return (x, y, w, h)


HOTSPOT = {
    "id": Field(p_id, True),
    "rect": Field(p_rect, True),
    "label": Field(p_text, True),
    "next": Field(p_scene_ref, True),
}
NARRATION = {"text": Field(p_text), "audio": Field(p_local_media(Use.AUDIO))}


def p_narration(r: Reader, v: Any, file: str, path: str) -> Narration:
    d = r.obj(v, file, path, NARRATION)
    if not d:
        raise Bad('needs "text", "audio" or both')
    return Narration(text=d.get("text"), audio=d.get("audio"))


def p_hotspots(r: Reader, v: Any, file: str, path: str) -> tuple[Hotspot, ...]:
    def build(raw: Any, where: str) -> Hotspot:
        d = r.obj(raw, file, where, HOTSPOT)
        return Hotspot(**d)

    if not isinstance(v, list):
        raise Bad("must be an array of hotspots")
    before = len(r.problems)
    out = r.items(v, file, path, build)
    if len(r.problems) > before:
        raise Invalid
    return tuple(out)


SCENE = {
    "id": Field(p_id, True),
    "image": Field(p_media(Use.FULLSCREEN)),
    "video": Field(p_media(Use.VIDEO)),
    "caption": Field(p_text, True),
    "narration": Field(p_narration),
    "hotspots": Field(p_hotspots),
    "next": Field(p_scene_ref),
    "auto_advance_s": Field(p_number(1, 600)),
}


def _one_of_image_video(r: Reader, raw: Any, d: dict, file: str, path: str) -> None:
    if isinstance(raw, dict) and ("image" in raw) == ("video" in raw):
        r.problem(file, path, 'needs exactly one of "image" and "video"')
        raise Invalid


def p_scenes(r: Reader, v: Any, file: str, path: str) -> tuple[Scene, ...]:
    def build(raw: Any, where: str) -> Scene:
        d = r.obj(raw, file, where, SCENE)
        _one_of_image_video(r, raw, d, file, where)
        if "auto_advance_s" in d and "next" not in d:
            r.problem(file, where + ".auto_advance_s", 'needs "next": where to advance to')
            raise Invalid
        return Scene(**d)

    if not isinstance(v, list) or not v:
        raise Bad("must be a non-empty array of scenes")
    before = len(r.problems)
    out = r.items(v, file, path, build)
    if len(r.problems) > before:
        raise Invalid
    return tuple(out)


# -- sections --------------------------------------------------------------------------

CATEGORY = {
    "id": Field(p_id, True),
    "name": Field(p_text, True),
    "icon": Field(p_media(Use.ICON)),
    "color": Field(p_color, True),
    "order": Field(p_int(-100000, 100000)),
    "valid": Field(p_valid),
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
    "order": Field(p_int(-100000, 100000)),
    "valid": Field(p_valid),
}
OFFER = {
    "id": Field(p_id, True),
    "kind": Field(p_kind, True),
    "title": Field(p_text, True),
    "description": Field(p_text, True),
    "services": Field(p_ids, True),
    "rule": Field(p_rule, True),
    "banner": Field(p_media(Use.PICTURE)),
    "order": Field(p_int(-100000, 100000)),
    "valid": Field(p_valid),
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
    "order": Field(p_int(-100000, 100000)),
    "valid": Field(p_valid),
}
SPECS = {
    "categories": CATEGORY,
    "services": SERVICE,
    "offers": OFFER,
    "demos": DEMO,
    "videos": VIDEO,
    "attract": ATTRACT_ITEM,
}


def build_category(r: Reader, raw: Any, file: str, path: str) -> Category:
    return Category(**r.obj(raw, file, path, CATEGORY))


def build_service(r: Reader, raw: Any, file: str, path: str) -> Service:
    return Service(**r.obj(raw, file, path, SERVICE))


def build_offer(r: Reader, raw: Any, file: str, path: str) -> Offer:
    d = r.obj(raw, file, path, OFFER)
    if d["kind"] is OfferKind.DAILY_DEAL and "valid" not in d:
        r.problem(file, _join(path, "valid"), "is required for a daily deal: say when it runs")
        raise Invalid
    return Offer(**d)


def build_demo(r: Reader, raw: Any, file: str, path: str) -> Demo:
    d = r.obj(raw, file, path, DEMO)
    demo = Demo(**d)
    check_demo_graph(r, demo, file, path)
    return demo


def check_demo_graph(r: Reader, demo: Demo, file: str, path: str) -> None:
    """`start` and every `next` exist; every scene is reachable; the end can be reached."""
    ids = [s.id for s in demo.scenes]
    bad = False
    if demo.start not in ids:
        r.problem(file, _join(path, "start"), f"names scene '{demo.start}', which is not in this demo")
        bad = True
    edges: dict[str, list[str]] = {}
    for i, s in enumerate(demo.scenes):
        targets = [(f"hotspots[{j}].next", h.next) for j, h in enumerate(s.hotspots)]
        if s.next is not None:
            targets.append(("next", s.next))
        edges[s.id] = [t for _, t in targets]
        for where, t in targets:
            if t != END and t not in ids:
                r.problem(
                    file, f"{path}.scenes[{i}].{where}", f"names scene '{t}', which is not in this demo"
                )
                bad = True
    if bad:
        raise Invalid
    seen, todo, ends = set(), [demo.start], False
    while todo:
        cur = todo.pop()
        if cur == END:
            ends = True
            continue
        if cur in seen:
            continue
        seen.add(cur)
        if not edges[cur]:
            ends = True  # a scene with nowhere to go ends the demo
        todo.extend(edges[cur])
    for i, s in enumerate(demo.scenes):
        if s.id not in seen:
            r.problem(file, f"{path}.scenes[{i}]", f"scene '{s.id}' cannot be reached from the start")
            bad = True
    if not ends:
        r.problem(file, path, 'never ends: no scene leads to "end" or stops without a next')
        bad = True
    if bad:
        raise Invalid


def build_video(r: Reader, raw: Any, file: str, path: str) -> Video:
    return Video(**r.obj(raw, file, path, VIDEO))


def build_attract_item(r: Reader, raw: Any, file: str, path: str) -> AttractItem:
    d = r.obj(raw, file, path, ATTRACT_ITEM)
    _one_of_image_video(r, raw, d, file, path)
    if "image" in d and "duration_s" not in d:
        r.problem(file, _join(path, "duration_s"), "is required for an image: how many seconds to show it")
        raise Invalid
    return AttractItem(**d)


BUILDERS = {
    "categories": build_category,
    "services": build_service,
    "offers": build_offer,
    "demos": build_demo,
    "videos": build_video,
}


def p_scope(r: Reader, v: Any, file: str, path: str) -> Scope:
    if v == "national":
        return Scope(ScopeLevel.NATIONAL)
    if isinstance(v, str) and ":" in v:
        level, _, ident = v.partition(":")
        if level in ("province", "city", "store") and SCOPE_ID_RE.match(ident):
            return Scope(ScopeLevel[level.upper()], ident)
    raise Bad('must be "national", "province:ID", "city:ID" or "store:ID"')


def p_format(r: Reader, v: Any, file: str, path: str) -> int:
    if v != FORMAT_VERSION:
        raise Bad(f"is {json.dumps(v)}; this kiosk reads format {FORMAT_VERSION}")
    return v


def p_languages(r: Reader, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or any(lang not in v for lang in LANGUAGES):
        raise Bad(f"must list at least {', '.join(LANGUAGES)}")
    return tuple(v)


MANIFEST_SPEC = {
    "format": Field(p_format, True),
    "id": Field(p_id, True),
    "version": Field(p_int(1, 2**31 - 1), True),
    "scope": Field(p_scope, True),
    "title": Field(p_text, True),
    "languages": Field(p_languages, True),
}


def read_overrides(r: Reader, raw: Any) -> list[Override]:
    file = "overrides.json"

    def build(item: Any, where: str) -> Override:
        if not isinstance(item, dict):
            r.problem(file, where, "must be an object with section, id and set or hide")
            raise Invalid
        unknown = [k for k in item if k not in ("section", "id", "set", "hide")]
        for k in unknown:
            r.problem(file, _join(where, k), "unknown field (use section, id, set or hide)")
        section = item.get("section")
        if section not in SPECS:
            r.problem(file, _join(where, "section"), f"must be one of {', '.join(SPECS)}")
            raise Invalid
        ident = r.field(p_id, item.get("id"), file, _join(where, "id"))
        if ("set" in item) == ("hide" in item):
            r.problem(file, where, 'needs exactly one of "set" and "hide"')
            raise Invalid
        if unknown:
            raise Invalid
        if "hide" in item:
            if item["hide"] is not True:
                r.problem(file, _join(where, "hide"), "must be true")
                raise Invalid
            return _Keyed(section + ":" + ident, Override(section, ident, OverrideAction.HIDE))
        spec = {k: f for k, f in SPECS[section].items() if k != "id"}
        if isinstance(item["set"], dict) and not item["set"]:
            r.problem(file, _join(where, "set"), "is empty: name the fields to change")
            raise Invalid
        fields = r.obj(item["set"], file, _join(where, "set"), spec, partial=True)
        return _Keyed(
            section + ":" + ident, Override(section, ident, OverrideAction.SET, tuple(fields.items()))
        )

    return [k.value for k in r.items(raw, file, "", build)]


@dataclass(frozen=True)
class _Keyed:
    """Lets overrides go through `Reader.items`, which checks ids for duplicates."""

    id: str
    value: Override


def read_pack(
    root: Path, check_media: bool = True, checks: media.MediaChecks | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read and check the pack at `root`: the pack (None if unusable) and every problem."""
    r = Reader(root, check_media, checks)
    if not root.is_dir():
        return None, [Problem(str(root), "", "is not a folder")]
    manifest = None
    raw = r.read_json(MANIFEST, required=True)
    if raw is not _MISSING:
        with contextlib.suppress(Invalid):
            manifest = r.obj(raw, MANIFEST, "", MANIFEST_SPEC)
    sections: dict[str, list] = {}
    for section, file in SECTION_FILES.items():
        raw = r.read_json(file)
        sections[section] = (
            []
            if raw is _MISSING
            else r.items(raw, file, "", lambda item, where, b=BUILDERS[section], f=file: b(r, item, f, where))
        )
    attract = read_attract(r)
    top10 = read_top10(r)
    overrides: list[Override] = []
    raw = r.read_json("overrides.json")
    if raw is not _MISSING:
        overrides = read_overrides(r, raw)
        if manifest and manifest["scope"].level is ScopeLevel.NATIONAL and overrides:
            r.problem("overrides.json", "", "a national pack has no lower layer to override")
    reserved = []
    for name in RESERVED:
        if (root / f"{name}.json").exists():
            reserved.append(name)
            r.problem(
                f"{name}.json",
                "",
                "is reserved for a later format version; its content is ignored",
                warning=True,
            )
    known = {
        MANIFEST,
        "attract.json",
        "top10.json",
        "overrides.json",
        *SECTION_FILES.values(),
        *(f"{n}.json" for n in RESERVED),
    }
    for extra in sorted(p.name for p in root.glob("*.json") if p.name not in known):
        r.problem(extra, "", "is not a file of the pack format (check the name)")
    if manifest is None or any(not p.warning for p in r.problems):
        return None, r.problems
    pack = Pack(
        root=root,
        id=manifest["id"],
        version=manifest["version"],
        scope=manifest["scope"],
        title=manifest["title"],
        attract=tuple(attract),
        top10=top10,
        overrides=tuple(overrides),
        reserved=tuple(reserved),
        **{k: tuple(v) for k, v in sections.items()},
    )
    check_local_references(r, pack)
    if any(not p.warning for p in r.problems):
        return None, r.problems
    return pack, r.problems


def read_attract(r: Reader) -> list[AttractItem]:
    raw = r.read_json("attract.json")
    if raw is _MISSING:
        return []
    if not isinstance(raw, dict) or set(raw) != {"items"}:
        r.problem("attract.json", "", 'must be an object {"items": [...]}')
        return []
    return r.items(
        raw["items"],
        "attract.json",
        "items",
        lambda item, where: build_attract_item(r, item, "attract.json", where),
    )


def read_top10(r: Reader) -> tuple[str, ...] | None:
    raw = r.read_json("top10.json")
    if raw is _MISSING:
        return None
    if not isinstance(raw, dict) or set(raw) != {"services"}:
        r.problem("top10.json", "", 'must be an object {"services": [...]}')
        return None
    try:
        ids = r.field(p_ids, raw["services"], "top10.json", "services")
    except Invalid:
        return None
    if len(ids) > 10:
        r.problem("top10.json", "services", f"lists {len(ids)} services; at most 10")
        return None
    return ids


def check_local_references(r: Reader, pack: Pack) -> None:
    """References between items of a national pack must resolve inside it.

    Packs of lower scopes may refer to lower layers, checked when layered (see layering).
    """
    if pack.scope.level is not ScopeLevel.NATIONAL:
        return
    from kiosk.packs.layering import Content, apply_layer

    _, problems = apply_layer(Content(), pack)
    r.problems.extend(problems)


def load_pack(root: Path, check_media: bool = True, checks: media.MediaChecks | None = None) -> Pack:
    """The pack at `root`, or PackError listing every problem."""
    pack, problems = read_pack(root, check_media, checks)
    if pack is None:
        raise PackError(str(root), problems)
    return pack
