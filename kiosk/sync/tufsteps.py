"""A step of python-tuf's client, its failures as the kiosk's own errors: the network's as
`HqUnreachableError` (try again later), a refusal of what HQ served as `UntrustedError`,
the data folder's as `SyncError`. For the content and the staff roster alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tuf.api import exceptions

from kiosk.sync.errors import HqUnreachableError, SyncError, UntrustedError

T = TypeVar("T")


def trusting(step: Callable[[], T], what: str) -> T:
    """`step()`, whose refusals name `what` was fetched ("HQ's content")."""
    try:
        return step()
    except exceptions.DownloadError as e:
        raise HqUnreachableError(f"{what} could not be fetched: {e or type(e).__name__}") from None
    except exceptions.RepositoryError as e:
        raise UntrustedError(f"{what} failed verification ({type(e).__name__}: {e}); refused") from None
    except OSError as e:
        raise SyncError(f"the kiosk's data folder cannot be written: {e}") from None
