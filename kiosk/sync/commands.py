"""The handlers of `kiosk enroll`, `sync`, `status`, `rollback`, `admin-pin` and `doctor`: the
kiosk's side of HQ at a terminal (a technician's, or a script's with `--json`). Their
options are in kiosk.sync.cli, which imports this module only when one of them runs.

Each handler returns an exit code; whatever a person can get wrong is a `KioskError`, which
`kiosk.commands.run` prints in one line.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests

from kiosk.commands import ExitCode
from kiosk.config import BUNDLED_CONTENT, Settings, load_settings
from kiosk.datadir import write_problem
from kiosk.domain.phone import masked
from kiosk.errors import UsageError
from kiosk.services.voicefile import read_voice
from kiosk.sync.content import DISK_MARGIN_BYTES, Progress
from kiosk.sync.errors import NotEnrolledError, SyncError
from kiosk.sync.fetcher import sha256_of
from kiosk.sync.hqclient import HqClient
from kiosk.sync.identity import Identity, load_identity
from kiosk.sync.packsets import PackSet, PackSetError, PackSets
from kiosk.sync.roster import installed_roster
from kiosk.sync.state import load_state

#: How far the kiosk's clock may drift from HQ's before `doctor` calls it a problem.
SKEW_LIMIT_S = 60.0
#: How far back `kiosk status` lists the operator's refusals of customers' orders.
REFUSALS_DAYS = 7
#: How many of each kind of record HQ refused (events, orders, register entries) `kiosk
#: status` and `kiosk quarantine` list, newest first; the counts are whole.
QUARANTINE_LISTED = 20


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.data_dir)


def _identity(settings: Settings) -> Identity:
    identity = load_identity(settings.data_dir)
    if identity is None:
        raise NotEnrolledError(
            f"this kiosk is not enrolled (no identity in {settings.data_dir}); "
            "run `kiosk enroll --hq URL --code CODE` with a code from HQ"
        )
    return identity


# -- enroll ------------------------------------------------------------------------------------
def enroll_command(args: argparse.Namespace) -> int:
    from kiosk.sync.enrol import enrol

    settings = _settings(args)
    if args.root_sha256 is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", args.root_sha256.strip()):
        raise UsageError(
            f"--root-sha256 '{args.root_sha256}' is not a SHA-256 (64 hex digits, as kiosk-hq init prints)"
        )
    if not re.match(r"^https?://[^/\s]+", args.hq):
        raise UsageError(f"--hq '{args.hq}' is not an address like https://hq.example.com")
    identity = enrol(settings.data_dir, args.hq, args.code, args.root_sha256)
    print(
        f"enrolled as {identity.device_id} for store {identity.store} ({identity.city}, {identity.province})"
    )
    print(f"  HQ: {identity.hq_url}; identity kept in {settings.data_dir / 'identity.json'} (mode 0600)")
    _pin_at_enrolment(settings)
    print("  next: `kiosk sync --once` fetches this store's content")
    return ExitCode.OK


def _pin_at_enrolment(settings: Settings) -> None:
    """The maintenance PIN is set with the enrolment when a person is at the terminal and
    none is set yet; a script is told how to set it."""
    from kiosk.sync.admin import PinFile

    if PinFile(settings.data_dir).load() is not None:
        return
    if not sys.stdin.isatty():
        print(
            "  no maintenance PIN is set yet: `kiosk admin-pin` sets one (the screen stays shut until then)"
        )
        return
    print("  set the maintenance PIN now (staff type it to open the maintenance screen)")
    for _ in range(3):
        try:
            _save_pin(settings, _ask_pin())
            return
        except UsageError as e:
            print(f"  {e}")
    print("  no PIN set: `kiosk admin-pin` sets one later")


# -- sync --------------------------------------------------------------------------------------
class BarProgress(Progress):
    """A download's progress on stderr with tqdm: files, bytes, speed, time left."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._files = 0
        self._done = 0

    def start(self, files: int, total_bytes: int) -> None:
        from tqdm import tqdm

        self._files, self._done = files, 0
        self._bar = tqdm(
            total=total_bytes,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc=f"files 0/{files}",
            file=sys.stderr,
            mininterval=0.2 if sys.stderr.isatty() else 5.0,
            leave=True,
        )

    def advance(self, nbytes: int) -> None:
        if self._bar is not None:
            self._bar.update(nbytes)

    def file_done(self) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.set_description(f"files {self._done}/{self._files}", refresh=False)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def sync_command(args: argparse.Namespace) -> int:
    from kiosk.sync.round import sync_round

    if not args.once:
        raise UsageError(
            "`kiosk sync --once` runs one round now; the running kiosk syncs by itself "
            "(every sync_interval_s seconds, kiosk.json)"
        )
    settings = _settings(args)
    identity = _identity(settings)
    with _ledger(settings) as ledger:
        report = sync_round(
            settings.data_dir,
            identity,
            settings.timezone,
            ledger=settings.ledger_path,
            record=ledger.record if ledger else None,
            progress=BarProgress(),
            uptime_s=_system_uptime(),
        )
    summary = report.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        if summary["activated"]:
            print(f"activated pack set {summary['activated']}: {', '.join(summary['packs'])}")
        elif summary["packs"]:
            print(f"content up to date: {', '.join(summary['packs'])}")
        files = summary["downloaded_files"]
        print(
            f"downloaded {files} file{'s' * (files != 1)} ({_size(summary['downloaded_bytes'])}); "
            f"orders sent: {summary['orders_sent']}, answered: {summary['orders_answered']}; "
            f"register entries sent: {summary['leads_sent']}; "
            f"events sent: {summary['events_sent']}"
        )
        if summary["repaired_files"]:
            print(f"repaired {summary['repaired_files']} damaged file(s) with fresh copies from HQ")
        for line in report.errors:
            print(f"problem: {line}", file=sys.stderr)
    return ExitCode.OK if report.ok else ExitCode.PROBLEMS


