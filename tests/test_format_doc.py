"""docs/content-pack.md says exactly which fields the validator requires, section by section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.packs.fields import Field
from kiosk.packs.items import (
    ATTRACT_ITEM,
    CATEGORY,
    DEMO,
    FOCUS,
    FOCUS_SERVICE,
    GUIDE,
    HOTSPOT,
    MANIFEST_SPEC,
    OFFER,
    QA_ITEM,
    SCENE,
    SERVICE,
    VIDEO,
)
from tests.packfactory import make_pack, national_files

DOC = Path(__file__).resolve().parent.parent / "docs" / "content-pack.md"

#: Each field table of the doc: the heading it sits under, the text just before it, its spec.
TABLES = [
    ("## pack.json", "", MANIFEST_SPEC),
    ("## categories.json", "", CATEGORY),
    ("## services.json", "", SERVICE),
    ("## offers.json", "", OFFER),
    ("## demos.json", "A demo is", DEMO),
    ("## demos.json", "Each scene:", SCENE),
    ("## demos.json", "Each hotspot:", HOTSPOT),
    ("## videos.json", "", VIDEO),
    ("## attract.json", "Each item:", ATTRACT_ITEM),
    ("## guides.json", "Each guide:", GUIDE),
    ("## What staff say", "`qa` on a service:", QA_ITEM),
    ("## What staff say", "`focus.json`:", FOCUS),
    ("## What staff say", "Each focus service:", FOCUS_SERVICE),
]


def table_after(text: str, heading: str, lead: str) -> dict[str, str]:
    """The first field table after `heading` (and after `lead`, if given): field -> required."""
    at = text.index(heading)
    if lead:
        at = text.index(lead, at)
    rows: dict[str, str] = {}
    lines = iter(text[at:].splitlines())
    for line in lines:
        if line.startswith("| field |"):
            assert line.split("|")[3].strip() == "required", f"{heading}: no 'required' column"
            break
    next(lines)  # the |---| row
    for line in lines:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        name = re.fullmatch(r"`([a-z_0-9]+)`", cells[0])
        assert name, f"{heading}: a row that names no single field: {line}"
        rows[name.group(1)] = cells[2]
    return rows


@pytest.mark.parametrize(("heading", "lead", "spec"), TABLES, ids=[f"{h} {lead}" for h, lead, _ in TABLES])
def test_every_field_table_lists_the_validators_fields_and_marks_the_required_ones(
    heading: str, lead: str, spec: dict[str, Field]
) -> None:
    rows = table_after(DOC.read_text(encoding="utf-8"), heading, lead)

    assert sorted(rows) == sorted(spec)
    for name, field in spec.items():
        assert (rows[name] == "yes") == field.required, f"{heading} {name}: doc says {rows[name]!r}"


def test_the_validators_output_shown_in_the_doc_is_what_it_prints(
    tmp_path: Path, media_dir: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index("$ kiosk pack validate mypack\n") :].split("```", 1)[0]
    shown = block.splitlines()[1:]
    files = national_files()
    files["categories.json"][0]["colour"] = "#E4572E"
    files["services.json"][0]["price"]["amount"] = "5.001"
    del files["services.json"][0]["pitch"]["en"]
    files["services.json"][0]["images"] = ["media/services/ringback.jpg"]
    make_pack(tmp_path / "mypack", media_dir, files)
    monkeypatch.chdir(tmp_path)

    assert main(["pack", "validate", "mypack"]) == 1

    assert capsys.readouterr().out.splitlines() == shown
