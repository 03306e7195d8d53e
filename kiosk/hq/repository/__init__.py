"""HQ's content packs as a TUF repository: the layout on disk, keys, init, publish, refresh.

Every file of a pack becomes a content-addressed blob target under its scope
(`national/blobs/<sha256>`, `province/GD/blobs/<sha256>`), and each scope has one index
target (`national/index.json`) naming the published packs and their files. Scopes below
national are delegated roles with keys of their own. docs/hq-publishing.md explains the
whole scheme to an operator.

One module per job: `names` (scopes, roles, target paths), `layout` (the folders, atomic
writes, the writers' lock), `metadata` (`KioskRepository`: python-tuf's signing over the
layout), `blobs` (a pack's files hashed and copied in), `garbage` (what nothing refers to
any more), and the three operations, `create.init`, `publish.publish` and
`refresh.refresh`. Pure library code: it prints nothing (long work reports through a
`Progress` callback) and raises `RepositoryError` with a message written for the HQ
operator for everything they can cause.
"""

from __future__ import annotations

from kiosk.hq.repository.blobs import Progress
from kiosk.hq.repository.create import init
from kiosk.hq.repository.errors import InvalidPackError, RepositoryError
from kiosk.hq.repository.layout import Layout
from kiosk.hq.repository.metadata import (
    EXPIRY_WARNING,
    ROOT_EXPIRY,
    SNAPSHOT_EXPIRY,
    TARGETS_EXPIRY,
    TIMESTAMP_EXPIRY,
    KioskRepository,
)
from kiosk.hq.repository.names import (
    blob_target,
    index_target,
    parse_scope,
    role_name,
    roster_target,
    target_prefix,
)
from kiosk.hq.repository.publish import PublishResult, publish
from kiosk.hq.repository.refresh import RefreshResult, refresh
from kiosk.hq.repository.roster import RosterPublished, check_roster_keys, publish_roster, published_roster

__all__ = [
    "EXPIRY_WARNING",
    "ROOT_EXPIRY",
    "SNAPSHOT_EXPIRY",
    "TARGETS_EXPIRY",
    "TIMESTAMP_EXPIRY",
    "InvalidPackError",
    "KioskRepository",
    "Layout",
    "Progress",
    "PublishResult",
    "RefreshResult",
    "RepositoryError",
    "RosterPublished",
    "blob_target",
    "check_roster_keys",
    "index_target",
    "init",
    "parse_scope",
    "publish",
    "publish_roster",
    "published_roster",
    "refresh",
    "role_name",
    "roster_target",
    "target_prefix",
]
