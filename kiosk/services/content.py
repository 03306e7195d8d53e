"""Find, validate and combine the packs a kiosk shows, with the fallback chain.

The chain never ends in a blank screen: the configured (or installed) packs; if none of
them gives usable content, the bundled sample content; if that fails too, nothing, and the
UI shows its "temporarily out of service" screen. Every step down is logged with why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain.catalog import Catalog
from kiosk.packs.errors import PackError
from kiosk.packs.layering import StoreIdentity, applies_to, layer
from kiosk.packs.loader import MANIFEST, load_pack
from kiosk.packs.media import MediaChecks
from kiosk.packs.model import Pack

log = logging.getLogger(__name__)


@dataclass
class LoadedContent:
    catalog: Catalog | None  # None: nothing usable; the UI shows "out of service"
    origin: str  # "configured", "bundled sample" or "none"
    packs: list[Pack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def pack_folders(source: Path) -> list[Path]:
    """`source` itself when it is a pack, else the packs directly inside it."""
    if (source / MANIFEST).is_file():
        return [source]
    if not source.is_dir():
        return []
    return sorted(p for p in source.iterdir() if (p / MANIFEST).is_file())


def load_sources(
    sources: list[Path] | tuple[Path, ...], store: StoreIdentity, tz: str, checks: MediaChecks | None = None
) -> tuple[Catalog | None, list[Pack], list[str]]:
    """Validate and layer every pack under `sources` meant for `store`."""
    problems: list[str] = []
    packs: list[Pack] = []
    if checks is not None and checks.remembers_nothing:
        # The first start (or the first since the checks changed): decode on both cores.
        checks.decode_ahead(folder for source in sources for folder in pack_folders(source))
    for source in sources:
        folders = pack_folders(source)
        if not folders:
            problems.append(f"{source}: no content pack here (no {MANIFEST})")
        for folder in folders:
            try:
                pack = load_pack(folder, checks=checks)
            except PackError as e:
                problems.append(f"{folder}: not used: " + "; ".join(str(p) for p in e.problems[:5]))
                continue
            if not applies_to(pack.scope, store):
                log.info("%s: scope %s is not for store %s; ignored", folder, pack.scope, store.store)
                continue
            packs.append(pack)
    result = layer(packs)
    for pack, bad in result.skipped:
        problems.append(f"{pack.root}: left out: " + "; ".join(str(p) for p in bad[:5]))
    used = result.content.packs
    if not any(p.scope.level.name == "NATIONAL" for p in used):
        problems.append("no usable national pack among " + ", ".join(str(s) for s in sources))
        return None, used, problems
    return Catalog(result.content, tz), used, problems


def load_content(
    sources: list[Path] | tuple[Path, ...],
    store: StoreIdentity,
    tz: str,
    fallback: Path | None,
    checks: MediaChecks | None = None,
) -> LoadedContent:
    """The content to show, falling back to `fallback` (the bundled sample) and then to none.

    `checks` remembers media already decoded (see MediaChecks); it is saved afterwards.
    """
    try:
        return _load_content(sources, store, tz, fallback, checks)
    finally:
        if checks is not None:
            try:
                checks.save()
            except OSError as e:
                log.warning("could not save media check results to %s: %s", checks.path, e)


def _load_content(
    sources: list[Path] | tuple[Path, ...],
    store: StoreIdentity,
    tz: str,
    fallback: Path | None,
    checks: MediaChecks | None,
) -> LoadedContent:
    all_problems: list[str] = []
    if sources:
        catalog, packs, problems = load_sources(sources, store, tz, checks)
        all_problems += problems
        if catalog is not None:
            _log_problems(problems)
            return LoadedContent(catalog, "configured", packs, problems)
    if fallback is not None:
        catalog, packs, problems = load_sources([fallback], store, tz, checks)
        all_problems += problems
        if catalog is not None:
            _log_problems(all_problems)
            if sources:
                log.warning("showing the bundled sample content instead of %s", list(map(str, sources)))
            return LoadedContent(catalog, "bundled sample", packs, all_problems)
    _log_problems(all_problems)
    log.error("no usable content: showing the out-of-service screen")
    return LoadedContent(None, "none", [], all_problems)


def _log_problems(problems: list[str]) -> None:
    for p in problems:
        log.warning("content: %s", p)
