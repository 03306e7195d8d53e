"""A kiosk's first full sync of a 200 MB pack set on loopback, against curl and openssl doing
the same physical work (goal: at least 0.8x their speed).

HQ is the real `kiosk-hq serve` with a repository holding the bundled national pack plus
about 200 MB of real video (benchmarks/synckit.py makes it once and keeps it). Each run, in
turn (RUNS times, alternating, so a shared machine's load hits both alike):

- the kiosk: `kiosk sync --once` on a fresh copy of an enrolled data folder, timed from the
  command's start to its exit: Python's start, TUF's refresh, the index, every file fetched
  over one keep-alive connection, hashed as it arrives and fsync'd, the set built and
  validated (media decoded), the switch, the heartbeat. What a technician waits for;
- the baseline: one `curl` fetching the same files over one connection into a folder, then
  `openssl dgst -sha256` over them: moving the bytes and hashing them, nothing else.

Prints both, the ratio (baseline time / kiosk time: 1.0 = as fast as curl + openssl), and
for reference the baseline with a final `sync` (the kiosk makes every file durable before it
switches; curl does not), and the command's start alone (Python and the imports of `kiosk
sync`, as the command makes them, before its first request): what of the time the goal
allows is gone before the first byte. About 3 minutes, the first time a minute more to make
the video.

    uv run python benchmarks/sync_first.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synckit import KIOSK, ROOT, big_pack, enrolled_kiosk, hq_serving, installed_env, publish

MEGABYTES = 200
RUNS = 5
GOAL = 0.8


def blob_urls(url: str, repo: Path) -> list[str]:
    index = next((repo / "public" / "targets" / "national").glob("*.index.json"))
    files = json.loads(index.read_text(encoding="utf-8"))["packs"]["national"]["files"]
    shas = sorted({f["sha256"] for f in files.values()})
    return [f"{url}/tuf/targets/national/blobs/{sha}.{sha}" for sha in shas]


def kiosk_run(pristine: Path, work: Path, run: int, env: dict[str, str]) -> tuple[float, float, int]:
    data = work / f"kiosk-{run}"
    shutil.copytree(pristine, data)
    start = time.perf_counter()
    out = subprocess.run(
        [*KIOSK, "--data-dir", str(data), "sync", "--once", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    took = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"kiosk sync failed: {out.stdout}{out.stderr[-2000:]}")
    summary = json.loads(out.stdout)
    shutil.rmtree(data)
    return took, summary["took_s"], summary["downloaded_bytes"]


#: What `kiosk sync --once` imports before its first request, as kiosk/sync/cli.py imports it.
START_ONLY = """
import kiosk.cli
from kiosk.methodcache import MethodCache, default_path
with MethodCache(default_path("sync")).installed():
    import kiosk.sync.commands, kiosk.sync.round, kiosk.sync.content
"""


def start_run(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", START_ONLY], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def baseline_run(urls: list[str], work: Path, run: int, durable: bool) -> float:
    folder = work / f"curl-{run}"
    folder.mkdir()
    args = ["curl", "--silent", "--fail"]
    for i, u in enumerate(urls):
        args += ["-o", str(folder / f"{i}"), u]
    start = time.perf_counter()
    subprocess.run(args, check=True)
    subprocess.run(
        ["openssl", "dgst", "-sha256", *map(str, sorted(folder.iterdir()))], check=True, capture_output=True
    )
    if durable:
        subprocess.run(["sync"], check=True)
    took = time.perf_counter() - start
    shutil.rmtree(folder)
    return took


def main() -> None:
    for tool in ("curl", "openssl"):
        if shutil.which(tool) is None:
            raise SystemExit(f"needs {tool} (Debian: apt-get install {tool})")
    with tempfile.TemporaryDirectory(prefix="sync-first-") as tmp:
        work = Path(tmp)
        pack = big_pack(work, MEGABYTES)
        repo = work / "repo"
        publish(repo, pack)
        with hq_serving(repo, work) as (url, _, db_url):
            pristine = work / "pristine"
            enrolled_kiosk(url, db_url, work, pristine)
            urls = blob_urls(url, repo)
            # Untimed: warm the page cache, the server, and Python's bytecode of what the kiosk imports.
            baseline_run(urls, work, -1, durable=False)
            env = installed_env()
            first_s, _, _ = kiosk_run(pristine, work, -1, env)
            kiosk_times, round_times, base_times, durable_times, start_times = [], [], [], [], []
            size = 0
            for run in range(RUNS):
                took, round_s, size = kiosk_run(pristine, work, run, env)
                kiosk_times.append(took)
                round_times.append(round_s)
                base_times.append(baseline_run(urls, work, run, durable=False))
                durable_times.append(baseline_run(urls, work, 100 + run, durable=True))
                start_times.append(start_run(env))
                print(
                    f"run {run + 1}: kiosk {took:.2f} s, curl+openssl {base_times[-1]:.2f} s "
                    f"(+sync {durable_times[-1]:.2f} s)",
                    file=sys.stderr,
                )
    kiosk_s, round_s, base_s, durable_s, start_s = (
        statistics.median(t) for t in (kiosk_times, round_times, base_times, durable_times, start_times)
    )
    ratio = base_s / kiosk_s
    print(f"first full sync of {size / 1e6:.0f} MB ({len(urls)} files) on loopback, median of {RUNS}:")
    print(f"  kiosk sync --once      {kiosk_s:.2f} s  ({size / 1e6 / kiosk_s:.0f} MB/s)")
    print(f"    of which the round   {round_s:.2f} s  (the rest: Python starting, imports)")
    print(f"    the first run        {first_s:.2f} s  (not in the median: bytecode and page cache cold)")
    print(f"  curl + openssl         {base_s:.2f} s  ({size / 1e6 / base_s:.0f} MB/s)")
    print(f"  curl + openssl + sync  {durable_s:.2f} s")
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(
        f"HEADLINE kiosk at {ratio:.2f}x the speed of curl + openssl "
        f"({durable_s / kiosk_s:.2f}x of curl + openssl + sync)  [goal >= {GOAL}x: {verdict}]"
    )
    print(f"  the round alone, without the command's start: {base_s / round_s:.2f}x of curl + openssl")
    allowed = base_s / GOAL
    print(
        f"  the command's start alone (Python, imports): {start_s:.2f} s of the {allowed:.2f} s the goal "
        f"allows; the round would have {allowed - start_s:.2f} s = {base_s / (allowed - start_s):.2f}x "
        "the speed of curl + openssl"
    )


if __name__ == "__main__":
    main()