# -- status ------------------------------------------------------------------------------------
def status_command(args: argparse.Namespace) -> int:
    settings = _settings(args)
    status = gather_status(settings)
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return ExitCode.PROBLEMS if status["problems"] else ExitCode.OK
    for problem in status["problems"]:
        print(f"PROBLEM: {problem}")
    ident = status["identity"]
    if ident is None:
        print("not enrolled: showing the bundled sample content (`kiosk enroll` to join HQ)")
    else:
        print(f"device {ident['device_id']}, store {ident['store']} ({ident['city']}, {ident['province']})")
        hq = status["hq"]
        print(f"HQ {hq['url']}: {'reachable' if hq['reachable'] else 'NOT reachable: ' + str(hq['reason'])}")
    for label, key in (("active pack set", "active"), ("previous (for rollback)", "previous")):
        made = status[key]
        if made is None:
            print(f"{label}: none")
            continue
        print(f"{label}: {made['name']}")
        for p in made["packs"]:
            until = p["valid_until"] or "?"
            print(f"  {p['id']} {p['scope']} v{p['version']} signed until {until}  {p['path']}")
    last = status["last_sync"]
    if last:
        print(f"last sync {last['at']}: {'ok' if last['ok'] else 'FAILED: ' + str(last['message'])}")
    else:
        print("last sync: never")
    depth = status["outbox"]
    print(f"outbox: {depth['pending']} events waiting" + _by_kind(depth["by_kind"]))
    if depth.get("quarantined"):
        print(f"  {depth['quarantined']} event(s) HQ refused as invalid, kept aside (`kiosk quarantine`)")
    orders = status["orders"]
    if orders.get("problem"):
        print(f"orders: {orders['problem']}")
    else:
        states = orders["by_state"]
        line = (
            f"orders: {states['pending']} not yet at HQ, {states['sent']} awaiting an answer, "
            f"{states['answered']} answered, {states['quarantined']} quarantined"
        )
        if orders["oldest_pending_at"]:
            line += f"; oldest unsent kept {orders['oldest_pending_at']}"
        print(line)
        for q in orders["quarantined"]:
            print(f"  QUARANTINED order {q['id']} ({q['service']}, kept {q['created_at']}): {q['problem']}")
        for r in orders["refused"]:
            print(
                f"  {r['status'].upper()} order {r['reference']} ({r['service']}, {r['phone']}): "
                + r["reason"]
            )
    leads = status["leads"]
    if leads.get("problem"):
        print(f"register: {leads['problem']}")
    else:
        states = leads["by_state"]
        print(
            f"register: {states['pending']} entries not yet at HQ, {states['sent']} at HQ, "
            f"{states['quarantined']} quarantined, {states['expired']} expired unsent"
        )
        for q in leads["quarantined"]:
            print(
                f"  QUARANTINED register entry {q['id']} ({q['service']}, kept {q['created_at']}): "
                + q["problem"]
            )
    print(f"disk: {_size(status['disk']['free_bytes'])} free of {_size(status['disk']['total_bytes'])}")
    skew = status["clock_skew_s"]
    print(
        "clock skew to HQ: "
        + ("unknown (no answer from HQ yet)" if skew is None else f"{round(skew, 1) + 0.0:+.1f} s")
    )
    roster = status["roster"]
    print(
        "staff roster: "
        + (
            f"version {roster['version']} (issued {roster['issued_at']}), {roster['active']} may sign in"
            if roster
            else "none" + (" (HQ has published none for this store)" if ident is not None else "")
        )
    )
    voice = status["voice"]
    print(
        "voice: "
        + (voice["status"] or "not known (the kiosk has not run here)")
        + (f" ({voice['detail']})" if voice["detail"] else "")
        + ("; MUTED by staff" if voice["staff_muted"] and voice["status"] != "mutedByStaff" else "")
    )
    return ExitCode.PROBLEMS if status["problems"] else ExitCode.OK


