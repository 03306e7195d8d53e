"""Who this kiosk is to HQ, kept in the data folder readable by the kiosk's user only.

`identity.json` holds the device id, the credential that authenticates every call, the
store it stands in and HQ's address. While an enrolment is under way, `enrolment.json`
keeps the secret the kiosk made for it (see kiosk.hq.enrolment): if HQ's answer is lost,
`kiosk enroll` with the same code asks again with the same secret and gets the same device.
Both are written durably (fsync'd, renamed into place) with mode 0600.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.datadir import write_durably
from kiosk.packs.layering import StoreIdentity
from kiosk.packs.model import Scope, ScopeLevel
from kiosk.protocol import canonical_code
from kiosk.sync.errors import SyncError

IDENTITY_FILE = "identity.json"
ENROLMENT_FILE = "enrolment.json"


@dataclass(frozen=True)
class Identity:
    hq_url: str
    device_id: str
    credential: str
    store: str
    city: str
    province: str
    enrolled_at: str

    @property
    def store_identity(self) -> StoreIdentity:
        return StoreIdentity(self.province, self.city, self.store)

    @property
    def scopes(self) -> tuple[Scope, ...]:
        """The scopes whose packs this kiosk takes, national first."""
        return (
            Scope(ScopeLevel.NATIONAL),
            Scope(ScopeLevel.PROVINCE, self.province),
            Scope(ScopeLevel.CITY, self.city),
            Scope(ScopeLevel.STORE, self.store),
        )


def load_identity(data_dir: Path) -> Identity | None:
    """The kiosk's identity, or None when it was never enrolled. SyncError for a damaged file."""
    path = data_dir / IDENTITY_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise SyncError(f"{path}: cannot be read ({e}); enrol the kiosk again") from None
    try:
        return Identity(**{k: str(raw[k]) for k in Identity.__dataclass_fields__})
    except (KeyError, TypeError):
        raise SyncError(f"{path}: is not a kiosk identity; enrol the kiosk again") from None


def save_identity(data_dir: Path, identity: Identity) -> None:
    write_durably(data_dir / IDENTITY_FILE, _json(asdict(identity)))


@dataclass(frozen=True)
class PendingEnrolment:
    hq_url: str
    code: str  # as HQ issued it, without dashes or spaces
    secret: str


def pending_enrolment(data_dir: Path, hq_url: str, code: str) -> PendingEnrolment:
    """The enrolment under way for this HQ and code (its secret kept from the first try),
    or a new one, kept durably before anything is sent."""
    path = data_dir / ENROLMENT_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        kept = PendingEnrolment(str(raw["hq_url"]), str(raw["code"]), str(raw["secret"]))
    except (OSError, ValueError, KeyError, TypeError):
        kept = None
    wanted = canonical_code(code)
    if kept is not None and kept.hq_url == hq_url and kept.code == wanted:
        return kept
    pending = PendingEnrolment(hq_url, wanted, secrets.token_urlsafe(32))
    write_durably(path, _json(asdict(pending)))
    return pending


def enrolment_done(data_dir: Path) -> None:
    (data_dir / ENROLMENT_FILE).unlink(missing_ok=True)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
