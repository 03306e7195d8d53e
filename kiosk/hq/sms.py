"""Sending text messages (the confirmation code) through a gateway, behind one interface.

`HttpSms` posts to an SMS gateway's HTTP API; `FileSms` appends each message as a JSON line to
a file, for development and tests, where a person or a test reads the code from it.
`SmsError` says, for the API client, why a message could not be sent.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import requests


class SmsError(Exception):
    """The message could not be handed to the gateway; the message says why."""


class SmsGateway(Protocol):
    name: str

    def send(self, phone: str, text: str) -> None:
        """Hand `text` to the gateway for `phone`; SmsError if it cannot be."""
        ...


class FileSms:
    """Writes messages to a JSON-lines file instead of sending them."""

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def send(self, phone: str, text: str) -> None:
        line = json.dumps(
            {"at": datetime.now(UTC).isoformat(), "to": phone, "text": text}, ensure_ascii=False
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise SmsError(f"could not write the message to {self.path}: {e.strerror}") from e

    def messages(self) -> list[dict[str, str]]:
        """Everything written so far, oldest first."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line]


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
