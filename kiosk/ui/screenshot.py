"""`kiosk screenshot SCREEN`: render one screen with real content to a PNG, offscreen.

The screen is reached the way a customer reaches it (the navigator's own moves), so the
picture is what the kiosk shows. Nothing is recorded to the ledger. Offscreen Qt Quick uses
the software renderer, which does not draw video frames: video screens show their poster.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtGui import QGuiApplication

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog, View
from kiosk.packs.model import LANGUAGES
from kiosk.ui.scene import image_loading, items, named
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

SCREENS: tuple[str, ...] = (
    "attract",
    "home",
    "category",
    "service",
    "demo",
    "demo-end",
    "video",
    "subscribe",
    "idle",
    "out-of-service",
    "maintenance",
    "maintenance-pin",
)
#: Screens that show one service (chosen with `service`, by default the first of the TOP-10).
SERVICE_SCREENS = ("category", "service", "demo", "demo-end", "video", "subscribe")

_SETTLE_MS = 700
_TIMEOUT_MS = 15_000


def screenshot(
    settings: Settings,
    screen: str,
    out: Path,
    *,
    lang: str,
    size: tuple[int, int],
    content: list[Path] | None = None,
    service: str | None = None,
) -> None:
    """Write a PNG of `screen` at `size` in `lang`. Raises ValueError for bad arguments."""
    if screen not in SCREENS:
        raise ValueError(f"unknown screen '{screen}'; the screens are: {', '.join(SCREENS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; the languages are: {', '.join(LANGUAGES)}")
    if len(size) != 2 or min(size) < 200:
        raise ValueError(f"size {size} is too small; give WIDTHxHEIGHT such as 1920x1080")
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.app import application, load
    from kiosk.ui.qtlog import route_messages

    app = application()
    route_messages()
    catalog: Catalog | None = None
    if screen != "out-of-service":
        loaded = load(settings, content)
        catalog = loaded.catalog
        if catalog is None:
            raise ValueError("no usable content: " + "; ".join(loaded.problems[:3]))
    settings = replace(settings, language=lang, idle_timeout_s=24 * 3600)
    shell = KioskShell(settings, catalog)
    try:
        shell.show(fullscreen=False, size=size)
        _drive(shell, screen, service)
        _settle(app, shell, screen)
        image = shell.window.grabWindow()
        out.parent.mkdir(parents=True, exist_ok=True)
        if image.isNull() or not image.save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
    finally:
        shell.close()


def pick_service(view: View, wanted: str | None, *, needs: str = "") -> str:
    """The service to show: `wanted`, else the first of the TOP-10 (with a demo or video
    when the screen `needs` one), else the first service that fits."""

    def fits(sid: str) -> bool:
        s = view.service(sid)
        return s is not None and (not needs or getattr(s, needs) is not None)

    if wanted is not None:
        if view.service(wanted) is None:
            known = ", ".join(s.id for s in view.services)
            raise ValueError(f"no service '{wanted}' on show; the services are: {known}")
        if not fits(wanted):
            raise ValueError(f"service '{wanted}' has no {needs}")
        return wanted
    for sid in [s.id for s in view.top10] + [s.id for s in view.services]:
        if fits(sid):
            return sid
    raise ValueError(f"no service on show has a {needs or 'page'}")


def _drive(shell: KioskShell, screen: str, service: str | None) -> None:
    k = shell.kiosk
    nav = k.navigator
    if screen in ("attract", "out-of-service"):
        return
    if screen == "maintenance":
        # What the staff see after the right PIN, with the status of the data folder given.
        k.maintenance_controller.open_without_pin()
        return
    if screen == "maintenance-pin":
        k.maintenance_controller.open_pad()
        return
    nav.start()
    if screen == "idle":
        k.session_controller.expire()
        return
    if screen == "home":
        return
    view = k.content_controller.view
    assert view is not None
    needs = {"demo": "demo", "demo-end": "demo", "video": "video"}.get(screen, "")
    sid = pick_service(view, service, needs=needs)
    chosen = view.service(sid)
    assert chosen is not None
    if screen == "category":
        nav.openCategory(chosen.category)
        return
    nav.openService(sid, "top10")
    if screen in ("demo", "demo-end"):
        nav.openDemo()
        if screen == "demo-end":
            _finish_demo(shell)
    elif screen == "video":
        nav.openVideo()
    elif screen == "subscribe":
        nav.openSubscribe()


def _finish_demo(shell: KioskShell) -> None:
    """Step through the demo by its first hotspot or Next until it ends."""
    demo = shell.kiosk.demo_controller
    hotspots = demo.property("hotspots")
    for _ in range(100):
        if demo.property("finished"):
            return
        if hotspots.rowCount() > 0:
            demo.tap(hotspots.get(0)["hotspotId"])
        else:
            demo.next()
    raise ValueError("the demo did not reach its end in 100 steps")


def _settle(app: QGuiApplication, shell: KioskShell, screen: str) -> None:
    """Process events until transitions are over, pictures are loaded and the attract loop
    shows its first item."""
    timer = QElapsedTimer()
    timer.start()
    quiet_since = -1
    while timer.elapsed() < _TIMEOUT_MS:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if _busy(shell, screen):
            quiet_since = -1
        elif quiet_since < 0:
            quiet_since = timer.elapsed()
        elif timer.elapsed() - quiet_since >= _SETTLE_MS:
            return
    log.warning("screenshot of %s taken before the screen settled", screen)


def _busy(shell: KioskShell, screen: str) -> bool:
    root = shell.window.contentItem()
    if (root.width(), root.height()) != (shell.window.width(), shell.window.height()):
        return True
    stack = named(root, "stack")
    if stack is not None and stack.property("busy"):
        return True
    if screen == "maintenance":
        face = shell.kiosk.maintenance_controller.shown_face
        if face.gathering or not face.gathered:
            return True
    if screen == "attract" and not shell.kiosk.attract_controller.property("showStill"):
        slots = [named(root, n) for n in ("attractSlotA", "attractSlotB")]
        if not any(s is not None and s.property("ready") for s in slots):
            return True
    return any(image_loading(it) for it in items(root) if it.isVisible())
