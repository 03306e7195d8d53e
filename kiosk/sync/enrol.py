"""`kiosk enroll`: turn HQ's one-time code into this kiosk's identity, and trust HQ's root.

In this order, so that nothing is spent on an HQ the kiosk would not trust: fetch HQ's
first TUF root (`1.root.json`) and check it (against `--root-sha256` when given: anything
else is refused); keep the enrolment's secret durably; trade the code (with that secret:
see kiosk.hq.enrolment) for a device id and credential; keep the root, then the identity.
An answer lost on the way is asked again with the same secret and yields the same device.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from pathlib import Path

from tuf.api.metadata import Metadata, Root

from kiosk.datadir import write_durably
from kiosk.sync.content import TRUST_ANCHOR
from kiosk.sync.errors import HqRefusedError, SyncError, UntrustedError
from kiosk.sync.hqclient import HqClient
from kiosk.sync.identity import Identity, enrolment_done, load_identity, pending_enrolment, save_identity

FIRST_ROOT = "tuf/metadata/1.root.json"


def enrol(data_dir: Path, hq_url: str, code: str, root_sha256: str | None = None) -> Identity:
    """This kiosk's new identity at HQ. SyncError (and subclasses) for what went wrong."""
    known = load_identity(data_dir)
    if known is not None:
        raise SyncError(
            f"this kiosk is already enrolled as {known.device_id} for store {known.store} at {known.hq_url}; "
            f"to enrol it again, remove {data_dir / 'identity.json'} first"
        )
    hq_url = hq_url.rstrip("/")
    client = HqClient(hq_url)
    try:
        root = client.get_bytes(FIRST_ROOT, limit=512_000)
        _check_root(root, root_sha256)
        pending = pending_enrolment(data_dir, hq_url, code)
        try:
            answer = client.enrol(pending.code, pending.secret)
        except HqRefusedError as e:
            if e.status in (404, 409, 410):
                enrolment_done(data_dir)  # the code will never work: the next code gets a new secret
            raise
    finally:
        client.close()
    try:
        identity = Identity(
            hq_url=hq_url,
            device_id=str(answer["device_id"]),
            credential=str(answer["credential"]),
            store=str(answer["store"]),
            city=str(answer["city"]),
            province=str(answer["province"]),
            enrolled_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    except KeyError as e:
        raise SyncError(f"HQ's answer to the enrolment lacks {e}; try again") from None
    # The root first: an identity on disk means the enrolment is complete.
    write_durably(data_dir / "tuf" / TRUST_ANCHOR, root, mode=0o644)
    save_identity(data_dir, identity)
    enrolment_done(data_dir)
    return identity


def _check_root(data: bytes, expected_sha256: str | None) -> None:
    if expected_sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if not hmac.compare_digest(actual, expected_sha256.strip().lower()):
            raise UntrustedError(
                f"HQ's root metadata has SHA-256 {actual}, not the {expected_sha256} given; "
                "not enrolled (is this the right HQ?)"
            )
    try:
        Metadata[Root].from_bytes(data)
    except Exception:
        raise UntrustedError(
            f"what HQ serves as {FIRST_ROOT} is not TUF root metadata; not enrolled"
        ) from None
