"""A sender's passes on a thread of its own (the customers' orders, the register's entries):
one pass when the next record is due, and at once after `kick()`. Not enrolled: nothing is
sent (the records wait in the book). And what both senders do when HQ cannot take a record
now (`put_off`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import SyncError
from kiosk.sync.hqclient import HqClient
from kiosk.sync.identity import load_identity

log = logging.getLogger(__name__)


class _Result(Protocol):
    errors: list[str]


class _Book(Protocol):
    def retry_later(self, record_id: str, *, next_try_at: float, problem: str | None) -> None: ...
    def hold_due(self, now: float, until: float) -> int: ...


#: A record HQ cannot take now is tried again after 5 s, doubling to 10 minutes (full jitter).
SEND_BASE_S = 5.0
SEND_CAP_S = 600.0


def put_off(
    book: _Book,
    record_id: str,
    attempts: int,
    now: float,
    why: str,
    *,
    random: Callable[[], float],
    at_least: float | None = None,
) -> float:
    """HQ cannot take `record_id` now (`why`, scrubbed of numbers by the caller): it waits
    its back-off (`attempts` failures so far; at least HQ's Retry-After), and so does every
    record due by then, for one failed request a pass. The wait, in seconds."""
    backoff = Backoff(SEND_BASE_S, SEND_CAP_S, random=random)
    backoff.failures = attempts
    wait = max(backoff.failed(), at_least or 0.0)
    book.retry_later(record_id, next_try_at=now + wait, problem=why)
    book.hold_due(now, now + wait)
    return wait


R = TypeVar("R", bound=_Result)


class PassWorker(Generic[R]):
    """Runs `sender.run(client)` passes; `sender.book` says when the next record is due
    (`next_due()`) and is closed on `stop()`."""

    def __init__(
        self,
        what: str,
        data_dir: Path,
        sender: Any,
        failed: Callable[[str], R],
        *,
        timeout: tuple[float, float],
        on_pass: Callable[[R], None] | None = None,
        clock: Callable[[], float] = time.time,
        idle_s: float = 300.0,
    ) -> None:
        """`what`: the records, for the log and the thread's name; `failed`: a pass's result
        from an error's words; `on_pass`: told of each pass's result (on the worker's
        thread); `idle_s`: the longest wait with nothing due (records kept by another
        process are seen then)."""
        self.what = what
        self.data_dir = data_dir
        self.sender = sender
        self.on_pass = on_pass
        self._failed = failed
        self._timeout = timeout
        self._clock = clock
        self._idle_s = idle_s
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name=f"kiosk-{what}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def kick(self) -> None:
        """Send now (a record was just kept)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self.sender.book.close()

    def run_pass(self) -> R | None:
        """One pass now, on the caller's thread (the sync round's); None when not enrolled."""
        try:
            identity = load_identity(self.data_dir)
        except SyncError as e:
            log.warning("%s: %s", self.what, e)
            return None
        if identity is None:
            return None
        client = HqClient(identity.hq_url, identity.credential, timeout=self._timeout)
        try:
            result: R = self.sender.run(client)
            return result
        finally:
            client.close()

    def _loop(self) -> None:
        while not self._stopping:
            try:
                result = self.run_pass()
            except Exception as e:  # the file cannot be read, or a defect: try again later
                log.exception("%s: the pass failed", self.what)
                result = self._failed(f"{self.what}: {type(e).__name__}: {e}")
            if result is not None and self.on_pass is not None:
                try:
                    self.on_pass(result)
                except Exception:
                    log.exception("%s: the kiosk could not take the pass's result", self.what)
            self._wake.wait(self._wait_s(result))
            self._wake.clear()

    def _wait_s(self, result: R | None) -> float:
        """Until the next record is due; the idle wait when not enrolled or nothing is due;
        at least a second after a pass that failed (never a busy loop)."""
        if result is None:
            return self._idle_s
        try:
            due = self.sender.book.next_due()
        except Exception:
            return self._idle_s
        if due is None:
            return self._idle_s
        wait = min(self._idle_s, max(0.0, due - self._clock()))
        return max(wait, 1.0) if result.errors else wait
