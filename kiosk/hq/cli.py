"""The `kiosk-hq` command: HQ's terminal for publishing, serving and managing kiosks.

    kiosk-hq init REPO                          a new signed repository (keys apart from what is served)
    kiosk-hq publish PACKDIR --repo REPO --scope national|province:ID|city:ID|store:ID
    kiosk-hq refresh --repo REPO                re-sign the timestamp (run daily)
    kiosk-hq serve [--repo REPO]                the sync endpoint and the kiosk API
    kiosk-hq enroll --store ID --city ID --province ID   a one-time enrolment code
    kiosk-hq devices [--store ID]               enrolled devices
    kiosk-hq revoke DEVICE                      shut a device out
    kiosk-hq purge                              forget customers' numbers past their retention (cron)
    kiosk-hq test-number add|list|remove        numbers with a fixed code whose orders are never forwarded
    kiosk-hq sms reply PHONE TEXT               play the SMS gateway: hand HQ a customer's reply (development)
    kiosk-hq funnel [--since DATE] [--store ID] sessions reaching each step of subscribing, and the orders
    kiosk-hq leads --store ID [--since DATE] [--full]   the store's register of interested customers
    kiosk-hq staff add|disable|reset-pin|list|publish   stores' staff; each change re-publishes the roster

The database is `--db URL` (or KIOSK_HQ_DB): SQLite by default, in HQ's data folder
(KIOSK_HQ_DATA_DIR or the per-user data folder, made private to HQ's user), or
`postgresql+psycopg://...`. HQ's limits come from `--config FILE`, else `hq.toml` in the
data folder if there is one (kiosk.hq.config). Every failure a person can cause is an
`HqError` (or an OSError); kiosk.commands runs each subcommand, as it does `kiosk`'s, and
`PROGRAM` is the one table of which error ends in which exit code.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.commands import ExitCode, Program, run
from kiosk.datadir import default_data_dir
from kiosk.hq import repository_cmd, staff_cmd
from kiosk.hq.errors import HqError
from kiosk.hq.repository import InvalidPackError

if TYPE_CHECKING:
    from kiosk.hq.config import HqConfig
    from kiosk.hq.db import Database

log = logging.getLogger("kiosk.hq")


def data_dir() -> Path:
    return default_data_dir("kiosk-hq", "KIOSK_HQ_DATA_DIR")


def default_db() -> str:
    return os.environ.get("KIOSK_HQ_DB") or f"sqlite:///{data_dir() / 'hq.sqlite3'}"


def default_sms() -> str:
    return f"file:{data_dir() / 'sms-outbox.jsonl'}"


def _own_data_dir() -> None:
    """HQ's data folder holds customers' numbers: private to HQ's user."""
    from kiosk.hq.private import private_dir

    try:
        private_dir(data_dir(), own=True)
    except OSError as e:
        raise CommandError(f"cannot make HQ's data folder {data_dir()}: {e.strerror}") from e


def _config(path: Path | None) -> HqConfig:
    from kiosk.hq.config import HqConfig, load_config

    if path is None:
        default = data_dir() / "hq.toml"
        if not default.exists():
            return HqConfig()
        path = default
    return load_config(path)


