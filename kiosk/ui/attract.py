"""The attract loop's playlist: which item comes next, and which items cannot play.

QML's attract screen plays items in two alternating slots (so the next item is ready before
the current one ends). It asks `nextItem(currentId)` for what to load next and reports an
item it cannot decode with `markFailed`; the controller logs it, records a `media_error`
and skips that item from then on. When no item can play, `showStill` tells QML to show the
branded still picture instead. The playlist follows the catalogue's view, so attract items
with validity windows come and go.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.packs.model import AttractItem
from kiosk.present.media import media_url
from kiosk.ui.catalog import ContentController
from kiosk.ui.events import Recorder

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How long an image item shows when the pack gives no duration (the format requires one).
DEFAULT_IMAGE_MS = 8000


@QmlElement
@QmlUncreatable("Made by the kiosk")
class AttractController(QObject):
    playlistChanged = Signal()

    def __init__(self, content: ContentController, recorder: Recorder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._recorder = recorder
        self._failed: set[tuple[str, str]] = set()
        content.viewChanged.connect(self.playlistChanged)

    def _items(self) -> tuple[AttractItem, ...]:
        view = self._content.view
        return view.attract if view is not None else ()

    def _playable(self) -> list[AttractItem]:
        return [a for a in self._items() if _key(a) not in self._failed]

    # -- for QML ------------------------------------------------------------------------
    def _get_show_still(self) -> bool:
        return not self._playable()

    #: Nothing in the playlist can play: show the branded still.
    showStill = Property(bool, _get_show_still, notify=playlistChanged)

    def _get_count(self) -> int:
        return len(self._playable())

    count = Property(int, _get_count, notify=playlistChanged)

    @Slot(str, result="QVariantMap")
    def nextItem(self, current_id: str) -> dict[str, Any]:
        """The playable item after `current_id` (the first when it is '' or gone); {} if none."""
        items = self._playable()
        if not items:
            return {}
        ids = [a.id for a in self._items()]
        if current_id in ids:
            after = ids.index(current_id)
            for a in items:
                if ids.index(a.id) > after:
                    return _describe(a)
        return _describe(items[0])

    @Slot(str, str)
    def markFailed(self, item_id: str, message: str) -> None:
        item = next((a for a in self._items() if a.id == item_id), None)
        if item is None or _key(item) in self._failed:
            return
        source = str(item.video or item.image)
        log.error("attract item %s (%s) cannot be played, skipped: %s", item_id, source, message)
        self._recorder.record("media_error", screen="attract", item=item_id, source=source, error=message)
        self._failed.add(_key(item))
        self.playlistChanged.emit()


def _key(a: AttractItem) -> tuple[str, str]:
    return (a.id, str(a.video or a.image))


def _describe(a: AttractItem) -> dict[str, Any]:
    duration = round(a.duration_s * 1000) if a.duration_s else 0
    return {
        "itemId": a.id,
        "video": a.video is not None,
        "source": media_url(a.video or a.image),
        "durationMs": duration if (duration or a.video) else DEFAULT_IMAGE_MS,
    }
