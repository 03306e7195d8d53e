"""Re-verifying installed media (what `kiosk doctor` does to every file) against
`openssl dgst -sha256` over the same files (goal: at least 0.8x its speed).

A kiosk data folder with a synced 200 MB pack set (the same HQ and video as
sync_first.py); then, alternating RUNS times: the kiosk's check (`PackSets.verify`: each
file of the current set read and hashed, compared with what HQ signed), in this process,
and openssl over the set's files. Both read from the page cache (the first round warms it),
so the figure is the cost of reading and hashing, not of the disk.

    uv run python benchmarks/reverify.py
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from synckit import KIOSK, ROOT, big_pack, enrolled_kiosk, hq_serving, publish

from kiosk.sync.fetcher import sha256_of
from kiosk.sync.packsets import PackSets

MEGABYTES = 200
RUNS = 7
GOAL = 0.8


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reverify-") as tmp:
        work = Path(tmp)
        repo = work / "repo"
        publish(repo, big_pack(work, MEGABYTES))
        data = work / "kiosk"
        with hq_serving(repo, work) as (url, _, db_url):
            enrolled_kiosk(url, db_url, work, data)
            subprocess.run(
                [*KIOSK, "--data-dir", str(data), "sync", "--once"], cwd=ROOT, check=True, capture_output=True
            )
        sets = PackSets(data / "content")
        current = sets.current()
        assert current is not None
        files = [
            str(p)
            for p in sorted(sets.folder(current.name).rglob("*"))
            if p.is_file() and p.name != "SET.json"
        ]
        kiosk_times, base_times = [], []
        for run in range(RUNS + 1):
            start = time.perf_counter()
            problems = sets.verify(current.name, sha256_of)
            kiosk_s = time.perf_counter() - start
            assert problems == [], problems
            start = time.perf_counter()
            subprocess.run(["openssl", "dgst", "-sha256", *files], check=True, capture_output=True)
            base_s = time.perf_counter() - start
            if run:  # the first round warms the page cache
                kiosk_times.append(kiosk_s)
                base_times.append(base_s)
            else:
                first = (kiosk_s, base_s)
    kiosk_s, base_s = statistics.median(kiosk_times), statistics.median(base_times)
    size = current.length
    ratio = base_s / kiosk_s
    print(f"re-verifying {size / 1e6:.0f} MB in {len(files)} files, median of {RUNS}:")
    print(f"  kiosk (PackSets.verify)  {kiosk_s:.3f} s  ({size / 1e6 / kiosk_s:.0f} MB/s)")
    print(f"  openssl dgst -sha256     {base_s:.3f} s  ({size / 1e6 / base_s:.0f} MB/s)")
    print(f"  the first round (files just synced): kiosk {first[0]:.3f} s, openssl {first[1]:.3f} s")
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(f"HEADLINE kiosk at {ratio:.2f}x the speed of openssl  [goal >= {GOAL}x: {verdict}]")


if __name__ == "__main__":
    main()