#: What the `hq` extra installs: a store machine has the kiosk without them.
_SERVER_STACK = frozenset({"fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "orjson"})


class CommandError(HqError):
    """A command that cannot be done as asked; the message says why."""


def _server_stack_missing(error: Exception) -> HqError | None:
    if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] in _SERVER_STACK:
        return CommandError("this command needs HQ's server stack: pip install 'kiosk[hq]'")
    return None


def _quiet_alembic() -> None:
    # Alembic narrates every plugin and step at INFO; an operator needs only its warnings.
    logging.getLogger("alembic").setLevel(logging.WARNING)


#: Which errors end a command with which exit code; the codes are the same as `kiosk`'s:
#: 1 when a pack was checked and found wrong, 2 when the command cannot do what was asked.
PROGRAM = Program(
    "kiosk-hq",
    exit_codes=(
        (InvalidPackError, ExitCode.PROBLEMS),
        (HqError, ExitCode.REFUSED),
        (OSError, ExitCode.REFUSED),
    ),
    prepare=_quiet_alembic,
    translate=_server_stack_missing,
)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-hq", description="HQ side of the experience-zone kiosks.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    repository_cmd.register(sub)

    serve = sub.add_parser("serve", help="run the sync endpoint and the kiosk API")
    _db_option(serve)
    serve.add_argument("--repo", type=Path, help="the repository to serve at /tuf (from `kiosk-hq init`)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8700, help="port (default 8700)")
    serve.add_argument(
        "--ordering",
        default="local",
        help="the operator's ordering system: 'local' (accepts orders, for demos) or 'webhook:URL' "
        "(secret in KIOSK_HQ_ORDERING_SECRET)",
    )
    serve.add_argument(
        "--sms",
        help="SMS gateway: 'file:PATH' (writes messages to a file; default: sms-outbox.jsonl in HQ's "
        "data folder) or 'http:URL' (token in KIOSK_HQ_SMS_TOKEN)",
    )
    _config_option(serve)
    serve.set_defaults(func=_serve)

    purge = sub.add_parser(
        "purge",
        help="forget customers' numbers past their retention (serve does it hourly; this is for cron)",
    )
    _db_option(purge)
    purge.add_argument(
        "--sms", help="the SMS outbox to prune, 'file:PATH' (default: sms-outbox.jsonl in HQ's data folder)"
    )
    _config_option(purge)
    purge.set_defaults(func=_purge)

    enroll = sub.add_parser("enroll", help="issue a one-time enrolment code for a store's kiosk")
    _db_option(enroll)
    enroll.add_argument("--store", required=True, help="store id, e.g. GD-SZ-0001")
    enroll.add_argument("--city", required=True, help="city id, e.g. GD-SZ")
    enroll.add_argument("--province", required=True, help="province id, e.g. GD")
    enroll.add_argument("--valid-days", type=int, default=7, help="days the code stays usable (default 7)")
    enroll.set_defaults(func=_enroll)

    devices = sub.add_parser("devices", help="list enrolled devices")
    _db_option(devices)
    devices.add_argument("--store", help="only this store's")
    devices.set_defaults(func=_devices)

    revoke = sub.add_parser("revoke", help="revoke a device: its credential stops working at once")
    _db_option(revoke)
    revoke.add_argument("device", help="the device id (see `kiosk-hq devices`)")
    revoke.set_defaults(func=_revoke)

    _test_number_commands(sub)
    staff_cmd.register(sub)

    sms = sub.add_parser("sms", help="the SMS gateway's side, for development")
    sms_sub = sms.add_subparsers(dest="action", metavar="ACTION", required=True)
    reply = sms_sub.add_parser(
        "reply",
        help="hand the running HQ a customer's SMS reply, as the gateway would (Y confirms, N declines)",
    )
    reply.add_argument("phone", metavar="PHONE", help="the number the reply comes from")
    reply.add_argument("text", metavar="TEXT", help="what the customer replied, e.g. Y")
    reply.add_argument(
        "--hq", default="http://127.0.0.1:8700", help="HQ's address (default http://127.0.0.1:8700)"
    )
    reply.add_argument(
        "--data-dir",
        type=Path,
        help="HQ's data folder, where `serve` keeps the gateway's token (default: KIOSK_HQ_DATA_DIR or the "
        "per-user data folder); KIOSK_HQ_SMS_INBOUND_TOKEN, if set, is used instead",
    )
    reply.set_defaults(func=_sms_reply)

    report = sub.add_parser("funnel", help="sessions reaching each step of subscribing, and the orders")
    _db_option(report)
    report.add_argument(
        "--since",
        help="from this date (YYYY-MM-DD, from midnight in the stores' time, UTC+8) or time (RFC 3339)",
    )
    report.add_argument("--store", help="only this store's")
    report.add_argument("--json", action="store_true", help="as JSON")
    report.set_defaults(func=_funnel)

    leads = sub.add_parser("leads", help="a store's register of interested customers, to call back")
    _db_option(leads)
    leads.add_argument("--store", required=True, help="the store's id")
    leads.add_argument(
        "--since",
        help="from this date (YYYY-MM-DD, from midnight in the stores' time, UTC+8) or time (RFC 3339)",
    )
    leads.add_argument(
        "--full",
        action="store_true",
        help="show the full numbers, to make the calls (logged as AUDIT; numbers past their 30 days "
        "are masked whatever this says)",
    )
    leads.add_argument("--json", action="store_true", help="as JSON")
    leads.set_defaults(func=_leads)
    return p


def _test_number_commands(sub: argparse._SubParsersAction) -> None:
    numbers = sub.add_parser(
        "test-number",
        help="numbers for dial tests and training: a fixed code, no SMS, orders never forwarded",
    )
    actions = numbers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="make a number a test number (or change its code)")
    _db_option(add)
    add.add_argument("phone", metavar="PHONE")
    add.add_argument("--code", required=True, help="its fixed confirmation code, six digits")
    add.add_argument("--note", help="what it is for, e.g. whose it is")
    add.set_defaults(func=_test_number_add)
    listing = actions.add_parser("list", help="the test numbers")
    _db_option(listing)
    listing.set_defaults(func=_test_number_list)
    remove = actions.add_parser("remove", help="make a test number an ordinary number again")
    _db_option(remove)
    remove.add_argument("phone", metavar="PHONE")
    remove.set_defaults(func=_test_number_remove)


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database URL (default: KIOSK_HQ_DB, else SQLite in HQ's data folder)")


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", type=Path, help="HQ's limits, a TOML file (default: hq.toml in HQ's data folder, if any)"
    )


