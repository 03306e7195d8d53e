"""A demo run as the customer sees it: the scene, its texts in one language, the step, the
buttons, and the hotspots to tap."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.demo import DemoRun
from kiosk.present.media import media_url


@dataclass(frozen=True)
class HotspotRow:
    """A tappable area of the scene, as fractions of the scene picture."""

    hotspot_id: str
    label: str
    rect_x: float
    rect_y: float
    rect_w: float
    rect_h: float


@dataclass(frozen=True)
class DemoFrame:
    """What the demo screen shows now."""

    active: bool = False
    scene_id: str = ""
    image: str = ""
    video: str = ""
    step: int = 0
    step_count: int = 0
    can_go_back: bool = False
    has_next: bool = False
    next_ends: bool = False
    auto_advance_ms: int = 0
    finished: bool = False
    # In the customer's language (the narration's audio is by language too).
    title: str = ""
    caption: str = ""
    narration: str = ""
    narration_audio: str = ""


def demo_frame(run: DemoRun, lang: str) -> DemoFrame:
    sc = run.scene
    narration = sc.narration if sc is not None else None
    return DemoFrame(
        active=run.running,
        scene_id=sc.id if sc else "",
        image=media_url(sc.image) if sc else "",
        video=media_url(sc.video) if sc else "",
        step=run.step,
        step_count=run.step_count,
        can_go_back=run.can_go_back,
        has_next=run.has_next,
        next_ends=run.next_ends,
        auto_advance_ms=run.auto_advance_ms,
        finished=run.finished,
        title=run.demo.title.get(lang) if run.demo else "",
        caption=sc.caption.get(lang) if sc else "",
        narration=narration.text.get(lang) if narration and narration.text else "",
        narration_audio=media_url(narration.audio.get(lang)) if narration and narration.audio else "",
    )


def hotspot_rows(run: DemoRun, lang: str) -> tuple[HotspotRow, ...]:
    return tuple(HotspotRow(h.id, h.label.get(lang), *h.rect) for h in run.hotspots)
