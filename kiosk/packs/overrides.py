"""overrides.json: a lower layer's changes to items of the layers above it, checked as items.

Each override names an item by section and id and either sets some of its fields (checked
by the same field table as the section's own items) or hides it. Whether the item exists
is known only when the layers are combined (`kiosk.packs.layering`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.packs.fields import Checker, RecordedError, join
from kiosk.packs.items import SPECS
from kiosk.packs.model import Override, OverrideAction
from kiosk.packs.values import p_id

FILE = "overrides.json"


def read_overrides(r: Checker, raw: Any) -> list[Override]:
    """The overrides in `raw` (the file's JSON); each problem recorded on `r`."""

    def build(item: Any, where: str) -> _Keyed:
        if not isinstance(item, dict):
            r.problem(FILE, where, "must be an object with section, id and set or hide")
            raise RecordedError
        unknown = [k for k in item if k not in ("section", "id", "set", "hide")]
        for k in unknown:
            r.problem(FILE, join(where, k), "unknown field (use section, id, set or hide)")
        section = item.get("section")
        if section not in SPECS:
            r.problem(FILE, join(where, "section"), f"must be one of {', '.join(SPECS)}")
            raise RecordedError
        ident = r.field(p_id, item.get("id"), FILE, join(where, "id"))
        if ("set" in item) == ("hide" in item):
            r.problem(FILE, where, 'needs exactly one of "set" and "hide"')
            raise RecordedError
        if unknown:
            raise RecordedError
        if "hide" in item:
            if item["hide"] is not True:
                r.problem(FILE, join(where, "hide"), "must be true")
                raise RecordedError
            return _Keyed(section + ":" + ident, Override(section, ident, OverrideAction.HIDE))
        spec = {k: f for k, f in SPECS[section].items() if k != "id"}
        if isinstance(item["set"], dict) and not item["set"]:
            r.problem(FILE, join(where, "set"), "is empty: name the fields to change")
            raise RecordedError
        fields = r.obj(item["set"], FILE, join(where, "set"), spec, partial=True)
        return _Keyed(
            section + ":" + ident, Override(section, ident, OverrideAction.SET, tuple(fields.items()))
        )

    return [k.value for k in r.items(raw, FILE, "", build)]


@dataclass(frozen=True)
class _Keyed:
    """Lets overrides go through `Checker.items`, which checks ids for duplicates."""

    id: str
    value: Override
