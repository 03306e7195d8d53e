"""Work started in several threads at the same instant, for the tests of races (two keeps of
one order, two placements of one id...)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def at_once(threads: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run `work(i)` in `threads` threads released together; each result or exception."""
    start = threading.Barrier(threads)

    def run(i: int) -> T | Exception:
        start.wait()
        try:
            return work(i)
        except Exception as e:
            return e

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, range(threads)))
