"""What goes wrong with the repository that the HQ operator can fix."""

from __future__ import annotations

from kiosk.hq.errors import HqError


class RepositoryError(HqError):
    """Something the HQ operator can fix; the message says what, and how."""


class InvalidPackError(RepositoryError):
    """The pack failed validation; `problems` are the lines `kiosk pack validate` shows."""