def gather_status(settings: Settings) -> dict[str, Any]:
    """What `kiosk status` shows, as a dict; each part that cannot be read is named in
    `problems` rather than stopping the rest."""
    problems: list[str] = []
    if (unwritable := write_problem(settings.data_dir)) is not None:
        problems.append(unwritable + "; the kiosk shows what it has but cannot record events or take content")
    try:
        identity = load_identity(settings.data_dir)
    except SyncError as e:
        identity = None
        problems.append(str(e))
    sets = PackSets(settings.data_dir / "content")
    try:
        active, previous = _set(sets, sets.current()), _set(sets, sets.previous())
    except PackSetError as e:
        active = previous = None
        problems.append(str(e))
    state = load_state(settings.data_dir)
    disk = shutil.disk_usage(
        settings.data_dir if settings.data_dir.is_dir() else _existing(settings.data_dir)
    )
    orders = order_states(settings)
    if held := orders["quarantined"]:
        problems.append(
            f"{orders['by_state']['quarantined']} customer order(s) HQ would not take, kept aside "
            f"for staff (the latest: {held[0]['id']}: {held[0]['problem']})"
        )
    leads = lead_states(settings)
    if held := leads["quarantined"]:
        problems.append(
            f"{leads['by_state']['quarantined']} register entr(y/ies) HQ would not take, kept aside "
            f"for staff (the latest: {held[0]['id']}: {held[0]['problem']})"
        )
    hq = None
    if identity is not None:
        reachable, reason, _ = probe(identity.hq_url)
        hq = {"url": identity.hq_url, "reachable": reachable, "reason": reason}
    last = state.last_round
    return {
        "identity": None
        if identity is None
        else {k: getattr(identity, k) for k in ("device_id", "store", "city", "province", "enrolled_at")},
        "hq": hq,
        "active": active,
        "previous": previous,
        "showing": "installed pack set" if active else f"bundled sample ({BUNDLED_CONTENT})",
        "last_sync": None if last is None else {"at": last.at, "ok": last.ok, "message": last.message},
        "last_contact": state.last_contact,
        "outbox": outbox_depth(settings),
        "orders": orders,
        "leads": leads,
        "disk": {"free_bytes": disk.free, "total_bytes": disk.total},
        "clock_skew_s": state.clock_skew_s,
        "voice": voice_status(settings.data_dir),
        "roster": roster_status(settings.data_dir),
        "errors": state.errors[-5:],
        "problems": problems,
    }


def roster_status(data_dir: Path) -> dict[str, Any] | None:
    """The store's staff roster installed here: its version, when HQ issued it, and how
    many may sign in; None without one."""
    roster = installed_roster(data_dir)
    if roster is None:
        return None
    return {
        "version": roster.version,
        "issued_at": roster.issued_at,
        "active": roster.active_count,
        "members": len(roster.members),
    }


def voice_status(data_dir: Path) -> dict[str, Any]:
    """The running kiosk's voice as it last wrote it (`voice.json`): "ok", or why customers
    do not hear it, "" before any kiosk ran here."""
    note = read_voice(data_dir)
    return {"status": note.status, "detail": note.detail, "staff_muted": note.staff_muted}


def _existing(path: Path) -> Path:
    """The nearest folder above `path` that exists (for the disk's figures)."""
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path


