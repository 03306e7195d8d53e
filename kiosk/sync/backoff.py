"""When to try HQ again after a failure."""

from __future__ import annotations

import random as _random
from collections.abc import Callable


class Backoff:
    """When to try HQ again after a failure: exponential, capped, with full jitter (a
    random delay up to the ceiling, at least `min_s`), so that 20,000 kiosks cut off by one
    outage do not all come back in the same second. `random` gives numbers in [0, 1)."""

    def __init__(
        self,
        base_s: float = 30.0,
        cap_s: float = 3600.0,
        factor: float = 2.0,
        min_s: float = 1.0,
        random: Callable[[], float] = _random.random,
    ) -> None:
        self.base_s, self.cap_s, self.factor, self.min_s = base_s, cap_s, factor, min_s
        self._random = random
        self.failures = 0

    def ceiling(self) -> float:
        """The longest the next wait may be."""
        return min(self.cap_s, self.base_s * self.factor ** min(self.failures, 64))

    def failed(self) -> float:
        """Seconds to wait after one more failure."""
        ceiling = self.ceiling()
        self.failures += 1
        return max(self.min_s, self._random() * ceiling)

    def succeeded(self) -> None:
        self.failures = 0
