"""`kiosk screenshot SCREEN`: render one screen with real content to a PNG, offscreen.

The screen is reached the way a customer reaches it (the navigator's own moves, the demo's
taps), so the picture is what the kiosk shows. Packs given to show (`--pack`) are checked as
`kiosk pack validate` checks them, and laid as the kiosk lays them: one that the kiosk would
not show refuses the screenshot with its problems, rather than a picture of other content.
What the screenshot is of (a service, category, demo scene, offer) is named by options that
apply to its screen only; one that does not apply, or names nothing on show, is refused.
Nothing is recorded to the ledger. Offscreen Qt Quick uses the software renderer, which does
not draw video frames: video screens show their poster.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtGui import QGuiApplication

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog, View
from kiosk.domain.staff import Roster, StaffMember, hash_pin
from kiosk.errors import ContentError
from kiosk.flow.register import Lead
from kiosk.flow.staff import Lock, MemoryLock
from kiosk.flow.subscribe import Answer, CodeChecked, CodeNotChecked, CodeNotSent, CodeSent, Order
from kiosk.packs.layering import StoreIdentity, applies_to, layer
from kiosk.packs.model import END, LANGUAGES, Demo, Offer, Pack, ScopeLevel
from kiosk.packs.validate_cmd import check
from kiosk.present.figures import Period, StaffFigures
from kiosk.services.content import pack_folders
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
    "subscribe-number",
    "subscribe-wrong-number",
    "subscribe-review",
    "subscribe-no-consent",
    "subscribe-sending",
    "subscribe-code",
    "subscribe-offline",
    "subscribe-receipt",
    "subscribe-receipt-sms",
    "register-consent",
    "register-no-consent",
    "register-number",
    "register-details",
    "register-saved",
    "idle",
    "out-of-service",
    "maintenance",
    "maintenance-pin",
    "staff-number",
    "staff-pin",
    "staff-wrong",
    "staff-locked",
    "staff-badge",
    "staff-menu",
    "staff-figures",
    "staff-figures-local",
)
#: The register form's steps (staff signed in as S-1001, the sample number, on a Thursday
#: at 10:00 in the store: tomorrow is Friday 4 December).
REGISTER_SCREENS = tuple(s for s in SCREENS if s.startswith("register-"))
#: The staff's screens and the one shown with no content: no customer's modes there.
STAFF_SCREENS = ("out-of-service", "maintenance", "maintenance-pin", *REGISTER_SCREENS)
#: The staff session's screens (docs/staff.md): the sign-in pad over the attract loop, and
#: a sample member (SAMPLE_STAFF, PIN SAMPLE_PIN) signed in over the home screen.
SESSION_STAFF_SCREENS = tuple(s for s in SCREENS if s.startswith("staff-"))
#: The subscribe flow's steps, shown with a sample number (13812345678) as if HQ answered.
SUBSCRIBE_SCREENS = tuple(s for s in SCREENS if s.startswith("subscribe-"))
#: Screens that show one service (chosen with `service`, by default the first of the TOP-10).
SERVICE_SCREENS = (
    "category",
    "service",
    "demo",
    "demo-end",
    "video",
    "subscribe",
    *SUBSCRIBE_SCREENS,
    *REGISTER_SCREENS,
)
#: The screens each choice applies to (`kiosk screenshot --category` and so on).
CHOICES: dict[str, tuple[str, ...]] = {
    "service": SERVICE_SCREENS,
    "category": ("category",),
    "demo": ("demo", "demo-end"),
    "scene": ("demo",),
    "offer": ("home", "service", "subscribe", *SUBSCRIBE_SCREENS),
}

#: The screens with the presenter drawer (staff only), shown open with `presenter`.
PRESENTER_SCREENS = ("service", "demo")

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
    category: str | None = None,
    demo: str | None = None,
    scene: str | None = None,
    offer: str | None = None,
    easy: bool = False,
    reach: bool = False,
    presenter: bool = False,
) -> None:
    """Write a PNG of `screen` at `size` in `lang`, in easy mode or reach mode when asked
    (chosen on the attract loop, as a customer may), with the presenter drawer open when
    asked (as a signed-in staff member opens it, its first question's answer shown). Raises
    ValueError for bad arguments and ContentError when the packs in `content` are not what
    the kiosk would show."""
    if screen not in SCREENS:
        raise ValueError(f"unknown screen '{screen}'; the screens are: {', '.join(SCREENS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; the languages are: {', '.join(LANGUAGES)}")
    if len(size) != 2 or min(size) < 200:
        raise ValueError(f"size {size} is too small; give WIDTHxHEIGHT such as 1920x1080")
    given = {"service": service, "category": category, "demo": demo, "scene": scene, "offer": offer}
    for name, value in given.items():
        if value is not None and screen not in CHOICES[name]:
            raise ValueError(f"--{name} applies to the {_screens(CHOICES[name])} only, not to {screen}")
    if (easy or reach) and screen in STAFF_SCREENS:
        raise ValueError(f"easy and reach mode are the customer's: the {screen} screen is not shown in them")
    if reach and size[1] <= size[0]:
        raise ValueError(f"reach mode is for a portrait window; {size[0]}x{size[1]} is not one")
    if presenter and screen not in PRESENTER_SCREENS:
        raise ValueError(f"--presenter applies to the {_screens(PRESENTER_SCREENS)} only, not to {screen}")
    if service is not None and category is not None:
        raise ValueError("give --service or --category, not both: a service is shown in its own category")
    if content and screen != "out-of-service":
        check_content(content, settings.store)
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.app import application, load
    from kiosk.ui.qtlog import quiet_messages

    app = application()
    quiet_messages()
    catalog: Catalog | None = None
    if screen != "out-of-service":
        loaded = load(settings, content)
        catalog = loaded.catalog
        if catalog is None:
            raise ValueError("no usable content: " + "; ".join(loaded.problems[:3]))
        if content and loaded.origin != "configured":
            # Checked above: only a pack changed in the meantime gets here.
            raise ContentError("the packs given did not load; nothing written", loaded.problems)
    settings = replace(settings, language=lang, idle_timeout_s=24 * 3600)
    shell = KioskShell(settings, catalog, tts_engine="")
    if screen in SUBSCRIBE_SCREENS:
        shell.use_orders(_ShownBook(), _NoHq(), lambda: SAMPLE_HQ)
    if screen in REGISTER_SCREENS:
        register = shell.kiosk.register_controller
        register.use_clock(lambda: REGISTER_TIME)
        register.use_leads(_ShownLeads())
        register.use_staff(lambda: "S-1001")
        register.setProperty("staffSignedIn", True)
    try:
        shell.show(fullscreen=False, size=size)
        access = shell.kiosk.access_controller
        if easy:
            access.toggleEasy()
        if reach:
            access.toggleReach()
        drive(shell, screen, Choice(service, category, demo, scene, offer))
        if presenter:
            _open_presenter(shell)
        _settle(app, shell, screen)
        image = shell.window.grabWindow()
        out.parent.mkdir(parents=True, exist_ok=True)
        if image.isNull() or not image.save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
    finally:
        shell.close()


def _screens(names: tuple[str, ...]) -> str:
    return (
        ", ".join(names[:-1]) + " and " + names[-1] + " screens" if len(names) > 1 else f"{names[0]} screen"
    )


def check_content(sources: list[Path], store: StoreIdentity) -> None:
    """Refuse `sources` unless every pack in them is valid (as `kiosk pack validate` says)
    and they lay into content the kiosk of `store` would show. The problems come as
    `kiosk pack validate` prints them; warnings go to the log."""
    lines: list[str] = []
    packs: list[Pack] = []
    for source in sources:
        folders = pack_folders(source)
        if not folders:
            lines.append(f"{source}: no content pack here (no pack.json in it or in its folders)")
        for folder in folders:
            checked = check(folder)
            if checked.pack is None:
                lines += [*checked.lines, f"{folder}: {checked.failure}"]
                continue
            for line in checked.lines:
                if "/warning: " in line:
                    log.warning("%s", line)
            if applies_to(checked.pack.scope, store):
                packs.append(checked.pack)
            else:
                log.info(
                    "%s: scope %s is not for store %s; not shown", folder, checked.pack.scope, store.store
                )
    if not lines:
        result = layer(packs)
        for pack, problems in result.skipped:
            lines += [f"{pack.root.name}/{p}" for p in problems]
            lines.append(f"{pack.root}: does not fit the packs below it; the kiosk would leave it out")
        if not any(p.scope.level is ScopeLevel.NATIONAL for p in result.content.packs):
            lines.append(
                f"no valid national pack for store {store.store} among {', '.join(map(str, sources))}: "
                "the kiosk would show its bundled sample instead"
            )
    if lines:
        raise ContentError("the packs given are not what the kiosk would show; nothing written", lines)


@dataclass(frozen=True)
class Choice:
    """What the screen is of, as the options name it (None: the default)."""

    service: str | None = None
    category: str | None = None
    demo: str | None = None
    scene: str | None = None
    offer: str | None = None


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


def drive(shell: KioskShell, screen: str, choice: Choice) -> None:
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
    if screen in SESSION_STAFF_SCREENS:
        drive_staff(shell, screen)
        return
    nav.start()
    if screen == "idle":
        k.session_controller.expire()
        return
    view = k.content_controller.view
    assert view is not None
    if screen == "home":
        if choice.offer is not None:
            _turn_carousel(shell, view, choice.offer)
        return
    if screen == "category" and choice.category is not None:
        if view.category(choice.category) is None:
            known = ", ".join(c.id for c in view.categories)
            raise ValueError(f"no category '{choice.category}' on show; the categories on show are: {known}")
        nav.openCategory(choice.category)
        return
    sid = _service_for(view, screen, choice)
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
        elif choice.scene is not None:
            _walk_to_scene(shell, view.demos[chosen.demo or ""], choice.scene)
    elif screen == "video":
        nav.openVideo()
    elif screen == "subscribe":
        nav.openSubscribe()
    elif screen in SUBSCRIBE_SCREENS:
        nav.openSubscribe()
        if not k.subscribe_controller.property("active"):
            raise ValueError(f"service '{sid}' has no subscription terms: it is subscribed at the counter")
        walk_subscribe(shell, screen)
    elif screen in REGISTER_SCREENS:
        walk_register(shell, screen, sid)


#: What the subscribe screens show: a sample number, HQ's address, HQ's answers.
SAMPLE_NUMBER = "13812345678"
SAMPLE_HQ = "https://hq.example.cn"


class _ShownBook:
    """An order book that keeps the screenshot's order in memory (nothing is written)."""

    def keep(self, order: Order) -> None:
        pass

    def answer(self, order_id: str) -> Answer | None:
        return None


class _NoHq:
    """HQ for screenshots: never asked (the screenshot reports HQ's answers itself)."""

    def request_code(self, phone: str) -> CodeSent | CodeNotSent:
        return CodeNotSent(unreachable=True)

    def check_code(self, challenge: str, code: str) -> CodeChecked | CodeNotChecked:
        return CodeNotChecked(unreachable=True)


#: When the register screens are taken: a Thursday, 10:00 in Shenzhen.
REGISTER_TIME = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


class _ShownLeads:
    """A register book that keeps nothing (the screenshot's entry is not a customer's)."""

    def keep(self, lead: Lead) -> None:
        pass


def walk_register(shell: KioskShell, screen: str, service_id: str) -> None:
    """Take the register form to the step `screen` shows."""
    c = shell.kiosk.register_controller
    if not c.open(service_id):
        raise ValueError("the register form did not open")  # pragma: no cover - set up above
    step = screen.removeprefix("register-")
    if step == "consent":
        return
    if step == "no-consent":
        c.consentDone()
        return
    c.setConsent(True)
    c.consentDone()
    for d in SAMPLE_NUMBER if step != "number" else SAMPLE_NUMBER[:7]:
        c.digit(d)
    if step == "number":
        return
    c.numberDone()
    c.choose("part", "afternoon")
    if step == "saved":
        c.save()


def walk_subscribe(shell: KioskShell, screen: str) -> None:
    """Take the subscribe flow to the step `screen` shows, answering for HQ at once."""
    c = shell.kiosk.subscribe_controller
    sub = c.subscription
    assert sub is not None
    step = screen.removeprefix("subscribe-")
    if step == "wrong-number":
        for d in "12":
            c.digit(d)
        return
    for d in SAMPLE_NUMBER if step != "number" else SAMPLE_NUMBER[:7]:
        c.digit(d)
    if step == "number":
        return
    c.numberDone()
    if step == "no-consent":
        c.confirm()
        return
    if step == "review":
        return
    c.setConsent(True)
    effect = sub.confirm_review()
    assert effect is not None
    if step == "sending":  # HQ has not answered yet
        c.tick()
        return
    if step in ("offline", "receipt-sms"):
        sub.report(effect, CodeNotSent(unreachable=True))
        if step == "receipt-sms":
            sub.choose_sms_reply()
    else:
        sub.report(effect, CodeSent("screenshot", expires_in_s=300, resend_after_s=60))
        for d in "4821":
            sub.code_digit(d)
        if step == "receipt":
            for d in "93":
                sub.code_digit(d)
            check = sub.submit_code()
            assert check is not None
            sub.report(check, CodeChecked(verified=True, confirmation="screenshot"))
    c.tick()


def _service_for(view: View, screen: str, choice: Choice) -> str:
    """The service a service screen shows: the one named, or the one that opens the demo or
    has the offer named, or the default of `pick_service`."""
    needs = {"demo": "demo", "demo-end": "demo", "video": "video"}.get(screen, "")
    if choice.demo is not None:
        if choice.demo not in view.demos:
            raise ValueError(f"no demo '{choice.demo}'; the demos are: {', '.join(view.demos)}")
        opening = [s.id for s in view.services if s.demo == choice.demo]
        if not opening:
            raise ValueError(
                f"demo '{choice.demo}' is opened by no service on show, so no customer can see it"
            )
        if choice.service is not None and choice.service not in opening:
            raise ValueError(
                f"service '{choice.service}' does not open demo '{choice.demo}' ({', '.join(opening)} do)"
            )
        return choice.service or opening[0]
    if choice.offer is not None:
        offer = _offer(view, choice.offer)
        with_offer = [sid for sid in offer.services if view.service(sid) is not None]
        if choice.service is not None and choice.service not in with_offer:
            raise ValueError(f"offer '{offer.id}' is not for service '{choice.service}'")
        return choice.service or with_offer[0]
    return pick_service(view, choice.service, needs=needs)


def _offer(view: View, offer_id: str) -> Offer:
    offer = next((o for o in view.offers if o.id == offer_id), None)
    if offer is None:
        known = ", ".join(o.id for o in view.offers) or "none"
        raise ValueError(f"no offer '{offer_id}' on show now; the offers on show are: {known}")
    return offer


def _turn_carousel(shell: KioskShell, view: View, offer_id: str) -> None:
    """Show the home screen's campaign carousel at `offer_id`'s card."""
    index = [o.id for o in view.offers].index(_offer(view, offer_id).id)
    carousel = named(shell.window.contentItem(), "offersList")
    if carousel is None:
        raise ValueError("the home screen shows no offers")
    carousel.setProperty("highlightMoveDuration", 0)
    carousel.setProperty("currentIndex", index)


def scene_path(demo: Demo, wanted: str) -> tuple[str, list[str | None]]:
    """The scene `wanted` names (its id, or its number in the demo from 1) and the taps that
    reach it from the start: a hotspot id each, None for Next. ValueError if there is none."""
    ids = [sc.id for sc in demo.scenes]
    target = wanted if wanted in ids else None
    if target is None and wanted.isdigit() and 1 <= int(wanted) <= len(ids):
        target = ids[int(wanted) - 1]
    if target is None:
        raise ValueError(
            f"demo '{demo.id}' has no scene '{wanted}'; its scenes are: {', '.join(ids)} (or 1 to {len(ids)})"
        )
    paths: dict[str, list[str | None]] = {demo.start: []}
    queue = [demo.start]
    while queue:
        here = demo.scene(queue.pop(0))
        moves = [(h.id, h.next) for h in here.hotspots] if here.hotspots else [(None, here.next or END)]
        for move, there in moves:
            if there != END and there not in paths:
                paths[there] = [*paths[here.id], move]
                queue.append(there)
    if target not in paths:
        raise ValueError(f"scene '{target}' of demo '{demo.id}' cannot be reached from its start")
    return target, paths[target]


def _walk_to_scene(shell: KioskShell, demo: Demo, wanted: str) -> None:
    """Tap through the demo, the shortest way, to the scene `wanted` names."""
    target, taps = scene_path(demo, wanted)
    controller = shell.kiosk.demo_controller
    for hotspot in taps:
        if hotspot is None:
            controller.next()
        else:
            controller.tap(hotspot)
    if controller.property("sceneId") != target:
        raise ValueError(f"the demo did not reach scene '{target}'")


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


def _open_presenter(shell: KioskShell) -> None:
    """The presenter drawer open, as a signed-in staff member sees it once they open it and
    tap the first question. Every screen's drawer is told a staff member is signed in (as
    kiosk.staff would tell them)."""
    for drawer in items(shell.window.contentItem()):
        if drawer.objectName() == "presenterDrawer":
            drawer.setProperty("staffSignedIn", True)
            drawer.setProperty("openQuestion", "0")
    shell.kiosk.presenter_controller.setOpen(True)


SAMPLE_PIN = "802413"


def sample_roster() -> Roster:
    """A store roster of one member, 1001 Li Na, with SAMPLE_PIN."""
    member = StaffMember("1001", "李娜", "GD-SZ-0001", "staff", hash_pin(SAMPLE_PIN), True)
    return Roster("GD-SZ-0001", 1, "2026-12-01T00:00:00+00:00", (member,))


#: Figures as a busy member's might be (points: 10 a confirmed order, 2 a register entry,
#: 1 a finished demo).
SAMPLE_FIGURES = {
    "today": Period(6, 2, 1, 1, 2 / 6, 17),
    "week": Period(31, 9, 7, 4, 9 / 31, 105),
    "month": Period(112, 30, 24, 15, 30 / 112, 368),
}


def drive_staff(shell: KioskShell, screen: str) -> None:
    """The staff screens, reached as a member would: the staff button, the number, the PIN."""
    staff = shell.kiosk.staff_controller
    roster = sample_roster()
    lock = MemoryLock()
    staff.use_roster(lambda: roster, lock)
    if screen == "staff-locked":
        lock.save(Lock(5, shell.kiosk.staff_controller.session._wall().timestamp() + 300))
    staff.openPad()
    if screen == "staff-locked":
        return
    for d in "1001":
        staff.digit(d)
    if screen == "staff-number":
        return
    staff.next()
    pin = {"staff-pin": SAMPLE_PIN[:3], "staff-wrong": "000000"}.get(screen, SAMPLE_PIN)
    for d in pin:
        staff.digit(d)
    if screen == "staff-wrong":
        staff.submit()
        return
    if screen == "staff-pin":
        return
    staff.submit()
    shell.kiosk.navigator.start()
    if screen == "staff-menu":
        staff.openMenu()
    elif screen in ("staff-figures", "staff-figures-local"):
        source = "hq" if screen == "staff-figures" else "kiosk"
        figures = StaffFigures("1001", source, **SAMPLE_FIGURES)
        staff.show_figures(figures, "" if source == "hq" else "unreachable")


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
