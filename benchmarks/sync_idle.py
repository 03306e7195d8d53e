"""What an idle sync round costs (nothing new at HQ): bytes on the wire and HQ's CPU time,
and from them the load 20,000 stores polling every 5 minutes put on one HQ process.

HQ is the real `kiosk-hq serve` (one process, the bundled sample packs published); the kiosk,
enrolled and synced once, then runs ROUNDS idle rounds (`kiosk.sync.round.sync_round`:
TUF refresh, indexes, no new files, no events, a heartbeat) through a counting proxy. HQ's
CPU is read from /proc before and after. A round's share of one core, times the rounds a
second 20,000 stores make at one every 5 minutes (66.7/s), is the fraction of one HQ
process they would keep busy (1.0 = all of it).

    uv run python benchmarks/sync_idle.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synckit import cpu_seconds, enrolled_kiosk, hq_serving

from kiosk.config import BUNDLED_CONTENT
from kiosk.hq import repository
from kiosk.sync.identity import load_identity
from kiosk.sync.round import sync_round
from tests.sync.faultproxy import fault_proxy

ROUNDS = 200
STORES = 20_000
INTERVAL_S = 300


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sync-idle-") as tmp:
        work = Path(tmp)
        repo = work / "repo"
        repository.init(repo)
        national, province = BUNDLED_CONTENT / "national", BUNDLED_CONTENT / "province-gd"
        repository.publish(repo, national, "national", check_media=False)
        repository.publish(repo, province, "province:GD", bases=[national], check_media=False)
        with hq_serving(repo, work) as (url, hq, db_url), fault_proxy(url, fault_rate=0.0) as proxy:
            data = work / "kiosk"
            enrolled_kiosk(proxy.url, db_url, work, data)
            identity = load_identity(data)
            assert identity is not None
            first = sync_round(data, identity, "Asia/Shanghai")
            assert first.ok and first.content and first.content.switched, first.errors
            down, up = proxy.bytes_down, proxy.bytes_up
            cpu = cpu_seconds(hq.pid)
            start = time.perf_counter()
            for _ in range(ROUNDS):
                report = sync_round(data, identity, "Asia/Shanghai")
                assert report.ok and not report.content.changed and report.content.downloaded_bytes == 0
            took = time.perf_counter() - start
            hq_cpu = (cpu_seconds(hq.pid) - cpu) / ROUNDS
            per_round_down = (proxy.bytes_down - down) / ROUNDS
            per_round_up = (proxy.bytes_up - up) / ROUNDS
    rate = STORES / INTERVAL_S
    share = rate * hq_cpu
    print(f"an idle sync round (nothing new), mean of {ROUNDS}, through the real kiosk-hq serve:")
    print(f"  on the wire: {per_round_down / 1000:.1f} KB from HQ, {per_round_up / 1000:.1f} KB to HQ")
    print(f"  HQ CPU: {hq_cpu * 1000:.1f} ms a round; the kiosk's wall time {took / ROUNDS * 1000:.0f} ms")
    print(
        f"HEADLINE {STORES:,} stores every {INTERVAL_S // 60} minutes = {rate:.1f} rounds/s = "
        f"{share:.2f} of one HQ process ({'fits' if share < 1 else 'does NOT fit'}; "
        f"one process serves {1 / hq_cpu:,.0f} idle rounds/s, {1 / hq_cpu * INTERVAL_S:,.0f} stores)"
    )


if __name__ == "__main__":
    main()