def _set(sets: PackSets, made: PackSet | None) -> dict[str, Any] | None:
    if made is None:
        return None
    return {
        "name": made.name,
        "made_at": made.made_at,
        "packs": [
            {
                "id": p.id,
                "scope": p.scope,
                "version": p.version,
                "path": str(sets.folder(made.name) / p.id),
                "valid_until": p.signed_until,
            }
            for p in made.packs
        ],
    }


def probe(hq_url: str) -> tuple[bool, str | None, float | None]:
    """Whether HQ answers now, why not, and the clock skew its `Date` header shows (s)."""
    client = HqClient(hq_url)
    try:
        sent = time.time()
        response = client.session.get(client.url + "tuf/metadata/timestamp.json", timeout=(3, 5))
        mid = (sent + time.time()) / 2
    except requests.RequestException as e:
        return False, type(e).__name__, None
    finally:
        client.close()
    if response.status_code != 200:
        return False, f"HTTP {response.status_code}", None
    try:
        skew = round(mid - parsedate_to_datetime(response.headers["Date"]).timestamp(), 1) + 0.0
    except (KeyError, TypeError, ValueError):
        skew = None
    return True, None, skew


def outbox_depth(settings: Settings) -> dict[str, Any]:
    """Events recorded and not yet acknowledged by HQ, by kind (read-only; the file may be
    in use by the running kiosk)."""
    path = settings.ledger_path
    if not path.exists():
        return {"pending": 0, "by_kind": {}, "quarantined": 0}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute(
                "SELECT kind, COUNT(*) FROM events WHERE uploaded_at IS NULL GROUP BY kind ORDER BY kind"
            ).fetchall()
            held = 0
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'quarantine'").fetchone():
                held = conn.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as e:
        problem = f"the ledger cannot be read: {e}"
        return {"pending": None, "by_kind": {}, "quarantined": None, "problem": problem}
    return {"pending": sum(n for _, n in rows), "by_kind": dict(rows), "quarantined": held}


