"""Read a pack folder into a typed `Pack`, checking everything on the way in.

The reader never stops at the first problem: it records every one (file, field path, plain
reason) and only then refuses the pack with a `PackError`. Nothing here raises anything but
`PackError` for bad input, whatever the files hold.

This module reads the pack's files in order and assembles the `Pack`; the checks live in
`folder` (reading files, media references), `fields` (the field-table engine), `values` and
`items` (what each value and item may be), `demo_graph` and `overrides`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from kiosk.packs import limits, media
from kiosk.packs.errors import PackError, Problem
from kiosk.packs.fields import RecordedError
from kiosk.packs.folder import MISSING, PackReader
from kiosk.packs.items import BUILDERS, MANIFEST_SPEC, build_attract_item, build_focus, build_guide
from kiosk.packs.layering import Content, apply_layer
from kiosk.packs.model import AttractItem, Focus, Guide, Override, Pack, ScopeLevel
from kiosk.packs.overrides import read_overrides
from kiosk.packs.values import p_ids

MANIFEST = "pack.json"
GUIDES = "guides.json"
FOCUS = "focus.json"
SECTION_FILES = {
    "categories": "categories.json",
    "services": "services.json",
    "offers": "offers.json",
    "demos": "demos.json",
    "videos": "videos.json",
}
RESERVED = ("handsets", "apps", "coupons", "talking_points", "training")


def read_pack(
    root: Path, check_media: bool = True, checks: media.MediaChecks | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read and check the pack at `root`: the pack (None if unusable) and every problem."""
    r = PackReader(root, check_media, checks)
    if not root.is_dir():
        return None, [Problem(str(root), "", "is not a folder")]
    manifest = None
    raw = r.read_json(MANIFEST, required=True)
    if raw is not MISSING:
        with contextlib.suppress(RecordedError):
            manifest = r.obj(raw, MANIFEST, "", MANIFEST_SPEC)
    sections: dict[str, list] = {}
    for section, file in SECTION_FILES.items():
        raw = r.read_json(file)
        sections[section] = (
            []
            if raw is MISSING
            else r.items(raw, file, "", lambda item, where, b=BUILDERS[section], f=file: b(r, item, f, where))
        )
    attract = read_attract(r)
    guides = read_guides(r)
    focus = read_focus(r)
    top10 = read_top10(r)
    overrides: list[Override] = []
    raw = r.read_json("overrides.json")
    if raw is not MISSING:
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
        GUIDES,
        FOCUS,
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
        guides=tuple(guides),
        focus=focus,
        reserved=tuple(reserved),
        **{k: tuple(v) for k, v in sections.items()},
    )
    check_local_references(r, pack)
    if any(not p.warning for p in r.problems):
        return None, r.problems
    r.problems.extend(limits.warnings(pack, pictures=check_media))
    return pack, r.problems


def read_attract(r: PackReader) -> list[AttractItem]:
    raw = r.read_json("attract.json")
    if raw is MISSING:
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


def read_guides(r: PackReader) -> list[Guide]:
    """guides.json: the spoken guides of the fixed screens, one a screen."""
    raw = r.read_json(GUIDES)
    if raw is MISSING:
        return []
    if not isinstance(raw, dict) or set(raw) != {"guides"}:
        r.problem(GUIDES, "", 'must be an object {"guides": [...]}')
        return []
    return r.items(raw["guides"], GUIDES, "guides", lambda item, where: build_guide(r, item, GUIDES, where))


def read_focus(r: PackReader) -> Focus | None:
    """focus.json: the quarter's focus services and their one-sentence pitch, for staff."""
    raw = r.read_json(FOCUS)
    if raw is MISSING:
        return None
    try:
        return build_focus(r, raw, FOCUS)
    except RecordedError:
        return None


def read_top10(r: PackReader) -> tuple[str, ...] | None:
    raw = r.read_json("top10.json")
    if raw is MISSING:
        return None
    if not isinstance(raw, dict) or set(raw) != {"services"}:
        r.problem("top10.json", "", 'must be an object {"services": [...]}')
        return None
    try:
        ids = r.field(p_ids, raw["services"], "top10.json", "services")
    except RecordedError:
        return None
    if len(ids) > 10:
        r.problem("top10.json", "services", f"lists {len(ids)} services; at most 10")
        return None
    return ids


def check_local_references(r: PackReader, pack: Pack) -> None:
    """References between items of a national pack must resolve inside it.

    Packs of lower scopes may refer to lower layers, checked when layered (see layering).
    """
    if pack.scope.level is not ScopeLevel.NATIONAL:
        return
    _, problems = apply_layer(Content(), pack)
    r.problems.extend(problems)


def load_pack(root: Path, check_media: bool = True, checks: media.MediaChecks | None = None) -> Pack:
    """The pack at `root`, or PackError listing every problem."""
    pack, problems = read_pack(root, check_media, checks)
    if pack is None:
        raise PackError(str(root), problems)
    return pack
