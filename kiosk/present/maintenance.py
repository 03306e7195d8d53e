"""What the maintenance screen and its PIN pad show, as rows, built without Qt.

The status comes as `kiosk status --json` prints it (kiosk.sync.commands.gather_status).
A row's `key` and `state` are words QML turns into the staff's language (qsTr); `detail`
is data (ids, versions, times, addresses, sizes), shown as it is in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.flow.maintenance import MaintenanceGate, Stage
from kiosk.flow.pin import MIN_DIGITS

#: Below this, the disk is called low (the sync refuses a download that would leave less).
LOW_DISK_BYTES = 500_000_000
CLOCK_SKEW_LIMIT_S = 60.0


@dataclass(frozen=True)
class StatusRow:
    key: str = ""
    state: str = ""
    ok: bool = True
    #: A name that is data (a pack's id), shown instead of the key's label.
    label: str = ""
    detail: str = ""
    count: int = 0
    #: Neither good nor bad: what follows from another row (no HQ to reach when not enrolled).
    neutral: bool = False


@dataclass(frozen=True)
class CheckRow:
    name: str = ""
    ok: bool = True
    reason: str = ""


@dataclass(frozen=True)
class PadFace:
    shown: bool = False
    state: str = "typing"
    digits: int = 0
    tries_left: int = 0
    locked_for_s: int = 0
    can_submit: bool = False
    min_digits: int = MIN_DIGITS


@dataclass(frozen=True)
class SyncFace:
    #: A SyncController runs in this kiosk (not in screenshots and tools).
    available: bool = False
    busy: bool = False
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    done_text: str = ""
    total_text: str = ""
    #: A round finished since the kiosk started.
    has_last: bool = False
    last_at: str = ""
    last_ok: bool = True
    last_files: int = 0
    last_bytes: str = ""
    last_events: int = 0
    last_error: str = ""
    #: A new set waits to be shown (it is, when the maintenance screen closes).
    pending: str = ""


@dataclass(frozen=True)
class MaintenanceFace:
    gathering: bool = False
    gathered: bool = False
    testing: bool = False
    tested: bool = False
    checks_ok: int = 0
    checks_total: int = 0
    enrolled: bool = False
    can_roll_back: bool = False
    rolling_back: bool = False
    #: What the last action said: "", "rolledBack", "rollbackFailed", "syncFinished".
    notice: str = ""
    notice_ok: bool = True
    notice_detail: str = ""


def pad_face(gate: MaintenanceGate) -> PadFace:
    return PadFace(
        shown=gate.stage == Stage.PAD,
        state=str(gate.pad_state),
        digits=gate.digits,
        tries_left=gate.tries_left,
        locked_for_s=gate.locked_for_s,
        can_submit=gate.can_submit,
    )


def size(n: int | None) -> str:
    """Bytes as people read them (decimal units, as the disk's maker counts)."""
    if n is None:
        return "?"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def local_time(text: str | None, tz: str) -> str:
    """An ISO time (UTC) as the store's local date and minute; the text itself if unreadable."""
    if not text:
        return ""
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def status_rows(status: dict[str, Any], tz: str, now: datetime) -> list[StatusRow]:
    rows: list[StatusRow] = []
    ident = status.get("identity")
    if ident is None:
        rows.append(StatusRow("identity", "notEnrolled", False))
    else:
        rows.append(
            StatusRow(
                "identity",
                "enrolled",
                True,
                detail=f"{ident['device_id']} · {ident['store']} ({ident['city']}, {ident['province']})",
            )
        )
    hq = status.get("hq")
    if hq is None:
        rows.append(StatusRow("hq", "notEnrolled", True, neutral=True))
    elif hq["reachable"]:
        rows.append(StatusRow("hq", "reachable", True, detail=hq["url"]))
    else:
        rows.append(StatusRow("hq", "unreachable", False, detail=f"{hq['url']} ({hq['reason']})"))
    active = status.get("active")
    if active is None:
        rows.append(
            StatusRow("content", "sample", True, detail=str(status.get("showing", "")), neutral=ident is None)
        )
    else:
        rows.append(StatusRow("content", "installed", True, detail=active["name"]))
        for p in active["packs"]:
            until = p.get("valid_until")
            state, ok = "unknown", True
            if until:
                try:
                    ends = datetime.fromisoformat(until.replace("Z", "+00:00"))
                    ends = ends if ends.tzinfo else ends.replace(tzinfo=UTC)
                    state, ok = ("valid", True) if ends > now else ("expired", False)
                except ValueError:
                    pass
            rows.append(
                StatusRow(
                    f"pack:{p['id']}",
                    state,
                    ok,
                    label=p["id"],
                    detail=f"v{p['version']} · {p['scope']} · {local_time(until, tz)}".rstrip(" ·"),
                    count=int(p["version"]),
                )
            )
    previous = status.get("previous")
    if previous is None:
        rows.append(StatusRow("previous", "none", True, neutral=True))
    else:
        packs = ", ".join(f"{p['id']} v{p['version']}" for p in previous["packs"])
        rows.append(StatusRow("previous", "kept", True, detail=f"{previous['name']}: {packs}"))
    last = status.get("last_sync")
    if last is None:
        rows.append(StatusRow("lastSync", "never", ident is None, neutral=ident is None))
    elif last["ok"]:
        rows.append(StatusRow("lastSync", "ok", True, detail=local_time(last["at"], tz)))
    else:
        detail = f"{local_time(last['at'], tz)} · {last.get('message') or ''}".rstrip(" ·")
        rows.append(StatusRow("lastSync", "failed", False, detail=detail))
    outbox = status.get("outbox") or {}
    pending = outbox.get("pending")
    if pending is None:
        rows.append(StatusRow("outbox", "unreadable", False, detail=str(outbox.get("problem", ""))))
    else:
        kinds = sorted((outbox.get("by_kind") or {}).items(), key=lambda kv: -kv[1])[:3]
        rows.append(
            StatusRow(
                "outbox", "waiting", True, detail=", ".join(f"{k} {n}" for k, n in kinds), count=pending
            )
        )
    rows.append(_orders_row(status.get("orders")))
    disk = status.get("disk") or {}
    free = disk.get("free_bytes")
    low = free is not None and free < LOW_DISK_BYTES
    rows.append(
        StatusRow(
            "disk",
            "low" if low else "ok",
            not low,
            detail=f"{size(free)} / {size(disk.get('total_bytes'))}",
        )
    )
    skew = status.get("clock_skew_s")
    if skew is None:
        rows.append(StatusRow("clock", "unknown", True, neutral=True))
    else:
        ok = abs(skew) <= CLOCK_SKEW_LIMIT_S
        shown = round(skew, 1) + 0.0  # never "-0.0 s"
        rows.append(StatusRow("clock", "ok" if ok else "skewed", ok, detail=f"{shown:+.1f} s"))
    rows.append(_voice_row(status.get("voice")))
    return rows


def _voice_row(voice: dict[str, Any] | None) -> StatusRow:
    """The spoken guidance: works, muted by staff or quiet hours (chosen, not faults), or
    no text-to-speech (voice) here, which leaves recordings and captions."""
    if not voice or not voice.get("status"):
        return StatusRow("voice", "unknown", True, neutral=True)
    status, _, langs = str(voice["status"]).partition(":")
    detail = str(voice.get("detail", ""))
    if langs:
        detail = f"{langs} · {detail}".rstrip(" ·")
    if status == "ok":
        return StatusRow("voice", "ok", True, detail=detail)
    if status in ("mutedByStaff", "quietHours"):
        return StatusRow("voice", status, True, detail=detail, neutral=True)
    return StatusRow("voice", status, False, detail=detail)


def _orders_row(orders: dict[str, Any] | None) -> StatusRow:
    """Customers' orders: HQ would not take some (a fault to report), the operator refused
    some lately (the latest named, with its masked number, for staff to follow up), or how
    many wait for HQ."""
    if not orders:
        return StatusRow("orders", "none", True, neutral=True)
    if orders.get("problem"):
        return StatusRow("orders", "unreadable", False, detail=str(orders["problem"]))
    states = orders.get("by_state") or {}
    if held := orders.get("quarantined"):
        q = held[0]
        return StatusRow(
            "orders", "quarantined", False, detail=f"{q['service']}: {q['problem']}", count=len(held)
        )
    if refused := orders.get("refused"):
        r = refused[0]
        detail = f"{r['reference']} · {r['phone']} · {r['service']}: {r['reason']}"
        return StatusRow("orders", "refused", True, detail=detail, count=len(refused))
    waiting = int(states.get("pending", 0)) + int(states.get("sent", 0))
    return StatusRow("orders", "waiting", True, count=waiting)


def check_rows(checks: list[Any]) -> list[CheckRow]:
    """`kiosk doctor`'s checks (name, ok, reason) as rows."""
    return [CheckRow(c.name, bool(c.ok), c.reason) for c in checks]
