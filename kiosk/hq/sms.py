"""Sending text messages (the confirmation code) through a gateway, behind one interface.

`HttpSms` posts to an SMS gateway's HTTP API; `FileSms` appends each message as a JSON line to
a file, for development and tests, where a person or a test reads the code from it. That
file holds numbers and live codes: it is created readable by HQ's user only, and `prune`
(run by the retention chores) drops lines older than the retention.
`SmsError` says, for the API client, why a message could not be sent.

Messages the other way (a customer's reply) come from the gateway to
`POST /v1/sms/inbound` with a token of their own: `KIOSK_HQ_SMS_INBOUND_TOKEN`, or the one
`inbound_token` makes in HQ's data folder on first start (`INBOUND_TOKEN_FILE`, 0600).
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import requests

from kiosk.hq.errors import HqError
from kiosk.hq.private import locked, private_dir, tighten

#: The environment variable holding the inbound token, and the file HQ keeps it in otherwise.
INBOUND_TOKEN_ENV = "KIOSK_HQ_SMS_INBOUND_TOKEN"
INBOUND_TOKEN_FILE = "sms-inbound-token"


def inbound_token(folder: Path) -> str:
    """The gateway's inbound token: from the environment, else from HQ's data `folder`,
    made there (random, 0600) when there is none yet. Two HQs starting together agree: the
    file appears whole or not at all (linked into place), and the loser reads the winner's."""
    if given := os.environ.get(INBOUND_TOKEN_ENV, "").strip():
        return given
    if (kept := read_inbound_token(folder)) is not None:
        return kept
    private_dir(folder)
    path = folder / INBOUND_TOKEN_FILE
    draft = folder / f".{INBOUND_TOKEN_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(32) + "\n")
        f.flush()
        os.fsync(f.fileno())
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    kept = read_inbound_token(folder)
    if kept is None:
        raise SmsError(f"{path} holds no token; delete it and start HQ again")
    return kept


def read_inbound_token(folder: Path) -> str | None:
    """The token from the environment or HQ's data `folder`; None if neither has one."""
    if given := os.environ.get(INBOUND_TOKEN_ENV, "").strip():
        return given
    try:
        kept = (folder / INBOUND_TOKEN_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise SmsError(f"cannot read the SMS gateway's inbound token in {folder}: {e}") from e
    return kept or None


class SmsError(HqError):
    """The message could not be handed to the gateway; the message says why."""


class SmsGateway(Protocol):
    name: str

    def send(self, phone: str, text: str) -> None:
        """Hand `text` to the gateway for `phone`; SmsError if it cannot be."""
        ...


class FileSms:
    """Writes messages to a JSON-lines file instead of sending them.

    `serve` appends while `kiosk-hq purge` (another process) may prune: both hold an
    exclusive lock on a companion `.lock` file, and pruning replaces the file whole, so a
    line is either kept or gone, never half written.
    """

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        tighten(path)  # one an older HQ left readable to others

    def send(self, phone: str, text: str) -> None:
        line = json.dumps(
            {"at": datetime.now(UTC).isoformat(), "to": phone, "text": text}, ensure_ascii=False
        )
        try:
            with self._locked():
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as f:
                    f.write(line + "\n")
                    f.flush()
                    os.fsync(f.fileno())
        except OSError as e:
            raise SmsError(f"could not write the message to {self.path}: {e.strerror}") from e

    def prune(self, before: datetime) -> int:
        """Drop the lines written before `before` (and any line that cannot be dated); how many."""
        if not self.path.exists():
            return 0
        with self._locked():
            lines = self.path.read_text(encoding="utf-8").splitlines()
            kept = [line for line in lines if _written_at(line) >= before]
            if len(kept) == len(lines):
                return 0
            fresh = self.path.with_name(self.path.name + ".new")
            fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in kept))
                f.flush()
                os.fsync(f.fileno())
            os.replace(fresh, self.path)
            _sync_folder(self.path.parent)
        return len(lines) - len(kept)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        private_dir(self.path.parent)
        with self._lock, locked(self.path.with_name(self.path.name + ".lock")):
            yield


def _written_at(line: str) -> datetime:
    try:
        at = datetime.fromisoformat(json.loads(line)["at"])
    except (ValueError, KeyError, TypeError):
        return datetime.min.replace(tzinfo=UTC)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class HttpSms:
    """A gateway with a JSON HTTP API: POST `{"to": phone, "text": text}` with a bearer
    token; any 2xx means accepted."""

    name = "http"

    def __init__(self, url: str, token: str, *, timeout_s: float = 10.0) -> None:
        self.url = url
        self._token = token
        self._timeout = timeout_s
        self._session = requests.Session()

    def send(self, phone: str, text: str) -> None:
        try:
            answer = self._session.post(
                self.url,
                json={"to": phone, "text": text},
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=self._timeout,
            )
        except requests.RequestException as e:
            raise SmsError(f"the SMS gateway did not answer: {e}") from e
        if not 200 <= answer.status_code < 300:
            raise SmsError(f"the SMS gateway refused the message (HTTP {answer.status_code})")
