"""Loading and layering a large pack: 1,000 services and 100 demos (goal: under 300 ms).

Prints the time to load, validate and layer the pack as the kiosk does at start (media
results already known, as after the first start), the first-ever load (every media file
decoded), and each as a ratio to the bare `json.loads` of the same files in this process.

    uv run python benchmarks/pack_load.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.domain.catalog import Catalog
from kiosk.packs.layering import layer
from kiosk.packs.loader import load_pack
from kiosk.packs.media import MediaChecks
from tests.packfactory import make_media, national_files, text, write_pack

SERVICES, DEMOS, CATEGORIES, SCENES = 1000, 100, 20, 5


def big_pack_files() -> dict:
    files = national_files()
    files["categories.json"] = [
        {
            "id": f"cat.c{i}",
            "name": text(f"类别{i}", f"Category {i}"),
            "icon": "media/icon.png",
            "color": "#1A73E8",
            "order": i,
        }
        for i in range(CATEGORIES)
    ]
    files["demos.json"] = [
        {
            "id": f"demo.d{d}",
            "title": text(f"体验{d}", f"Demo {d}"),
            "start": "s0",
            "scenes": [
                {
                    "id": f"s{i}",
                    "image": "media/full.jpg",
                    "caption": text(f"第{i}步", f"Step {i}"),
                    "narration": {"text": text("请点击", "Tap here")},
                    **(
                        {
                            "hotspots": [
                                {
                                    "id": "h",
                                    "rect": [0.1, 0.1, 0.2, 0.1],
                                    "label": text("点", "Tap"),
                                    "next": f"s{i + 1}",
                                }
                            ]
                        }
                        if i < SCENES - 1
                        else {}
                    ),
                }
                for i in range(SCENES)
            ],
        }
        for d in range(DEMOS)
    ]
    files["services.json"] = [
        {
            "id": f"svc.s{i}",
            "category": f"cat.c{i % CATEGORIES}",
            "name": text(f"业务{i}", f"Service {i}"),
            "pitch": text("一句话介绍", "A one-line pitch."),
            "description": text("详细介绍" * 10, "Details. " * 10),
            "price": {"amount": f"{i % 50 + 1}.00", "currency": "CNY", "period": "month"},
            "images": ["media/picture.jpg"],
            "tags": ["t"],
            "demo": f"demo.d{i % DEMOS}",
            "valid": {"from": "2026-01-01", "until": "2027-12-31"},
        }
        for i in range(SERVICES)
    ]
    files["offers.json"] = [
        {
            "id": f"off.o{i}",
            "kind": "campaign",
            "title": text("活动", "Campaign"),
            "description": text("优惠", "Off"),
            "services": [f"svc.s{j}" for j in range(i * 10, i * 10 + 10)],
            "rule": {"type": "percent_off", "percent": 10, "periods": 3},
        }
        for i in range(50)
    ]
    files["top10.json"] = {"services": [f"svc.s{i}" for i in range(10)]}
    return files


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        root = write_pack(work / "big", big_pack_files(), make_media(work / "media"))
        names = [p for p in root.glob("*.json")]

        def bare_json() -> None:
            for p in names:
                json.loads(p.read_text(encoding="utf-8"))

        checks = MediaChecks(work / "checks.json")

        def kiosk_start() -> None:
            pack = load_pack(root, checks=checks)
            Catalog(layer([pack]).content).at(datetime(2026, 11, 23, 12, 0))

        cold = median_ms(lambda: _cold(root), runs=3)
        kiosk_start()  # fills the media results
        baseline = median_ms(bare_json)
        warm = median_ms(kiosk_start)
        print(
            f"pack: {SERVICES} services, {DEMOS} demos x {SCENES} scenes, {CATEGORIES} categories, 50 offers"
        )
        print(f"bare json.loads of the same files: {baseline:.1f} ms (baseline)")
        print(
            f"load + validate + layer + first view (media known): {warm:.1f} ms "
            f"= {warm / baseline:.1f}x baseline  [goal < 300 ms: {'met' if warm < 300 else 'NOT met'}]"
        )
        print(f"first load ever (every media file decoded): {cold:.1f} ms = {cold / baseline:.1f}x baseline")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _cold(root: Path) -> None:
    pack = load_pack(root, checks=MediaChecks(None))
    Catalog(layer([pack]).content).at(datetime(2026, 11, 23, 12, 0))


if __name__ == "__main__":
    main()
