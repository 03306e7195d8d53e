"""Scopes and the names they take in the repository: the TUF role that signs a scope, and
where its index and content-addressed blobs live among the targets."""

from __future__ import annotations

from tuf.api.metadata import Targets

from kiosk.hq.repository.errors import RepositoryError
from kiosk.packs.model import Scope, ScopeLevel
from kiosk.packs.values import SCOPE_ID_RE


def parse_scope(text: str) -> Scope:
    """`national`, `province:GD`, `city:GD-SZ` or `store:GD-SZ-0001` as a `Scope`."""
    if text == "national":
        return Scope(ScopeLevel.NATIONAL)
    level, _, ident = text.partition(":")
    if level in ("province", "city", "store") and SCOPE_ID_RE.fullmatch(ident):
        return Scope(ScopeLevel[level.upper()], ident)
    raise RepositoryError(
        f"'{text}' is not a scope: use national, province:ID, city:ID or store:ID "
        "(ID: letters, digits, '-' and '_')"
    )


def role_name(scope: Scope) -> str:
    """The TUF role that signs `scope`: `targets` for national, else `province-GD` and the like."""
    if scope.level is ScopeLevel.NATIONAL:
        return Targets.type
    return f"{scope.level.name.lower()}-{scope.ident}"


def target_prefix(scope: Scope) -> str:
    """Where the targets of `scope` live: `national/`, `province/GD/`, `store/GD-SZ-0001/`."""
    if scope.level is ScopeLevel.NATIONAL:
        return "national/"
    return f"{scope.level.name.lower()}/{scope.ident}/"


def index_target(scope: Scope) -> str:
    return target_prefix(scope) + "index.json"


def blob_target(scope: Scope, sha256: str) -> str:
    return f"{target_prefix(scope)}blobs/{sha256}"


def delegation_paths(scope: Scope) -> list[str]:
    """Exactly the targets of `scope`; python-tuf matches `*` within one path segment."""
    return [index_target(scope), target_prefix(scope) + "blobs/*"]
