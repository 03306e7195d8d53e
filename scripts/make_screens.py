"""Regenerate docs/screens/: every screen of `kiosk screenshot list`, in both languages and
both orientations, through the `kiosk screenshot` command itself.

    uv run python scripts/make_screens.py [--out DIR] [--only SCREEN]... [--set sample|longest|easy|reach]

Four sets: `sample/` shows the bundled sample content, every screen; `longest/` shows the
same packs with every text field at its maximum length (kiosk/packs/limits.py; each text
ends in a full stop, so a picture shows whether it was shown whole), the screens that show
pack texts, so that a layout that cannot hold a text the validator lets through shows up
here before it shows up in a store; `easy/` the customer's journey in easy mode (larger
text, higher contrast, fewer a row) and `reach/` the same in reach mode, portrait only
(everything to touch in the lower two thirds), both on the sample content. `sample/` also
shows the staff's presenter drawer open on the service and demo screens
(`service-presenter`, `demo-presenter`: `kiosk screenshot --presenter`), and so do `easy/`
and `reach/` (staff find the kiosk in the mode the customer chose).
Files are named SET/SCREEN-LANG-ORIENTATION.png (home-en-portrait.png). Runs one
`kiosk screenshot` at a time, about 3 s each, with a line of progress for each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.packs.limits import TEXT_LIMITS, longest_text  # noqa: E402
from kiosk.packs.model import LANGUAGES  # noqa: E402

SAMPLE = ROOT / "kiosk" / "sample_content"
SIZES = {"landscape": "1920x1080", "portrait": "1080x1920"}
LANGS = {"zh-CN": "zh", "en": "en"}
#: The screens that show texts from packs (the others look the same with any pack).
PACK_TEXT_SCREENS = (
    "home",
    "category",
    "service",
    "demo",
    "demo-end",
    "video",
    "subscribe",
    "subscribe-review",
    "idle",
)
#: A customer's journey, one screen a step: what the easy and reach sets show.
JOURNEY_SCREENS = (
    "attract",
    "home",
    "category",
    "service",
    "demo",
    "demo-end",
    "video",
    "subscribe",
    "subscribe-number",
    "subscribe-review",
    "subscribe-code",
    "subscribe-offline",
    "subscribe-receipt",
    "idle",
)
#: Staff views of a customer screen, shot in the sample set: name -> (screen, options).
STAFF_VIEWS = {
    "service-presenter": ("service", ["--presenter"]),
    "demo-presenter": ("demo", ["--presenter"]),
}
#: What each set adds to `kiosk screenshot`, and the orientations it is shot in.
MODES = {"sample": [], "longest": [], "easy": ["--easy"], "reach": ["--reach"]}
ORIENTATIONS = {"reach": ("portrait",)}


def kiosk() -> list[str]:
    """The `kiosk` command of this environment (the one `uv run` puts on PATH)."""
    found = shutil.which("kiosk", path=str(Path(sys.executable).parent)) or shutil.which("kiosk")
    if found is None:
        raise SystemExit("the kiosk command is not installed here: run this with `uv run`")
    return [found]


def screens() -> list[str]:
    out = subprocess.run([*kiosk(), "screenshot", "list"], check=True, capture_output=True, text=True)
    return out.stdout.split()


def stretch_packs(source: Path, target: Path) -> Path:
    """A copy of the packs in `source` with every text of the limits table at its maximum."""
    shutil.copytree(source, target)
    for pack in sorted(p for p in target.iterdir() if p.is_dir()):
        for (section, field), limit in TEXT_LIMITS.items():
            file = pack / ("pack.json" if section == "pack" else f"{section}.json")
            if not file.exists():
                continue
            data = json.loads(file.read_text(encoding="utf-8"))
            if section in ("pack", "focus"):  # one object, not a list of items
                targets = [data]
            else:  # guides.json holds its items under "guides", the section's name
                targets = data.get(section, []) if isinstance(data, dict) else data
            for item in targets:
                for text in _texts(item, field.split(".")):
                    for lang in LANGUAGES:
                        text[lang] = longest_text(limit.columns, lang)
            file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def _texts(value: Any, names: list[str]) -> Iterator[dict[str, str]]:
    if not isinstance(value, dict) or names[0] not in value:
        return
    child = value[names[0]]
    if len(names) == 1:
        # A text, or a list of texts (a scene's talking points).
        for c in child if isinstance(child, list) else [child]:
            if isinstance(c, dict):
                yield c
        return
    for c in child if isinstance(child, list) else [child]:
        yield from _texts(c, names[1:])


def shoot(screen: str, lang: str, size: str, out: Path, packs: list[Path], mode: list[str]) -> None:
    screen, staff = STAFF_VIEWS.get(screen, (screen, []))
    cmd = [*kiosk(), "screenshot", screen, "--out", str(out), "--lang", lang, "--size", size, *mode, *staff]
    for pack in packs:
        cmd += ["--pack", str(pack)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    parser.add_argument("--only", action="append", help="just this screen (repeatable)")
    parser.add_argument("--set", choices=list(MODES), action="append", dest="sets")
    args = parser.parse_args()
    names = args.only or [*screens(), *STAFF_VIEWS]
    sets = args.sets or list(MODES)
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as tmp:
        packs = {
            "sample": [SAMPLE],
            "longest": [stretch_packs(SAMPLE, Path(tmp) / "longest")],
            "easy": [SAMPLE],
            "reach": [SAMPLE],
        }
        shown = {
            "sample": names,  # and the staff views
            "longest": PACK_TEXT_SCREENS,
            # The staff's sign-in and figures hold in easy mode too (a customer's session
            # may be in it when staff sign in).
            "easy": (*JOURNEY_SCREENS, "staff-pin", "staff-figures", "service-presenter", "demo-presenter"),
            "reach": (*JOURNEY_SCREENS, "service-presenter", "demo-presenter"),
        }
        jobs = [
            (s, screen, lang, orientation)
            for s in sets
            for screen in names
            if screen in shown[s]
            for lang in LANGS
            for orientation in ORIENTATIONS.get(s, tuple(SIZES))
        ]
        started = time.monotonic()
        for i, (s, screen, lang, orientation) in enumerate(jobs, 1):
            out = args.out / s / f"{screen}-{LANGS[lang]}-{orientation}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            shoot(screen, lang, SIZES[orientation], out, packs[s], MODES[s])
            took = time.monotonic() - started
            print(f"[{i}/{len(jobs)}] {out.relative_to(args.out)} ({took:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
