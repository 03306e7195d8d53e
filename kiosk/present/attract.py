"""The attract loop's slots as QML shows them."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.attract import AttractLoop, Slot
from kiosk.present.media import media_url


@dataclass(frozen=True)
class SlotFace:
    """What one slot holds and whether it is on show."""

    item_id: str = ""
    source: str = ""
    video: bool = False
    #: A new number for every load: the slot loads `source` afresh when it changes.
    generation: int = 0
    #: The item can show (an image loaded, a video's first frame arrived).
    ready: bool = False
    #: The slot is in front: its item plays (a video that is not live waits on its first frame).
    live: bool = False


def slot_face(loop: AttractLoop, slot: Slot) -> SlotFace:
    clip = slot.clip
    return SlotFace(
        item_id=clip.item_id if clip else "",
        source=media_url(clip.source) if clip else "",
        video=clip.video if clip else False,
        generation=slot.generation,
        ready=slot.ready,
        live=slot is loop.front,
    )
