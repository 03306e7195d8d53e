"""The sync schedule's rules, without waiting: spread, back-off, asked-for rounds."""

from __future__ import annotations

from itertools import cycle

import pytest

from kiosk.sync.schedule import Schedule


def draws(*values: float) -> object:
    it = cycle(values)
    return lambda: next(it)


@pytest.mark.parametrize("r", [0.0, 0.5, 0.999])
def test_the_first_round_falls_anywhere_in_the_first_interval(r: float) -> None:
    s = Schedule(interval_s=300, rand=draws(r))
    assert s.wait_s(1000.0) == pytest.approx(300 * r)


def test_after_a_good_round_the_next_is_an_interval_away_give_or_take_the_jitter() -> None:
    earliest = Schedule(interval_s=300, jitter=0.2, rand=draws(0.0)).done(0.0, ok=True)
    latest = Schedule(interval_s=300, jitter=0.2, rand=draws(1.0)).done(0.0, ok=True)
    assert (earliest, latest) == (pytest.approx(240), pytest.approx(360))


def test_failed_rounds_back_off_doubling_up_to_the_cap_then_a_good_round_resets() -> None:
    s = Schedule(interval_s=300, retry_s=30, max_backoff_s=600, rand=draws(1.0))
    waits = [s.done(0.0, ok=False) for _ in range(7)]
    assert waits == [30, 60, 120, 240, 480, 600, 600]
    assert s.done(0.0, ok=True) == pytest.approx(360) and s.failures == 0


def test_each_retry_is_drawn_from_the_upper_half_of_its_delay() -> None:
    assert Schedule(retry_s=30, rand=draws(0.0)).done(0.0, ok=False) == 15


def test_a_round_asked_for_is_due_at_once() -> None:
    s = Schedule(rand=draws(0.5))
    s.done(0.0, ok=True)
    s.request_now(10.0)
    assert s.wait_s(10.0) == 0.0


def test_a_thousand_kiosks_started_together_spread_their_first_rounds_over_the_interval() -> None:
    import random

    rng = random.Random(7)
    starts = sorted(Schedule(interval_s=300, rand=rng.random).wait_s(0.0) for _ in range(1000))
    per_second = [sum(1 for t in starts if s <= t < s + 1) for s in range(300)]
    assert max(per_second) < 15  # about 3.3 a second on average, never a stampede