def order_states(settings: Settings) -> dict[str, Any]:
    """Customers' orders by state, the oldest HQ has not acknowledged, the quarantined with
    HQ's reason, and the operator's refusals of the last REFUSALS_DAYS (rejected, failed,
    declined, expired), for staff to follow up: reference, service, the number masked (by
    then it is only kept masked), status and reason. Read-only."""
    from kiosk.flow.subscribe import reference
    from kiosk.services.orders import ANSWERED, PENDING, QUARANTINED, STATES

    empty = {
        "by_state": dict.fromkeys(STATES, 0),
        "oldest_pending_at": None,
        "quarantined": [],
        "refused": [],
    }
    path = settings.ledger_path
    if not path.exists():
        return empty
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'orders'").fetchone():
                return empty  # a ledger from before orders
            rows = conn.execute("SELECT state, count(*) FROM orders GROUP BY state").fetchall()
            oldest = conn.execute("SELECT min(created_at) FROM orders WHERE state = ?", (PENDING,)).fetchone()
            held = conn.execute(
                "SELECT id, service, created_at, problem FROM orders WHERE state = ? "
                "ORDER BY updated_at DESC LIMIT ?",
                (QUARANTINED, QUARANTINE_LISTED),
            ).fetchall()
            since = (datetime.now(UTC) - timedelta(days=REFUSALS_DAYS)).isoformat()
            refused = conn.execute(
                "SELECT id, service, phone, hq_status, reason, updated_at FROM orders "
                "WHERE state = ? AND hq_status IN ('rejected', 'failed', 'declined', 'expired') "
                "AND updated_at >= ? ORDER BY updated_at DESC LIMIT 20",
                (ANSWERED, since),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as e:
        return empty | {"problem": f"the orders cannot be read: {e}"}
    return {
        "by_state": empty["by_state"] | dict(rows),
        "oldest_pending_at": oldest[0],
        "quarantined": [dict(zip(("id", "service", "created_at", "problem"), r, strict=True)) for r in held],
        "refused": [
            {
                "reference": reference(r[0]),
                "service": r[1],
                "phone": masked(r[2]),  # masked since HQ acknowledged it; masking again changes nothing
                "status": r[3],
                "reason": r[4] or "",
                "at": r[5],
            }
            for r in refused
        ],
    }


def lead_states(settings: Settings) -> dict[str, Any]:
    """Register entries by state and the quarantined with HQ's reason (no numbers).
    Read-only."""
    from kiosk.services.leads import QUARANTINED, STATES

    empty: dict[str, Any] = {"by_state": dict.fromkeys(STATES, 0), "quarantined": []}
    path = settings.ledger_path
    if not path.exists():
        return empty
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'leads'").fetchone():
                return empty  # a ledger from before the register
            rows = conn.execute("SELECT state, count(*) FROM leads GROUP BY state").fetchall()
            held = conn.execute(
                "SELECT id, service, created_at, problem FROM leads WHERE state = ? "
                "ORDER BY updated_at DESC LIMIT ?",
                (QUARANTINED, QUARANTINE_LISTED),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as e:
        return empty | {"problem": f"the register cannot be read: {e}"}
    return {
        "by_state": empty["by_state"] | dict(rows),
        "quarantined": [dict(zip(("id", "service", "created_at", "problem"), r, strict=True)) for r in held],
    }


# -- rollback ----------------------------------------------------------------------------------
def rollback_command(args: argparse.Namespace) -> int:
    settings = _settings(args)
    sets = PackSets(settings.data_dir / "content")
    before = sets.current()
    from kiosk.sync.packsets import PackSetError

    try:
        pointer = sets.rollback()
    except PackSetError as e:
        raise SyncError(str(e)) from None
    now = sets.current()
    with _ledger(settings) as ledger:
        if ledger is not None:
            ledger.record(
                "pack_rollback",
                {"from": before.name if before else None, "to": pointer.current, "packs": _names(now)},
            )
    packs = ", ".join(_names(now))
    print(f"rolled back to pack set {pointer.current} ({packs}); HQ hears of it at the next sync")
    return ExitCode.OK


def _names(made: PackSet | None) -> list[str]:
    return [f"{p.id}@{p.version}" for p in made.packs] if made else []


# -- quarantine --------------------------------------------------------------------------------
def quarantine_command(args: argparse.Namespace) -> int:
    """What HQ refused as invalid and the kiosk keeps aside: events, register entries and
    customers' orders, each with HQ's reason (never a number). With `--release`, the events
    and the register entries go back to be sent at the next round; orders never do."""
    settings = _settings(args)
    released = release_quarantined(settings) if args.release else None
    held = quarantined_records(settings)
    if args.json:
        print(json.dumps(held | {"released": released}, ensure_ascii=False, indent=1))
        return ExitCode.OK
    if released is not None:
        print(
            f"released {released['events']} event(s) and {released['register']} register entr(y/ies): "
            "sent at the next round (`kiosk sync --once` sends them now)"
        )
    events, register, orders = held["events"], held["register"], held["orders"]
    if not (events["count"] or register["count"] or orders["count"]):
        print(
            "nothing else is kept aside"
            if released is not None
            else "nothing is kept aside: HQ has taken everything it was sent"
        )
        return ExitCode.OK
    print("kept aside, as HQ would not take them as they were:")
    print(f"  events: {events['count']}")
    for e in events["latest"]:
        print(f"    {e['kind']} at {e['at']}: {e['reason']}")
    print(f"  register entries: {register['count']}")
    for q in register["latest"]:
        print(f"    entry {q['id']} ({q['service']}, kept {q['created_at']}): {q['problem']}")
    if register["count"] and released is not None:
        print(
            "    (their 30 days are over: the number is masked and cannot be called; "
            "they stay for staff to follow up)"
        )
    print(f"  customer orders: {orders['count']}")
    for q in orders["latest"]:
        print(f"    order {q['id']} ({q['service']}, kept {q['created_at']}): {q['problem']}")
    if orders["count"]:
        print(
            "    (never resent from the kiosk: the customer was asked to go to the service counter, "
            "and staff settle the order with HQ)"
        )
    if released is None and (events["count"] or register["count"]):
        print(
            "once HQ or this kiosk is fixed, `kiosk quarantine --release` sends the events and the "
            "register entries again"
        )
    return ExitCode.OK


def quarantined_records(settings: Settings) -> dict[str, Any]:
    """The events, register entries and orders HQ refused: how many of each, and the latest
    QUARANTINE_LISTED with HQ's reason (no numbers). Read-only."""
    events: dict[str, Any] = {"count": 0, "latest": []}
    path = settings.ledger_path
    if path.exists():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'quarantine'").fetchone():
                    events["count"] = conn.execute("SELECT count(*) FROM quarantine").fetchone()[0]
                    rows = conn.execute(
                        "SELECT kind, at, reason FROM quarantine ORDER BY quarantined_at DESC LIMIT ?",
                        (QUARANTINE_LISTED,),
                    ).fetchall()
                    events["latest"] = [dict(zip(("kind", "at", "reason"), r, strict=True)) for r in rows]
            finally:
                conn.close()
        except sqlite3.Error as e:
            raise SyncError(f"the event ledger {path} cannot be read: {e}") from None
    orders, leads = order_states(settings), lead_states(settings)
    for part in (orders, leads):
        if part.get("problem"):
            raise SyncError(part["problem"])
    return {
        "events": events,
        "register": {"count": leads["by_state"]["quarantined"], "latest": leads["quarantined"]},
        "orders": {"count": orders["by_state"]["quarantined"], "latest": orders["quarantined"]},
    }


def release_quarantined(settings: Settings) -> dict[str, int]:
    """The quarantined events and register entries (whose number is still whole) put back to
    be sent at the next round, and the release recorded; how many of each."""
    from kiosk.services.leads import LocalLeads
    from kiosk.sync.outbox import Outbox

    path = settings.ledger_path
    if not path.exists():
        return {"events": 0, "register": 0, "register_kept": 0}
    outbox = Outbox(path)  # SyncError, with the reason, if the file cannot be opened
    try:
        events = outbox.release_quarantine()
    except sqlite3.Error as e:
        raise SyncError(f"the event ledger {path} cannot be changed: {e}; nothing was released") from None
    finally:
        outbox.close()
    book = LocalLeads(path)
    try:
        register, kept = book.release_quarantined(time.time())
    except (sqlite3.Error, OSError) as e:
        raise SyncError(f"the register in {path} cannot be changed: {e}; the events were released") from None
    finally:
        book.close()
    released = {"events": events, "register": register, "register_kept": kept}
    with _ledger(settings) as ledger:
        if ledger is not None:
            ledger.record("quarantine_release", released)
    return released


# -- admin-pin ---------------------------------------------------------------------------------
def admin_pin_command(args: argparse.Namespace) -> int:
    """The new PIN, typed twice at a terminal (not shown), or one line on stdin (scripts)."""
    settings = _settings(args)
    pin = _ask_pin() if sys.stdin.isatty() else sys.stdin.readline().strip()
    _save_pin(settings, pin)
    return ExitCode.OK


def _ask_pin() -> str:
    import getpass

    pin = getpass.getpass("new maintenance PIN (6 to 12 digits): ")
    if getpass.getpass("the same PIN again: ") != pin:
        raise UsageError("the two PINs differ; nothing changed")
    return pin


def _save_pin(settings: Settings, pin: str) -> None:
    from kiosk.flow.pin import PinError, keep
    from kiosk.sync.admin import PinFile

    try:
        kept = keep(pin)
    except PinError as e:
        raise UsageError(f"{e}; nothing changed") from None
    PinFile(settings.data_dir).save(kept)
    with _ledger(settings) as ledger:
        if ledger is not None:
            ledger.record("admin_pin_set", {})
    print(f"maintenance PIN set (kept hashed in {PinFile(settings.data_dir).path}, mode 0600)")


# -- doctor ------------------------------------------------------------------------------------
@dataclass
class Check:
    name: str
    ok: bool
    reason: str


def doctor_command(args: argparse.Namespace) -> int:
    settings = _settings(args)
    checks = run_checks(settings)
    if args.json:
        print(json.dumps([c.__dict__ for c in checks], ensure_ascii=False, indent=1))
    else:
        for c in checks:
            print(f"{'ok     ' if c.ok else 'PROBLEM'}  {c.name}: {c.reason}")
        bad = sum(not c.ok for c in checks)
        print(f"{len(checks) - bad} of {len(checks)} checks ok" + (f", {bad} problem(s)" if bad else ""))
    return ExitCode.OK if all(c.ok for c in checks) else ExitCode.PROBLEMS


def run_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    sets = PackSets(settings.data_dir / "content")
    try:
        identity = load_identity(settings.data_dir)
    except SyncError as e:
        identity = None
        checks.append(Check("enrolment", False, str(e)))
    else:
        if identity is None:
            checks.append(Check("enrolment", False, "not enrolled at HQ; showing the bundled sample"))
        else:
            checks.append(Check("enrolment", True, f"{identity.device_id}, store {identity.store}"))
    try:
        current = sets.current()
    except PackSetError as e:
        current = None
        checks.append(Check("installed files", False, str(e)))
    else:
        if current is None:
            checks.append(Check("installed files", identity is None, "no pack set installed"))
        else:
            problems = sets.verify(current.name, sha256_of)
            files = sum(len(p.files) for p in current.packs)
            fine = f"{files} files match what HQ signed ({_size(current.length)})"
            checks.append(Check("installed files", not problems, "; ".join(problems[:5]) or fine))
    unwritable = write_problem(settings.data_dir)
    checks.append(
        Check("data folder", unwritable is None, unwritable or f"{settings.data_dir} can be written")
    )
    checks.append(_ledger_check(settings))
    if identity is not None:
        reachable, reason, skew = probe(identity.hq_url)
        checks.append(Check("HQ", reachable, "reachable" if reachable else f"not reachable ({reason})"))
        if skew is None:
            checks.append(Check("clock", False, "skew to HQ unknown (no answer)"))
        else:
            checks.append(
                Check(
                    "clock",
                    abs(skew) <= SKEW_LIMIT_S,
                    f"{skew:+.1f} s from HQ (allowed ±{SKEW_LIMIT_S:.0f} s)",
                )
            )
    folder = sets.folder(current.name) if current else BUNDLED_CONTENT
    checks.extend(_decoding_checks(folder))
    checks.append(_fonts_check())
    disk = shutil.disk_usage(_existing(settings.data_dir))
    checks.append(
        Check("disk", disk.free >= DISK_MARGIN_BYTES, f"{_size(disk.free)} free of {_size(disk.total)}")
    )
    return checks


def _ledger_check(settings: Settings) -> Check:
    from kiosk.services import localdb

    path = settings.ledger_path
    if not path.exists():
        return Check("ledger", True, "no events recorded yet")
    found = localdb.problems(path)
    if found:
        return Check("ledger", False, "; ".join(found[:3]))
    return Check("ledger", True, f"{path.name}: integrity ok, schema version {localdb.SCHEMA_VERSION}")


def _decoding_checks(folder: Path) -> list[Check]:
    from kiosk.packs.media import AUDIO_SUFFIXES, VIDEO_SUFFIXES, check_audio, check_video

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    checks = []
    video = next((p for p in files if p.suffix.lower() in VIDEO_SUFFIXES), None)
    if video is None:
        checks.append(Check("video decoding", True, "no video in the content shown"))
    else:
        why = check_video(video).reason
        checks.append(Check("video decoding", why is None, why or f"{video.relative_to(folder)} decodes"))
    audio = next((p for p in files if p.suffix.lower() in AUDIO_SUFFIXES), None)
    if audio is None:
        checks.append(Check("audio decoding", True, "no audio in the content shown"))
    else:
        why = check_audio(audio)
        checks.append(Check("audio decoding", why is None, why or f"{audio.relative_to(folder)} decodes"))
    return checks


def _fonts_check() -> Check:
    """The fonts `kiosk pack validate` assumes (its table of drawable characters) are here."""
    from kiosk.packs.glyphs import COVERAGE, fonts_not_installed

    problems = fonts_not_installed()
    if problems:
        return Check("fonts", False, "; ".join(problems))
    families = dict.fromkeys(f["family"] for f in json.loads(COVERAGE.read_text(encoding="utf-8"))["fonts"])
    return Check("fonts", True, f"installed: {', '.join(families)}")


# -- shared ------------------------------------------------------------------------------------
@contextmanager
def _ledger(settings: Settings) -> Iterator[Any]:
    """The kiosk's ledger for the length of a command (None when it cannot be opened: the
    command still runs, and says so)."""
    from kiosk.services.ledger import Ledger

    try:
        ledger = Ledger(settings.ledger_path)
    except (OSError, sqlite3.Error) as e:
        print(f"note: the event ledger cannot be opened ({e}); this action is not recorded", file=sys.stderr)
        yield None
        return
    try:
        yield ledger
    finally:
        ledger.flush()
        ledger.close()


def _system_uptime() -> float:
    try:
        return float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0


def _by_kind(by_kind: dict[str, int]) -> str:
    if not by_kind:
        return ""
    return " (" + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1])[:8]) + ")"


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return f"{n}"
