"""HQ as the kiosk's sync tests meet it: `kiosk-hq serve`'s application on loopback with a
published repository, and what the tests ask of it (codes, what it holds)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
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
from kiosk.hq.ordering import LocalOrdering
from kiosk.hq.server import wire
from kiosk.hq.sms import FileSms
from kiosk.sync.content import ContentSync
from kiosk.sync.enrol import enrol
from kiosk.sync.fetcher import Fetcher
from kiosk.sync.identity import Identity
from tests.hq.apikit import running


@dataclass
class Hq:
    url: str
    db: Database
    repo: Path

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


@contextmanager
def serving(db: Database, repo: Path, home: Path) -> Iterator[Hq]:
    config = HqConfig()
    hq = wire(
        db, sms=FileSms(home / "sms.jsonl"), ordering=LocalOrdering(), config=config, public=repo / "public"
    )
    with running(create_app(hq), config.http) as url:
        yield Hq(url, db, repo)


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
