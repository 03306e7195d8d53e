"""HQ as the kiosk's sync tests meet it: `kiosk-hq serve`'s application on loopback with a
published repository, and what the tests ask of it (codes, what it holds)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from kiosk.config import BUNDLED_CONTENT
from kiosk.hq import repository, schema
from kiosk.hq.api import create_app
from kiosk.hq.config import HqConfig
from kiosk.hq.db import Database
from kiosk.hq.enrolment import issue_code
from kiosk.hq.ordering import LocalOrdering, OrderingSystem
from kiosk.hq.server import wire
from kiosk.hq.sms import FileSms
from kiosk.sync.content import ContentSync
from kiosk.sync.enrol import enrol
from kiosk.sync.fetcher import Fetcher
from kiosk.sync.identity import Identity
from tests.hq.apikit import running, sent_messages


@dataclass
class Hq:
    url: str
    db: Database
    repo: Path
    #: The development SMS outbox (codes texted to customers), and HQ's wiring.
    sms: FileSms | None = None
    clock: Callable[[], datetime] | None = None
    #: The SMS gateway's credential for /v1/sms/inbound (`kiosk-hq sms reply` reads it from
    #: KIOSK_HQ_SMS_INBOUND_TOKEN).
    inbound_token: str | None = None

    def last_code(self) -> str:
        """The code in the last text HQ sent."""
        assert self.sms is not None
        text = sent_messages(self.sms)[-1]["text"]
        return text.split("验证码是 ")[1][:6]

    def texts(self) -> list[dict[str, str]]:
        assert self.sms is not None
        return sent_messages(self.sms)

    def orders(self) -> dict[str, str]:
        """The orders HQ holds: id -> status."""
        with self.db._engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(sa.select(schema.orders.c.id, schema.orders.c.status))}

    def code(self, store: str = "GD-SZ-0001", city: str = "GD-SZ", province: str = "GD") -> str:
        return issue_code(
            self.db,
            store=store,
            city=city,
            province=province,
            now=datetime.now(UTC),
            valid_for=timedelta(days=7),
        )

    def event_ids(self) -> list[str]:
        with self.db._engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(schema.events.c.id))]

    def event_kinds(self) -> list[str]:
        with self.db._engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(schema.events.c.kind))]


INBOUND_TOKEN = "test-gateway-token-" + "x" * 32


class MovingClock:
    """HQ's clock: the real time, plus what a test moved it on by."""

    def __init__(self) -> None:
        self.ahead = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.ahead

    def advance(self, **kw: float) -> None:
        self.ahead += timedelta(**kw)


@contextmanager
def serving(
    db: Database,
    repo: Path,
    home: Path,
    *,
    ordering: OrderingSystem | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Iterator[Hq]:
    config = HqConfig()
    sms = FileSms(home / "sms.jsonl")
    clock = clock or MovingClock()
    hq = wire(
        db,
        sms=sms,
        ordering=ordering or LocalOrdering(),
        config=config,
        public=repo / "public",
        clock=clock,
        inbound_token=INBOUND_TOKEN,
    )
    with running(create_app(hq), config.http) as url:
        yield Hq(url, db, repo, sms=sms, clock=clock, inbound_token=INBOUND_TOKEN)


def enrolled(hq: Hq, data: Path) -> Identity:
    """A kiosk enrolled at `hq` with its data in `data`."""
    return enrol(data, hq.url, hq.code())


def content_sync(data: Path, identity: Identity, **kw: object) -> ContentSync:
    return ContentSync(
        data,
        identity.hq_url,
        identity.store_identity,
        identity.scopes,
        "Asia/Shanghai",
        Fetcher(),
        **kw,  # type: ignore[arg-type]
    )


def content_sync_via(url: str, data: Path, identity: Identity) -> ContentSync:
    """A content sync of `identity`'s kiosk that reaches HQ at `url` (a proxy)."""
    return ContentSync(data, url, identity.store_identity, identity.scopes, "Asia/Shanghai", Fetcher())


def republish_store_pack(hq: Hq, tmp: Path, change: dict[str, bytes], version: int = 2) -> None:
    """The sample store pack published again as `version`, with the files in `change`
    (pack-relative path -> new content) replaced."""
    pack = tmp / f"store-pack-v{version}"
    shutil.copytree(BUNDLED_CONTENT / "store-gd-sz-0001", pack)
    manifest = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    manifest["version"] = version
    (pack / "pack.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    for path, data in change.items():
        (pack / path).write_bytes(data)
    national, province = BUNDLED_CONTENT / "national", BUNDLED_CONTENT / "province-gd"
    repository.publish(hq.repo, pack, "store:GD-SZ-0001", bases=[national, province], check_media=False)
