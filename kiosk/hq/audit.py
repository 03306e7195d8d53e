"""The audit trail: one log line for every refusal that may be an attack, and an alert
line when a cap is reached.

Lines go to the `kiosk.hq.audit` logger at WARNING, with the device, store and source
address when known; never a phone number, a code or a credential in clear. Whatever
came from a request is reduced to a short run of safe characters first, so that a
hostile value cannot forge or break log lines.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime

log = logging.getLogger("kiosk.hq.audit")

_UNSAFE = re.compile(r"[^A-Za-z0-9._:@/*-]")


def shown(text: object, limit: int = 48) -> str:
    """`text` as it may appear in a log line: safe characters only, and short."""
    cleaned = _UNSAFE.sub("?", str(text))
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "..."


def refused(what: str, *, source: str, **about: object) -> None:
    """`AUDIT <what>: key=value ... from <source>`."""
    details = " ".join(f"{key}={shown(value)}" for key, value in about.items() if value is not None)
    log.warning("AUDIT %s: %s from %s", what, details or "-", shown(source))


_alerted: dict[str, datetime] = {}
_alerted_lock = threading.Lock()


def alert(what: str, *, key: str, until: datetime, source: str, **about: object) -> None:
    """`ALERT <what>: ...`, for whoever watches HQ's log: a cap was reached.

    Once per cap (`key`) and window (ending `until`) in this process: an attacker held at
    a cap would otherwise write a line per request.
    """
    with _alerted_lock:
        if _alerted.get(key) == until:
            return
        if len(_alerted) > 10_000:
            _alerted.clear()
        _alerted[key] = until
    details = " ".join(f"{name}={shown(value)}" for name, value in about.items() if value is not None)
    log.warning("ALERT %s: %s from %s", what, details or "-", shown(source))
