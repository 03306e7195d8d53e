"""Every customer screen holds the longest texts the pack format allows (kiosk.packs.limits):
both orientations, both languages, at 100% text and in easy mode (150% text, fewer items a
row). Nothing is cut without an ellipsis or a visible scroll cue, judged by the items'
geometry (tests.ui.fit)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.packs.model import DiscountRule, Period, Price, RuleKind
from kiosk.ui.shell import KioskShell
from tests.ui.fit import clipped, longest
from tests.ui.kit import build_catalog, build_pack, find, wait_for, wait_idle
from tests.ui.test_layout import go

SCREENS = ["attract", "home", "category", "service", "demo", "demo-end", "video", "subscribe", "idle"]
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
#: Where a text at its maximum is shown whole, not cut: the service's own page.
WHOLE = {"service": ("serviceName", "servicePitch", "priceNow", "priceRegular", "priceExplanation")}


def longest_pack(media: dict[str, Path]) -> Any:
    """The UI tests' content with every text at its maximum and the widest prices: the
    ring-back tones at ¥1699.00/month with 25% off (¥1274.25/month, regular crossed out)."""
    pack = longest(build_pack(media))
    services = tuple(
        replace(s, price=Price(169900, Period.MONTH)) if s.id == "svc.ringback" else s for s in pack.services
    )
    offers = tuple(
        replace(o, rule=DiscountRule(RuleKind.PERCENT_OFF, percent=25, periods=12))
        if o.id == "off.daily"
        else o
        for o in pack.offers
    )
    return replace(pack, services=services, offers=offers)


@pytest.mark.parametrize("easy", [False, True], ids=["text100", "easy"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_every_screen_holds_the_longest_texts(
    qtbot: Any, make_ui: Any, media: dict[str, Path], orientation: str, easy: bool
) -> None:
    ui: KioskShell = make_ui(catalog=build_catalog(longest_pack(media)), size=SIZES[orientation])
    access = ui.kiosk.access_controller
    problems = {}
    for lang in ("zh-CN", "en"):
        for screen in SCREENS:
            ui.kiosk.navigator.endSession()
            wait_for(qtbot, ui, "attractScreen")
            ui.kiosk.language_controller.choose(lang)
            if access.property("easy") != easy:  # chosen on the attract loop, as a customer may
                access.toggleEasy()
            go(ui, screen)
            wait_idle(qtbot, ui)
            # Laid out as drawn: positioners and layouts settle when a frame is made.
            with qtbot.waitSignal(ui.window.frameSwapped):
                ui.window.update()
            bad = clipped(ui.window.contentItem())
            for name in WHOLE.get(screen, ()):
                item = find(ui, name)
                if item is not None and item.property("truncated"):
                    bad.append(f"{name} is cut short where it should show whole")
            if bad:
                problems[f"{lang} {screen}"] = bad
    assert problems == {}, "\n".join(f"{k}: {p}" for k, ps in problems.items() for p in ps)
