"""When the next sync round is due: every `interval_s` with random jitter, backing off
exponentially while HQ cannot be reached, and at once when asked (`kiosk sync --once`, the
maintenance screen's button).

Plain Python with the clock and the randomness passed in, so every rule is tested without
waiting. Why jitter everywhere: 20,000 stores must not hit HQ in the same second. After a
city-wide power cut every kiosk starts at once, so even the first round is spread over a
whole interval; an outage at HQ ends with every kiosk backing off, so each retry is drawn
from [delay/2, delay] ("equal jitter") rather than all retrying on the same beat.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

#: Seconds between rounds by default (kiosk.json: `sync_interval_s`).
INTERVAL_S = 300.0
#: Share of the interval a round may move either way.
JITTER = 0.2
#: The first retry after a failed round, and the longest wait between retries.
RETRY_S = 30.0
MAX_BACKOFF_S = 3600.0


@dataclass
class Schedule:
    interval_s: float = INTERVAL_S
    jitter: float = JITTER
    retry_s: float = RETRY_S
    max_backoff_s: float = MAX_BACKOFF_S
    rand: Callable[[], float] = field(default=random.random, repr=False)
    #: Failed rounds in a row.
    failures: int = 0
    #: When the next round is due (the caller's monotonic clock); None until `start`.
    due_at: float | None = None

    def start(self, now: float) -> None:
        """The first round: at a random moment of the first interval."""
        self.due_at = now + self.rand() * self.interval_s

    def done(self, now: float, ok: bool) -> float:
        """A round ended at `now`; when the next is due."""
        if ok:
            self.failures = 0
            spread = self.jitter * (2 * self.rand() - 1)
            self.due_at = now + self.interval_s * (1 + spread)
        else:
            self.failures += 1
            delay = min(self.max_backoff_s, self.retry_s * 2 ** (self.failures - 1))
            self.due_at = now + delay * (0.5 + 0.5 * self.rand())
        return self.due_at

    def request_now(self, now: float) -> None:
        self.due_at = now

    def wait_s(self, now: float) -> float:
        """Seconds until the next round (0: due)."""
        if self.due_at is None:
            self.start(now)
        assert self.due_at is not None
        return max(0.0, self.due_at - now)
