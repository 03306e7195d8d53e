"""Every string the UI shows has its Chinese translation, and the compiled catalogue is
current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.ui.language import CATALOGUES, I18N

QML = Path(__file__).resolve().parents[2] / "kiosk" / "ui" / "qml"
TS = I18N / "kiosk_zh_CN.ts"
_QSTR = re.compile(r'qsTr\(\s*"((?:[^"\\]|\\.)*)"')


def catalogue() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for message in ET.parse(TS).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        out[message.findtext("source") or ""] = forms
        assert translation.get("type") is None, f"not finished: {message.findtext('source')}"
    return out


def test_every_qml_string_has_a_finished_translation() -> None:
    known = catalogue()
    used = {
        m.group(1).replace('\\"', '"')
        for f in QML.rglob("*.qml")
        for m in _QSTR.finditer(f.read_text(encoding="utf-8"))
    }

    assert used, "no qsTr strings found"
    assert sorted(used - set(known)) == []
    assert all(all(form.strip() for form in known[s]) for s in used)


def test_placeholders_survive_translation() -> None:
    for source, forms in catalogue().items():
        wanted = sorted(re.findall(r"%(?:n|\d)", source))
        for form in forms:
            assert sorted(re.findall(r"%(?:n|\d)", form)) == wanted, source


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert tool is not None, "pyside6-lrelease ships with PySide6-Essentials and must be there"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool, "-silent", str(TS), "-qm", str(fresh)], check=True)

    assert CATALOGUES["zh-CN"].read_bytes() == fresh.read_bytes(), (
        "kiosk_zh_CN.qm is stale: run pyside6-lrelease (see docs/architecture.md)"
    )