def main(argv: list[str] | None = None) -> int:
    return run(PROGRAM, build_parser().parse_args, argv)


@contextmanager
def _open_db(url: str | None) -> Iterator[Database]:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.hq.db import Database, DatabaseError

    if url is None and not os.environ.get("KIOSK_HQ_DB"):
        _own_data_dir()
    url = url or default_db()
    try:
        db = Database(url)
        db.migrate()
    except SQLAlchemyError as e:
        reason = str(getattr(e, "orig", None) or e).splitlines()[0]
        raise CommandError(f"cannot open the database {_safe(url)}: {reason}") from e
    except DatabaseError as e:
        raise CommandError(f"cannot open the database: {e}") from e
    except ValueError as e:
        raise CommandError(f"cannot open the database {_safe(url)}: {e}") from e
    try:
        yield db
    finally:
        db.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the given URL)"


def _enroll(args: argparse.Namespace) -> int:
    from kiosk.hq.enrolment import issue_code

    if not 1 <= args.valid_days <= 90:
        raise CommandError("--valid-days must be between 1 and 90")
    for name in ("store", "city", "province"):
        if not getattr(args, name).strip():
            raise CommandError(f"--{name} must not be empty")
    now = datetime.now(UTC)
    valid = timedelta(days=args.valid_days)
    with _open_db(args.db) as db:
        code = issue_code(
            db, store=args.store, city=args.city, province=args.province, now=now, valid_for=valid
        )
    print(f"enrolment code for store {args.store} ({args.city}, {args.province}): {code}")
    print(f"valid until {(now + valid):%Y-%m-%d %H:%M} UTC, for one kiosk, once")
    return 0


