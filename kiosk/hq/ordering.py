"""The operator's ordering system, behind one small interface.

HQ forwards each confirmed order to the operator's real ordering (BSS) system and keeps
what comes back. Which system that is differs by operator, so it sits behind
`OrderingSystem`: `WebhookOrdering` posts the order as JSON to an HTTPS endpoint the operator
provides (signed with a shared secret), `LocalOrdering` decides on the spot for demos and
development. Both answer with an `Outcome`: accepted (with the operator's reference) or
rejected (with a reason in plain language, which the kiosk shows to the customer).
`OrderingUnavailableError` means "no answer now": the order stays queued and is tried again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import requests

from kiosk.hq.db import Order
from kiosk.hq.errors import HqError


@dataclass(frozen=True)
class Outcome:
    status: Literal["accepted", "rejected"]
    reference: str | None = None
    reason: str | None = None


class OrderingUnavailableError(HqError):
    """The ordering system gave no usable answer this time; try again later."""


class OrderingSystem(Protocol):
    name: str

    def submit(self, order: Order) -> Outcome:
        """The system's decision on `order`; OrderingUnavailableError when it cannot be had now."""
        ...


def order_document(order: Order) -> dict[str, Any]:
    """What an ordering system receives: the order as the kiosk sent it, and where from."""
    return {"order_id": order.id, "store": order.store, "device": order.device_id, **order.body}


class LocalOrdering:
    """Decides at once, for demos and development: accepts every order except those for
    services listed in `refuse` (service id -> the reason given to the customer)."""

    name = "local"

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self._refuse = dict(refuse or {})

    def submit(self, order: Order) -> Outcome:
        service = str(order.body.get("service", ""))
        if service in self._refuse:
            return Outcome("rejected", reason=self._refuse[service])
        digest = hashlib.sha256(order.id.encode()).hexdigest()[:10].upper()
        return Outcome("accepted", reference=f"LOCAL-{digest}")


#: The header carrying the HMAC-SHA256 of the body, hex, keyed with the shared secret.
SIGNATURE_HEADER = "X-Kiosk-Signature"


class WebhookOrdering:
    """POSTs the order to the operator's endpoint and reads its decision.

    Request: JSON `order_document(order)`, with `X-Kiosk-Signature: <hex HMAC-SHA256 of the
    body>` and `Idempotency-Key: <order id>` (the same order may be sent again after a
    timeout; the endpoint must treat it as one). Answer: 200/201 with
    `{"status": "accepted", "reference": "..."}` or `{"status": "rejected", "reason": "..."}`.
    Anything else (a timeout, a refused connection, 5xx, a body of another shape) is
    OrderingUnavailableError; a 4xx means the endpoint refuses the request itself, which retrying
    cannot fix, so it becomes a rejection naming the HTTP status.
    """

    name = "webhook"

    def __init__(self, url: str, secret: str, *, timeout_s: float = 10.0) -> None:
        self.url = url
        self._secret = secret.encode()
        self._timeout = timeout_s
        self._session = requests.Session()

    def submit(self, order: Order) -> Outcome:
        body = json.dumps(order_document(order), ensure_ascii=False, sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: hmac.new(self._secret, body, hashlib.sha256).hexdigest(),
            "Idempotency-Key": order.id,
        }
        try:
            answer = self._session.post(self.url, data=body, headers=headers, timeout=self._timeout)
        except requests.RequestException as e:
            raise OrderingUnavailableError(f"the ordering system at {self.url} did not answer: {e}") from e
        if answer.status_code >= 500:
            raise OrderingUnavailableError(f"the ordering system answered HTTP {answer.status_code}")
        if answer.status_code >= 400:
            return Outcome(
                "rejected", reason=f"the ordering system refused the request (HTTP {answer.status_code})"
            )
        return _read_decision(answer)


def _read_decision(answer: requests.Response) -> Outcome:
    try:
        doc = answer.json()
    except ValueError as e:
        raise OrderingUnavailableError("the ordering system's answer is not JSON") from e
    status = doc.get("status") if isinstance(doc, dict) else None
    if status == "accepted":
        reference = doc.get("reference")
        return Outcome("accepted", reference=str(reference) if reference is not None else None)
    if status == "rejected":
        reason = doc.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            reason = "the operator's ordering system refused the order without giving a reason"
        return Outcome("rejected", reason=reason)
    raise OrderingUnavailableError(f"the ordering system's answer has no usable status: {str(doc)[:200]}")
