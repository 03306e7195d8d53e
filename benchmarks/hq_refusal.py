"""What the worst refusal costs HQ, against accepting a normal batch of the same size.

A `kiosk-hq serve` process on 127.0.0.1 (started with the real command) gets, from one
keep-alive connection, a normal batch of 500 kiosk events (new ids each time, so every
one is stored) and, alternately with it, hostile bodies of about the same size, each built
to be as expensive to refuse as we could make it: faults in every string, in every event,
in every key; repeated keys; thousands of validation errors; huge numbers; half surrogate
pairs; and the same without a credential. Each is timed round trip (the body upload is
the same size on both sides, so the difference is HQ's work), median of ROUNDS
alternating pairs. Then the same at the 4 MB limit, against accepting a 4 MB batch.

Goal (issue 9): every refusal at most 2x the accepted batch, every answer at most 16 KB.

    uv run python benchmarks/hq_refusal.py [--postgresql]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hq_ingest import enrol, hq_server

from kiosk.services.ledger import new_event_id
from tests.hq.pgtemp import temp_cluster

ROUNDS = 15
GOAL_RATIO = 2.0
GOAL_ANSWER = 16 * 1024


def normal_batch(n: int = 500, data_bytes: int = 0) -> bytes:
    at = datetime.now(timezone(timedelta(hours=8))).isoformat(timespec="milliseconds")
    pad = {"note": "x" * data_bytes} if data_bytes else {}
    events = [
        {
            "id": new_event_id(),
            "kind": "service_open",
            "at": at,
            "session": f"s-{i // 20}",
            "data": {"service": f"svc.{i % 40}", "source": "top10", **pad},
        }
        for i in range(n)
    ]
    return json.dumps({"events": events}).encode()


def hostile_bodies(size: int) -> dict[str, bytes]:
    """Bodies of about `size` bytes, each as costly to refuse as we could make it."""
    at = datetime.now(timezone(timedelta(hours=8))).isoformat(timespec="milliseconds")

    def events_of(make: Callable[[int], str], n: int) -> bytes:
        return b'{"events": [' + ",".join(make(i) for i in range(n)).encode() + b"]}"

    def fill(unit: str, overhead: int = 60) -> int:
        return max(1, (size - overhead) // len(unit))

    nul_pair = '"\\u0000":"\\u0000",'
    per_event = fill(nul_pair) // 500
    nul_data = "{" + nul_pair * per_event + '"k":1}'
    # Clean keys first, so that finding the one fault means walking the whole event.
    clean_pairs = max(1, fill('"k00000":"v",') // 500)
    late_nul = "{" + "".join(f'"k{j:05d}":"v",' for j in range(clean_pairs)) + '"z":"\\u0000"}'
    surrogate = '"\\ud800"'
    wrong = '{"id":1,"kind":2,"at":3,"session":4,"data":5,"x":6,"y":7,"z":8}'
    repeated = f'{{"id":"e","id":"e","kind":"k","kind":"k","at":"{at}","at":"{at}","data":{{}}}}'
    big = "1" + "0" * 4299
    return {
        "NUL in every key and string, 500 events": events_of(
            lambda i: f'{{"id":"e{i}","kind":"k","at":"{at}","data":{nul_data}}}', 500
        ),
        "NUL after hundreds of clean keys, 500 events": events_of(
            lambda i: f'{{"id":"e{i}","kind":"k","at":"{at}","data":{late_nul}}}', 500
        ),
        "NUL in 30,000 strings outside the events": b'{"events": [], "x": ['
        + ",".join(['"\\u0000"'] * fill('"\\u0000",')).encode()
        + b"]}",
        "1,000 events, every field wrong": events_of(lambda i: wrong, 1000),
        "1,000 events, half a surrogate pair": events_of(
            lambda i: f'{{"id":"e{i}","kind":"k","at":"{at}","data":{{"s":[{",".join([surrogate] * 6)}]}}}}',
            1000,
        ),
        "every key repeated, 1,000 events": events_of(lambda i: repeated, 1000),
        "numbers of 4,300 digits": events_of(
            lambda i: f'{{"id":"e{i}","kind":"k","at":"{at}","data":{{"n":{big}}}}}', fill(big, 100)
        ),
        "data nested past the limit, 1,000 events": events_of(
            lambda i: f'{{"id":"e{i}","kind":"k","at":"{at}","data":{{"a":{"[" * 30}1{"]" * 30}}}}}', 1000
        ),
        "not JSON at the last byte": normal_batch()[: size - 1] + b"\xff",
    }


def timed(
    http: requests.Session, url: str, body: bytes, token: str | None
) -> tuple[float, requests.Response]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    start = time.perf_counter()
    answer = http.post(url + "/v1/events", data=body, headers=headers, timeout=120)
    return time.perf_counter() - start, answer


def compare(
    http: requests.Session,
    url: str,
    token: str,
    accepted: Callable[[], bytes],
    hostile: dict[str, bytes],
) -> list[tuple[str, float, float, int, int]]:
    """(name, refusal median s, accept median s, status, answer bytes) per hostile body."""
    rows = []
    for name, body in hostile.items():
        for credential in (token, None):
            refusal_times, accept_times = [], []
            for _ in range(ROUNDS):
                took, refused = timed(http, url, body, credential)
                refusal_times.append(took)
                took, answer = timed(http, url, accepted(), token)
                if answer.status_code != 200 or answer.json()["refused"]:
                    raise RuntimeError(f"the normal batch was not accepted: {answer.text[:300]}")
                accept_times.append(took)
            label = name if credential else f"{name} (no credential)"
            rows.append(
                (
                    label,
                    statistics.median(refusal_times),
                    statistics.median(accept_times),
                    refused.status_code,
                    len(refused.content),
                )
            )
    return rows


def report(title: str, rows: list[tuple[str, float, float, int, int]]) -> tuple[float, int]:
    print(f"\n{title}")
    print(f"  {'hostile body':<52} {'HTTP':>4} {'answer':>8} {'refusal':>9} {'accept':>9} {'ratio':>6}")
    for name, refusal, accept, status, size in rows:
        print(
            f"  {name:<52} {status:>4} {size:>7,}B {refusal * 1000:>7.1f}ms "
            f"{accept * 1000:>7.1f}ms {refusal / accept:>5.2f}x"
        )
    worst = max(rows, key=lambda r: r[1] / r[2])
    largest = max(r[4] for r in rows)
    print(f"  worst: {worst[0]} at {worst[1] / worst[2]:.2f}x; largest answer {largest:,} bytes")
    return worst[1] / worst[2], largest


def run(db_url: str, work: Path) -> tuple[float, int]:
    with hq_server(db_url, work) as url:
        token = enrol(url, db_url, work)
        size = len(normal_batch())
        with requests.Session() as http:
            for _ in range(10):  # warm up: connections, caches, the collector
                timed(http, url, normal_batch(), token)
            small = compare(http, url, token, normal_batch, hostile_bodies(size))
            # At the 4 MB limit: 1,000 events of ~4 KB each against the same attacks.
            big_size = len(normal_batch(1000, 3900))
            large = compare(http, url, token, lambda: normal_batch(1000, 3900), hostile_bodies(big_size))
    ratio_small, answer_small = report(f"bodies of {size:,} bytes (a normal batch of 500 events)", small)
    ratio_large, answer_large = report(f"bodies of {big_size:,} bytes (the 4 MB limit)", large)
    return max(ratio_small, ratio_large), max(answer_small, answer_large)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", action="store_true", help="also against PostgreSQL")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-refusal-"))
    try:
        print(f"median of {ROUNDS} alternating pairs, one keep-alive connection, one serve process")
        results = [("SQLite", *run(f"sqlite:///{work / 'hq.sqlite3'}", work))]
        if args.postgresql:
            with temp_cluster() as pg:
                results.append(("PostgreSQL", *run(pg.create_database("hq_bench"), work)))
        for name, ratio, answer in results:
            verdict = "met" if ratio <= GOAL_RATIO and answer <= GOAL_ANSWER else "NOT met"
            goal = f"goal <= {GOAL_RATIO}x and <= {GOAL_ANSWER // 1024} KB: {verdict}"
            print(
                f"{name}: worst refusal {ratio:.2f}x accepting the same size, "
                f"largest answer {answer:,} bytes [{goal}]"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
