"""`kiosk pack validate`: check one pack, optionally on top of its lower layers, and say so.

The same checks the kiosk runs before it shows a pack, and that HQ runs before it publishes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.packs.glyphs import missing_glyphs
from kiosk.packs.layering import Content, apply_layer
from kiosk.packs.loader import read_pack
from kiosk.packs.model import Pack, ScopeLevel
from kiosk.packs.unshown import unshown


@dataclass(frozen=True)
class Checked:
    """What checking a pack found. `pack` is None when it must not be used; `lines` are the
    problems (and notes) as `kiosk pack validate` prints them; `failure` says in one line
    why it is refused."""

    pack: Pack | None
    lines: list[str]
    errors: int
    warnings: int
    failure: str | None = None
    #: The base packs themselves are at fault (their lines go to stderr).
    base_failed: bool = False


def check(root: Path, bases: list[Path] | tuple[Path, ...] = (), check_media: bool = True) -> Checked:
    """Check the pack at `root` on top of `bases` (lowest first), as the kiosk and HQ both do."""
    base = Content()
    for b in bases:
        bpack, bproblems = read_pack(b, check_media=False)
        if bpack is None:
            lines = [f"{b}: the base pack is not valid itself; validate it first"]
            lines += [f"  {b.name}/{p}" for p in bproblems if not p.warning]
            return Checked(None, lines, 1, 0, f"base pack {b} is not valid", base_failed=True)
        base, problems = apply_layer(base, bpack)
        if problems:
            lines = [f"{b}: the base packs do not fit together:", *(f"  {p}" for p in problems)]
            return Checked(None, lines, 1, 0, "the base packs do not fit together", base_failed=True)
    pack, problems = read_pack(root, check_media=check_media)
    if pack is not None and bases:
        problems = problems + apply_layer(base, pack)[1]
    if pack is not None:
        problems = problems + missing_glyphs(pack)
    if pack is not None:
        problems = problems + unshown(pack, base)
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    lines = [f"{root.name}/{p}" for p in problems]
    if pack is not None and not bases and pack.scope.level is not ScopeLevel.NATIONAL:
        lines.append(
            f"note: references to lower layers were not checked; add --base DIR for the packs "
            f"below {pack.scope}"
        )
    if errors or pack is None:
        return Checked(None, lines, errors, warnings, f"INVALID: {errors} error(s), {warnings} warning(s)")
    return Checked(pack, lines, 0, warnings)


def validate_command(root: Path, bases: list[Path], check_media: bool = True) -> int:
    checked = check(root, bases, check_media)
    for line in checked.lines:
        print(line, file=sys.stderr if checked.base_failed else sys.stdout)
    if checked.pack is None:
        if not checked.base_failed:
            print(f"{root}: {checked.failure}")
        return 1
    pack = checked.pack
    counts = ", ".join(
        f"{len(getattr(pack, s))} {s}"
        for s in ("categories", "services", "offers", "demos", "videos", "attract", "guides")
        if getattr(pack, s)
    )
    if pack.focus is not None:
        counts += (
            f"{', ' if counts else ''}the focus of {pack.focus.quarter} ({len(pack.focus.services)} services)"
        )
    print(
        f"{root}: valid: pack '{pack.id}' version {pack.version}, scope {pack.scope}"
        + (f": {counts}" if counts else "")
        + (f", {checked.warnings} warning(s)" if checked.warnings else "")
    )
    return 0
