"""The repository's own text files: what a merge can leave behind."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (".py", ".md", ".qml", ".toml", ".json", ".yml", ".yaml", ".ts", ".sh", ".cfg", ".txt")
MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)


def tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [
        ROOT / name
        for name in out.splitlines()
        if name.endswith(TEXT) or ("/" not in name and "." not in name)
    ]


def test_no_file_holds_a_merge_conflict_marker() -> None:
    files = tracked_text_files()
    assert any(f.name == "README.md" for f in files)
    left = [
        f"{f.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
        for f in files
        if f.is_file()
        for text in [f.read_text(encoding="utf-8", errors="replace")]
        for m in MARKER.finditer(text)
    ]
    assert not left, f"conflict markers left by a merge: {', '.join(left)}"
