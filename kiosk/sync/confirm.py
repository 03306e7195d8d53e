"""The subscription's confirmation codes, asked of HQ for a customer at the kiosk
(`POST /v1/otp`, `/v1/otp/verify`): the flow's `Confirmations` port (kiosk.flow.subscribe).

A customer is standing at the screen, so every call is short: 3 s to connect and 5 s for
HQ's answer (`TIMEOUT`; HQ answers a code request once its SMS gateway took the text). Past
that HQ counts as unreachable and the flow offers the other second step (the customer's SMS
reply). Every answer becomes an outcome; nothing raises:

| HQ                                   | outcome                                                |
|--------------------------------------|--------------------------------------------------------|
| unreachable, timeout, 5xx, not JSON  | `CodeNotSent`, `CodeNotChecked` with `unreachable=True`  |
| 201 to /otp                          | `CodeSent`: expiry counted on HQ's clock (its `Date`)   |
| 429 to /otp                          | `CodeNotSent(reason, retry_after_s)`: a cap, and when   |
| 400, 401, 403, 404, 422 to /otp      | `CodeNotSent(reason)`                                   |
| 200 to /verify                       | `CodeChecked(verified, confirmation, tries_left)`       |
| 410 to /verify                       | `CodeNotChecked(expired=True)`                          |
| 429 to /verify                       | `CodeNotChecked(spent=True)`: too many wrong tries      |
| 400, 401, 403, 404, 409, 422         | `CodeNotChecked(reason)`: HQ's reason, for staff too    |

Only an enrolled kiosk can ask (HQ knows it by its credential): `for_kiosk` gives None for
one that is not, and the UI then shows subscribing as before ("ask at the counter").
Nothing here logs the number.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kiosk.flow.subscribe import CodeChecked, CodeNotChecked, CodeNotSent, CodeSent
from kiosk.sync.errors import HqRefusedError, HqUnreachableError, SyncError
from kiosk.sync.hqclient import HqClient
from kiosk.sync.identity import Identity, load_identity

log = logging.getLogger(__name__)

#: Seconds to connect to HQ, and to wait for its answer, with a customer waiting.
TIMEOUT = (3.0, 5.0)
#: When a refusal from a cap carries no Retry-After: the kiosk lets the customer try again
#: after this long.
DEFAULT_RETRY_S = 60.0


class HqConfirmations:
    """`Confirmations` over HQ's API, as the enrolled kiosk `identity`. Called off the UI
    thread, one call at a time (a lock keeps them so); never raises."""

    def __init__(self, identity: Identity, *, timeout: tuple[float, float] = TIMEOUT) -> None:
        self._client = HqClient(identity.hq_url, identity.credential, timeout=timeout)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def request_code(self, phone: str) -> CodeSent | CodeNotSent:
        try:
            with self._lock:
                answer, _, headers = self._client.exchange("POST", "v1/otp", {"phone": phone})
            challenge = answer["challenge"]
            expires_at = datetime.fromisoformat(str(answer["expires_at"]))
            resend_after = float(answer["resend_after_s"])
            if not isinstance(challenge, str) or not challenge:
                raise ValueError("no challenge")
        except HqUnreachableError as e:
            log.warning("confirmation code not asked for: %s", e)
            return CodeNotSent(unreachable=True)
        except HqRefusedError as e:
            log.warning("confirmation code refused: %s", e)
            if e.status == 429:
                wait = e.retry_after_s if e.retry_after_s is not None else DEFAULT_RETRY_S
                return CodeNotSent(unreachable=False, reason=e.reason, retry_after_s=wait)
            return CodeNotSent(unreachable=False, reason=e.reason)
        except (KeyError, TypeError, ValueError, OverflowError):
            log.warning("confirmation code: HQ's answer is not one (no challenge or expiry)")
            return CodeNotSent(unreachable=True)
        except Exception:  # a defect must not leave the customer on a spinner
            log.exception("confirmation code: unexpected failure")
            return CodeNotSent(unreachable=True)
        return CodeSent(challenge, _seconds_until(expires_at, headers), max(0.0, resend_after))

    def check_code(self, challenge: str, code: str) -> CodeChecked | CodeNotChecked:
        try:
            with self._lock:
                answer = self._client.call("POST", "v1/otp/verify", {"challenge": challenge, "code": code})
            verified = answer["verified"]
            if not isinstance(verified, bool):
                raise TypeError("verified")
            left = int(answer.get("attempts_left") or 0)
            confirmation = answer.get("confirmation")
            if verified and not (isinstance(confirmation, str) and confirmation):
                raise ValueError("verified without a confirmation")
        except HqUnreachableError as e:
            log.warning("confirmation code not checked: %s", e)
            return CodeNotChecked(unreachable=True)
        except HqRefusedError as e:
            log.warning("confirmation code check refused: %s", e)
            if e.status == 410:
                return CodeNotChecked(unreachable=False, expired=True, reason=e.reason)
            if e.status == 429:
                return CodeNotChecked(unreachable=False, spent=True, reason=e.reason)
            return CodeNotChecked(unreachable=False, reason=e.reason)
        except (KeyError, TypeError, ValueError):
            log.warning("confirmation code check: HQ's answer is not one (no verdict)")
            return CodeNotChecked(unreachable=True)
        except Exception:
            log.exception("confirmation code check: unexpected failure")
            return CodeNotChecked(unreachable=True)
        if verified:
            return CodeChecked(True, confirmation=confirmation, tries_left=left)
        return CodeChecked(False, tries_left=left)


def for_kiosk(data_dir: Path, *, timeout: tuple[float, float] = TIMEOUT) -> HqConfirmations | None:
    """The confirmations of this kiosk, or None when it is not enrolled (or its identity
    cannot be read): subscribing then shows "ask at the counter"."""
    try:
        identity = load_identity(data_dir)
    except SyncError as e:
        log.warning("subscribing: %s", e)
        return None
    return None if identity is None else HqConfirmations(identity, timeout=timeout)


def _seconds_until(expires_at: datetime, headers: Any) -> float:
    """Seconds until HQ's `expires_at`. On the kiosk's clock when it agrees with HQ's Date
    header (whole seconds, so within 2 s); otherwise on HQ's clock, taken as the end of the
    Date's second, so that a kiosk whose clock is off never counts past the expiry."""
    now = time.time()
    try:
        hq_second = parsedate_to_datetime(headers["Date"]).timestamp()
    except (KeyError, TypeError, ValueError):
        hq_second = None
    if hq_second is not None and not -1.0 <= now - hq_second <= 2.0:
        now = hq_second + 1.0
    return max(0.0, expires_at.timestamp() - now)
