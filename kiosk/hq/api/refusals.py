"""The one table from HQ's errors to HTTP statuses.

HQ's business logic raises `kiosk.hq.errors` kinds that know nothing of HTTP; the API's
one handler for `HqError` answers with the status found here for the error's class (its
nearest listed ancestor), its message and problems. An HQ error with no status here is a
fault, answered as one (500, logged as an incident).
"""

from __future__ import annotations

from kiosk.hq.db import DatabaseError
from kiosk.hq.errors import (
    ConflictError,
    CredentialError,
    ExpiredError,
    HqError,
    InvalidError,
    MalformedError,
    NotAllowedError,
    NotFoundError,
    RefusedError,
    TooLargeError,
    TooManyError,
    UnavailableError,
)

STATUS: dict[type[HqError], int] = {
    RefusedError: 400,
    MalformedError: 400,
    CredentialError: 401,
    NotAllowedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    # The database refuses what was already done or cannot be (a code, an id, a status).
    DatabaseError: 409,
    ExpiredError: 410,
    TooLargeError: 413,
    InvalidError: 422,
    TooManyError: 429,
    UnavailableError: 503,
}


def status_of(error: HqError) -> int | None:
    """The HTTP status for `error`, from its nearest listed class; None for a fault."""
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]  # type: ignore[index]
    return None
