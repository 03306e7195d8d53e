"""Scopes and the names they take in the repository: the TUF role that signs a scope, and
where its index and content-addressed blobs live among the targets (those names are shared
with the kiosk's sync, in `kiosk.packs.targets`)."""

from __future__ import annotations

from kiosk.hq.repository.errors import RepositoryError
from kiosk.packs.model import Scope, ScopeLevel
from kiosk.packs.targets import blob_target, index_target, role_name, roster_target, target_prefix
from kiosk.packs.values import SCOPE_ID_RE

__all__ = [
    "blob_target",
    "delegation_paths",
    "index_target",
    "parse_scope",
    "role_name",
    "roster_target",
    "target_prefix",
]


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


def delegation_paths(scope: Scope) -> list[str]:
    """Exactly the targets of `scope`; python-tuf matches `*` within one path segment. A
    store's role also signs the store's staff roster."""
    paths = [index_target(scope), target_prefix(scope) + "blobs/*"]
    if scope.level is ScopeLevel.STORE:
        paths.append(roster_target(scope.ident))
    return paths