def _devices(args: argparse.Namespace) -> int:
    with _open_db(args.db) as db:
        devices = db.devices(args.store)
    if not devices:
        print("no devices" + (f" for store {args.store}" if args.store else ""))
        return 0
    for d in devices:
        state = f"revoked {d.revoked_at:%Y-%m-%d %H:%M}" if d.revoked_at else "active"
        where = f"store {d.store} ({d.city}, {d.province})"
        print(f"{d.id}  {where}  enrolled {d.enrolled_at:%Y-%m-%d %H:%M}  {state}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with _open_db(args.db) as db:
        if not db.revoke_device(args.device, now=datetime.now(UTC)):
            known = {d.id: d for d in db.devices()}
            if args.device in known:
                raise CommandError(f"device {args.device} was already revoked")
            raise CommandError(f"no device {args.device}; `kiosk-hq devices` lists them")
    print(f"revoked {args.device}: its credential no longer works")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kiosk.hq.server import ServeSettings, build_hq, listening_socket, serve
    from kiosk.hq.sms import INBOUND_TOKEN_ENV, INBOUND_TOKEN_FILE, inbound_token

    if not os.environ.get(INBOUND_TOKEN_ENV, "").strip():
        _own_data_dir()  # the gateway's inbound token is kept there
        log.info("the SMS gateway's inbound token is in %s", data_dir() / INBOUND_TOKEN_FILE)

    settings = ServeSettings(
        db_url=args.db or default_db(),
        repo=args.repo,
        host=args.host,
        port=args.port,
        ordering=args.ordering,
        ordering_secret=os.environ.get("KIOSK_HQ_ORDERING_SECRET", ""),
        sms=args.sms or default_sms(),
        sms_token=os.environ.get("KIOSK_HQ_SMS_TOKEN", ""),
        sms_inbound_token=inbound_token(data_dir()),
        config=_config(args.config),
    )
    if args.sms is None:
        _own_data_dir()  # the SMS outbox goes there
    with _open_db(args.db) as db:
        hq = build_hq(settings, db)
        sock = listening_socket(settings.host, settings.port)
        refresh = repository_cmd.refresher(settings.repo) if settings.repo is not None else None
        log.info(
            "serving on http://%s:%d (database %s, repository %s)",
            settings.host,
            sock.getsockname()[1],
            _safe(settings.db_url),
            settings.repo or "none",
        )
        serve(hq, sock, refresh)
    return 0


def _purge(args: argparse.Namespace) -> int:
    from kiosk.hq.retention import purge
    from kiosk.hq.server import sms_gateway

    config = _config(args.config)
    if args.sms is None:
        _own_data_dir()
    spec = args.sms or default_sms()
    if not spec.startswith("file:"):
        raise CommandError(f"--sms '{spec}': only a file outbox ('file:PATH') has lines to prune")
    sms = sms_gateway(spec, "")
    with _open_db(args.db) as db:
        try:
            report = purge(db, sms, config.retention, now=datetime.now(UTC), orders=config.orders)
        except OSError as e:
            raise CommandError(f"cannot prune the SMS outbox: {e.strerror}") from e
    print(f"purged: {report}")
    return 0


def _phone(text: str) -> str:
    from kiosk.domain.phone import PhoneError, normalize_mobile

    try:
        return normalize_mobile(text)
    except PhoneError as e:
        raise CommandError(str(e)) from e


def _test_number_add(args: argparse.Namespace) -> int:
    import re

    from kiosk.hq.db import TestNumber

    phone = _phone(args.phone)
    if not re.fullmatch(r"[0-9]{6}", args.code):
        raise CommandError(f"--code '{args.code}': a confirmation code is six digits")
    note = (args.note or "").strip() or None
    with _open_db(args.db) as db:
        new = db.put_test_number(TestNumber(phone, args.code, note, datetime.now(UTC)))
    said = "is now a test number" if new else "was a test number already; its code and note are changed"
    print(f"{phone} {said}: code {args.code}, no SMS, its orders are accepted by HQ and never forwarded")
    return 0


def _test_number_list(args: argparse.Namespace) -> int:
    with _open_db(args.db) as db:
        numbers = db.test_numbers()
    if not numbers:
        print("no test numbers")
    for number in numbers:
        note = f"  {number.note}" if number.note else ""
        print(f"{number.phone}  code {number.code}  added {number.created_at:%Y-%m-%d %H:%M} UTC{note}")
    return 0


def _test_number_remove(args: argparse.Namespace) -> int:
    phone = _phone(args.phone)
    with _open_db(args.db) as db:
        if not db.remove_test_number(phone):
            raise CommandError(f"{phone} is not a test number; `kiosk-hq test-number list` lists them")
    print(f"{phone} is an ordinary number again")
    return 0


def _sms_reply(args: argparse.Namespace) -> int:
    import uuid

    import requests

    from kiosk.domain.phone import masked
    from kiosk.hq.sms import INBOUND_TOKEN_ENV, read_inbound_token

    folder = args.data_dir or data_dir()
    token = read_inbound_token(folder)
    if token is None:
        raise CommandError(
            f"no SMS gateway token: set {INBOUND_TOKEN_ENV}, or start `kiosk-hq serve` once (it keeps one in "
            f"{folder})"
        )
    phone = _phone(args.phone)
    url = args.hq.rstrip("/") + "/v1/sms/inbound"
    message = {
        "id": f"dev-{uuid.uuid4()}",
        "from": phone,
        "text": args.text,
        "received_at": datetime.now(UTC).isoformat(),
    }
    try:
        answer = requests.post(url, json=message, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    except requests.RequestException as e:
        raise CommandError(
            f"HQ at {args.hq} did not answer ({type(e).__name__}); is `kiosk-hq serve` running?"
        ) from e
    if answer.status_code == 401:
        source = INBOUND_TOKEN_ENV if os.environ.get(INBOUND_TOKEN_ENV, "").strip() else f"{folder}"
        raise CommandError(
            f"HQ at {args.hq} refused the gateway's token: the one from {source} is not the one "
            "the server uses"
        )
    try:
        said = answer.json()
    except ValueError:
        said = {}
    if answer.status_code != 200 or not isinstance(said, dict) or "action" not in said:
        error = said.get("error") if isinstance(said, dict) else None
        raise CommandError(
            f"HQ at {args.hq} refused the message (HTTP {answer.status_code}): {error or answer.text[:200]}"
        )
    if said["action"] == "none":
        print(
            f"nothing happened: no order from {masked(phone)} is awaiting a reply within its window, "
            f"or '{args.text}' is neither Y nor N"
        )
    else:
        print(f"order {said['order']} {said['action']} by the reply from {masked(phone)}")
    return 0


def _funnel(args: argparse.Namespace) -> int:
    import json

    from kiosk.hq.funnel import as_json, funnel, table

    since = _since(args.since) if args.since else None
    with _open_db(args.db) as db:
        report = funnel(db, since=since, store=args.store)
    print(json.dumps(as_json(report), ensure_ascii=False, indent=2) if args.json else table(report))
    return 0


def _leads(args: argparse.Namespace) -> int:
    import json

    from kiosk.hq.audit import log as audit_log
    from kiosk.hq.audit import shown
    from kiosk.hq.leads import listing

    since = _since(args.since) if args.since else None
    with _open_db(args.db) as db:
        rows = listing(db.store_leads(args.store, since=since), full=args.full)
    if args.full:
        # Customers' whole numbers leave HQ's database here: who asked is on record.
        who = os.environ.get("USER") or os.environ.get("LOGNAME") or "?"
        audit_log.warning(
            "AUDIT full numbers listed: store=%s entries=%d by=%s", shown(args.store), len(rows), shown(who)
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"no register entries for store {args.store}" + (f" since {args.since}" if since else ""))
        return 0
    print(f"{'made (UTC+8)':<17} {'call':<22} {'number':<12} {'staff':<10} service")
    for row in rows:
        made = datetime.fromisoformat(row["created_at"]).astimezone(_STORE_TIME).strftime("%Y-%m-%d %H:%M")
        call = f"{row['call_day']} {row['call_part']}"
        print(f"{made:<17} {call:<22} {row['phone']:<12} {row['staff'] or '-':<10} {row['service_name']}")
    hint = "" if args.full else "; --full for the numbers"
    print(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'}{hint}")
    return 0


#: The stores' time: a date given to --since starts at its midnight there.
_STORE_TIME = timezone(timedelta(hours=8))


def _since(text: str) -> datetime:
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).replace(tzinfo=_STORE_TIME)
        at = datetime.fromisoformat(text)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise CommandError(
            f"--since '{text}': give a date (2026-11-23) or a time with its offset (2026-11-23T10:00+08:00)"
        )
    return at


if __name__ == "__main__":
    sys.exit(main())
