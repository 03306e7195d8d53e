"""When the kiosk tries HQ again: exponential, capped, jittered, from an injected random source."""

from __future__ import annotations

from kiosk.sync.backoff import Backoff


def test_backoff_grows_to_its_cap_with_jitter_and_starts_again_after_a_success() -> None:
    draws = iter([0.5, 0.5, 0.5, 0.99, 0.0, 0.5])
    backoff = Backoff(base_s=30, cap_s=100, min_s=1, random=lambda: next(draws))

    waits = [backoff.failed() for _ in range(5)]
    backoff.succeeded()

    assert waits == [15, 30, 50, 99, 1]  # 30, 60, then capped at 100; never under min_s
    assert backoff.failed() == 15


def test_backoff_spreads_kiosks_over_the_whole_window_not_one_instant() -> None:
    waits = [Backoff(base_s=60, random=lambda r=r: r).failed() for r in (0.0, 0.25, 0.5, 0.999)]

    assert waits == [1.0, 15.0, 30.0, 59.94]
