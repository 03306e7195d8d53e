"""One sync round: content (the store's staff roster with it), then customers' orders and
register entries, then events, then the heartbeat; what `kiosk sync --once` and the running
kiosk's background schedule both run. (The running kiosk also sends orders between rounds,
at once: kiosk.sync.orders.OrderWorker.)

Each step runs whatever the one before did: HQ unreachable for content may still take the
events a moment later, and a refused pack set is exactly what the heartbeat must report.
The round is `ok` when every step completed. Every error is kept in the sync state (for
`kiosk status`, the maintenance screen) and goes to HQ with the next heartbeat.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.datadir import write_problem
from kiosk.packs.media import MediaChecks
from kiosk.services import leads as register
from kiosk.services.leads import LocalLeads
from kiosk.services.localdb import NewerSchemaError
from kiosk.services.orders import PENDING, QUARANTINED, SENT, LocalOrders
from kiosk.services.voicefile import read_voice
from kiosk.sync.content import ContentResult, ContentSync, Progress
from kiosk.sync.errors import HqRefusedError, SyncError
from kiosk.sync.fetcher import Fetcher
from kiosk.sync.hqclient import APP_VERSION, HqClient
from kiosk.sync.identity import Identity
from kiosk.sync.leads import LeadSender, LeadsResult
from kiosk.sync.orders import OrderSender, OrdersResult
from kiosk.sync.outbox import Outbox
from kiosk.sync.packsets import PackSet, PackSets
from kiosk.sync.roster import RosterOutcome
from kiosk.sync.state import LastRound, SyncState, load_state, save_state

log = logging.getLogger(__name__)


#: Records one event in the kiosk's ledger (kind, data).
Record = Callable[[str, dict[str, Any]], object]


@dataclass
class RoundReport:
    at: str
    ok: bool = True
    content: ContentResult | None = None
    events_sent: int = 0
    #: Events still waiting for HQ after the round.
    events_left: int | None = None
    #: The store's staff roster: what the round did with it (None: content was not reached).
    roster: RosterOutcome | None = None
    #: Customers' orders: what the round's pass did (None: no orders file to look at).
    orders: OrdersResult | None = None
    #: Register entries: what the round's pass did (None: no ledger file to look at).
    leads: LeadsResult | None = None
    clock_skew_s: float | None = None
    errors: list[str] = field(default_factory=list)
    #: How long the round took, in seconds.
    took_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        """The round as one JSON object (`kiosk sync --once --json`)."""
        content = self.content
        return {
            "at": self.at,
            "ok": self.ok,
            "downloaded_bytes": content.downloaded_bytes if content else 0,
            "downloaded_files": content.downloaded_files if content else 0,
            "activated": content.current.name if content and content.switched and content.current else None,
            "staged": content.current.name
            if content and content.changed and not content.switched and content.current
            else None,
            "packs": [f"{p.id}@{p.version}" for p in content.current.packs]
            if content and content.current
            else [],
            "repaired_files": len(content.repaired) if content else 0,
            "roster_version": self.roster.roster.version if self.roster and self.roster.roster else None,
            "roster_changed": bool(self.roster and self.roster.changed),
            "events_sent": self.events_sent,
            "events_left": self.events_left,
            "orders_sent": self.orders.sent if self.orders else 0,
            "orders_answered": self.orders.answered if self.orders else 0,
            "orders_pending": self.orders.pending if self.orders else 0,
            "orders_waiting": self.orders.waiting if self.orders else 0,
            "orders_quarantined": self.orders.quarantined if self.orders else 0,
            "leads_sent": self.leads.sent if self.leads else 0,
            "leads_pending": self.leads.pending if self.leads else 0,
            "leads_quarantined": self.leads.quarantined if self.leads else 0,
            "clock_skew_s": self.clock_skew_s,
            "took_s": round(self.took_s, 3),
            "errors": self.errors,
        }


def sync_round(
    data_dir: Path,
    identity: Identity,
    timezone: str,
    *,
    ledger: Path | None = None,
    record: Record | None = None,
    progress: Progress | None = None,
    switch: bool = True,
    uptime_s: float = 0.0,
    orders: OrderSender | None = None,
    leads: LeadSender | None = None,
) -> RoundReport:
    """`orders`: the sender to run the orders' pass with (the running kiosk's, which tells
    the screen of answers); by default one over `ledger`'s file for this round. `leads`:
    the same for register entries."""
    report = RoundReport(at=_now())
    started = time.perf_counter()
    state = load_state(data_dir)
    client = HqClient(identity.hq_url, identity.credential)
    fetcher = Fetcher(session=client.session)
    outbox = None
    own_book: LocalOrders | None = None
    own_leads: LocalLeads | None = None
    try:
        content_sync = ContentSync(
            data_dir,
            identity.hq_url,
            identity.store_identity,
            identity.scopes,
            timezone,
            fetcher,
            checks=MediaChecks(data_dir / "media-checks.json"),
            progress=progress,
        )
        try:
            report.content = content_sync.run(switch=switch)
        except SyncError as e:
            _failed(report, state, f"content: {e}")
        report.roster = content_sync.roster
        if report.roster is not None and report.roster.error:
            _failed(report, state, f"roster: {report.roster.error}")
        if (
            record is not None
            and report.roster is not None
            and report.roster.changed
            and report.roster.roster
        ):
            installed = report.roster.roster
            record("roster_installed", {"version": installed.version, "active": installed.active_count})
        if orders is None and ledger is not None and ledger.exists():
            own_book = LocalOrders(ledger, checkpoint=True)
            orders = OrderSender(own_book)
        if orders is not None:
            # Before the events: a customer's order matters more than the funnel's figures.
            try:
                report.orders = orders.run(client)
                for problem in report.orders.errors[:5]:
                    _failed(report, state, f"orders: {problem}")
            except (sqlite3.Error, OSError, NewerSchemaError) as e:
                _failed(report, state, f"orders: the kiosk's orders cannot be read: {e}")
        if leads is None and ledger is not None and ledger.exists():
            own_leads = LocalLeads(ledger, checkpoint=True)
            leads = LeadSender(own_leads)
        if leads is not None:
            try:
                report.leads = leads.run(client)
                for problem in report.leads.errors[:5]:
                    _failed(report, state, f"register: {problem}")
            except (sqlite3.Error, OSError, NewerSchemaError) as e:
                _failed(report, state, f"register: the kiosk's register cannot be read: {e}")
        outbox = _open_outbox(ledger, report, state)
        if outbox is not None:
            try:
                uploaded = outbox.upload(client)
                report.events_sent = uploaded.sent + uploaded.duplicates
                report.events_left = uploaded.remaining
            except SyncError as e:
                report.events_sent = outbox.last.sent + outbox.last.duplicates
                _failed(report, state, f"events: {e}")
        content = report.content
        if record is not None and content is not None and content.changed and content.current is not None:
            record(
                "pack_switch" if content.switched else "pack_staged",
                {
                    "set": content.current.name,
                    "packs": [f"{p.id}@{p.version}" for p in content.current.packs],
                },
            )
        try:
            report.clock_skew_s = heartbeat(
                client,
                data_dir,
                state,
                outbox,
                uptime_s,
                orders.book if orders else None,
                leads.book if leads else None,
            )
            state.last_contact = _now()
            state.clock_skew_s = report.clock_skew_s
        except SyncError as e:
            _failed(report, state, f"heartbeat: {e}")
    finally:
        client.close()
        if outbox is not None:
            outbox.close()
        if own_book is not None:
            own_book.close()
        if own_leads is not None:
            own_leads.close()
    content = report.content
    state.last_round = LastRound(
        at=report.at,
        ok=report.ok,
        message="; ".join(report.errors) or None,
        downloaded_bytes=content.downloaded_bytes if content else 0,
        activated=content.current.name if content and content.switched and content.current else None,
        events_sent=report.events_sent,
    )
    try:
        save_state(data_dir, state)
    except OSError as e:
        log.error("sync: the round's notes cannot be kept: %s", e)
    if record is not None:
        record("sync_round", {"ok": report.ok, "errors": report.errors[:5]})
    report.took_s = time.perf_counter() - started
    return report


def _open_outbox(ledger: Path | None, report: RoundReport, state: SyncState) -> Outbox | None:
    if ledger is None or not ledger.exists():
        return None
    try:
        return Outbox(ledger)
    except SyncError as e:
        _failed(report, state, f"events: {e}")
        return None


def heartbeat(
    client: HqClient,
    data_dir: Path,
    state: SyncState,
    outbox: Outbox | None,
    uptime_s: float,
    orders: LocalOrders | None = None,
    leads: LocalLeads | None = None,
) -> float:
    """Send the kiosk's state now; the clock skew HQ's answer shows (kiosk minus HQ, s)."""
    sets = PackSets(data_dir / "content")
    disk = shutil.disk_usage(data_dir if data_dir.is_dir() else data_dir.parent)
    errors = list(state.errors[-20:])
    if (problem := write_problem(data_dir)) is not None:
        errors = [*errors[-19:], {"at": _now(), "message": problem}]
    body: dict[str, Any] = {
        "at": _now(),
        "app_version": APP_VERSION,
        "packs": _versions(sets.current()),
        "previous_packs": _versions(sets.previous()),
        "disk": {"free_bytes": disk.free, "total_bytes": disk.total},
        "uptime_s": round(uptime_s, 1),
        "errors": errors,
    }
    voice = read_voice(data_dir).status
    if voice:
        body["voice"] = voice
    if state.last_round is not None:
        last = state.last_round
        body["last_sync"] = {"at": last.at, "ok": last.ok, "message": (last.message or "")[:1000] or None}
    if outbox is not None:
        try:
            dropped = sum(outbox.dropped_counts().values())
            body["outbox"] = {
                "pending": outbox.pending(),
                "by_kind": dict(sorted(outbox.depth().items(), key=lambda kv: -kv[1])[:100]),
                "dropped": dropped,
                "quarantined": outbox.quarantined_count(),
            }
        except sqlite3.Error as e:
            state.note_error(f"events: the outbox cannot be read: {e}")
    if orders is not None:
        try:
            counts = orders.counts()
            body["orders"] = {
                "pending": counts[PENDING],
                "oldest_pending_at": orders.oldest_unsent(),
                "waiting": counts[SENT],
                "quarantined": counts[QUARANTINED],
            }
        except (sqlite3.Error, OSError, NewerSchemaError) as e:
            state.note_error(f"orders: the kiosk's orders cannot be read: {e}")
    if leads is not None:
        try:
            held = leads.counts()
            body["leads"] = {
                "pending": held[register.PENDING],
                "quarantined": held[register.QUARANTINED],
                "expired": held[register.EXPIRED],
            }
        except (sqlite3.Error, OSError, NewerSchemaError) as e:
            state.note_error(f"register: the kiosk's entries cannot be read: {e}")
    sent = time.time()
    try:
        answer = client.call("POST", "v1/heartbeat", body)
    except HqRefusedError as e:
        # An HQ older than the kiosk refuses the fields it does not know: the rest matters
        # more (kiosks may be updated before HQ).
        newer = [
            k for k in ("orders", "leads", "voice") if k in body and any(p.startswith(k) for p in e.problems)
        ]
        if e.status != 422 or not newer:
            raise
        for key in newer:
            del body[key]
        sent = time.time()
        answer = client.call("POST", "v1/heartbeat", body)
    mid = (sent + time.time()) / 2
    try:
        server = datetime.fromisoformat(str(answer["server_time"]))
    except (KeyError, ValueError):
        raise SyncError("HQ's answer to the heartbeat has no server_time") from None
    return round(mid - server.timestamp(), 3) + 0.0  # never -0.0


def _versions(made: PackSet | None) -> list[dict[str, str]]:
    return [{"id": p.id, "version": str(p.version), "scope": p.scope} for p in made.packs] if made else []


def _failed(report: RoundReport, state: SyncState, message: str) -> None:
    log.warning("sync: %s", message)
    report.ok = False
    report.errors.append(message)
    state.note_error(message)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
