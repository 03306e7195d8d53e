"""`kiosk pack validate`: check one pack, optionally on top of its lower layers, and say so.

The same checks the kiosk runs before it shows a pack, and that HQ runs before it publishes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.packs.layering import Content, apply_layer
from kiosk.packs.loader import read_pack
from kiosk.packs.model import ScopeLevel


def validate_command(root: Path, bases: list[Path], check_media: bool = True) -> int:
    base = Content()
    for b in bases:
        bpack, bproblems = read_pack(b, check_media=False)
        if bpack is None:
            print(f"{b}: the base pack is not valid itself; validate it first", file=sys.stderr)
            for p in bproblems:
                if not p.warning:
                    print(f"  {b.name}/{p}", file=sys.stderr)
            return 1
        base, problems = apply_layer(base, bpack)
        if problems:
            print(f"{b}: the base packs do not fit together:", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            return 1
    pack, problems = read_pack(root, check_media=check_media)
    if pack is not None and bases:
        _, layered = apply_layer(base, pack)
        problems = problems + layered
    errors = [p for p in problems if not p.warning]
    for p in problems:
        print(f"{root.name}/{p}")
    if pack is not None and not bases and pack.scope.level is not ScopeLevel.NATIONAL:
        print(
            f"note: references to lower layers were not checked; add --base DIR for the packs "
            f"below {pack.scope}"
        )
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{root}: INVALID: {len(errors)} error(s), {warnings} warning(s)")
        return 1
    assert pack is not None
    counts = ", ".join(
        f"{len(getattr(pack, s))} {s}"
        for s in ("categories", "services", "offers", "demos", "videos", "attract")
        if getattr(pack, s)
    )
    print(
        f"{root}: valid: pack '{pack.id}' version {pack.version}, scope {pack.scope}"
        + (f": {counts}" if counts else "")
        + (f", {warnings} warning(s)" if warnings else "")
    )
    return 0
