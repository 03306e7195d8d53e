"""A finger on the kiosk's window, from Python: items found by name, the screen settled,
taps at an item's centre. For `kiosk dialtest` and the UI tests, which must touch the
window the way a customer does (a press and release where the item is drawn), not call
the controllers.

An item is named by its `objectName` or by its accessible name (`Accessible.name`); a name
may end in `*` to mean "the first shown item whose name begins so". Only items shown on the
window count (visible, not transparent, inside it).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.scene import image_loading, items, shown

#: How often a wait looks again (ms): short enough to see a step as it lands.
POLL_MS = 15


def accessible_name(item: QQuickItem) -> str:
    """The item's `Accessible.name`, if QML gave it one (without creating one: the attached
    object exists only where QML set it, as a child of the item)."""
    for child in item.children():
        if child.inherits("QQuickAccessibleAttached"):
            name = child.property("name")
            return name if isinstance(name, str) else ""
    return ""


def names(item: QQuickItem) -> Iterator[str]:
    if item.objectName():
        yield item.objectName()
    if name := accessible_name(item):
        yield name


def matches(item: QQuickItem, pattern: str) -> bool:
    return any(fnmatch.fnmatchcase(n, pattern) for n in names(item))


def on_window(window: QQuickWindow, item: QQuickItem) -> bool:
    """The item's centre is drawn on the window, not cut off by a clipping parent (a list
    scrolled so that the item is out of its view)."""
    p = centre(item)
    if not (0 <= p.x() < window.width() and 0 <= p.y() < window.height()):
        return False
    node = item.parentItem()
    while node is not None:
        if node.clip():
            q = node.mapFromScene(QPointF(p))
            if not (0 <= q.x() < node.width() and 0 <= q.y() < node.height()):
                return False
        node = node.parentItem()
    return True


def _candidates(window: QQuickWindow, pattern: str) -> list[QQuickItem]:
    return [it for it in items(window.contentItem()) if matches(it, pattern) and shown(it)]


def _pick(found: list[QQuickItem], pattern: str) -> QQuickItem | None:
    if not found:
        return None
    return found[0] if pattern.endswith("*") else found[-1]


def find(window: QQuickWindow, pattern: str) -> QQuickItem | None:
    """The shown item called `pattern`: the last, on top, when several screens hold one of
    that name; the first in the scene's order (reading order) for a name ending in `*`."""
    return _pick([it for it in _candidates(window, pattern) if on_window(window, it)], pattern)


def _flickable(item: QQuickItem) -> QQuickItem | None:
    node = item.parentItem()
    while node is not None:
        if node.inherits("QQuickFlickable"):
            return node
        node = node.parentItem()
    return None


def page_down(window: QQuickWindow) -> bool:
    """Scrolls the screen's largest scrollable view down by most of its height, as a
    customer's swipe up does (a list makes the items below its view only as they come
    near); False when it shows its end already."""
    views = [
        it
        for it in items(window.contentItem())
        if it.inherits("QQuickFlickable")
        and shown(it)
        and it.property("interactive")
        and float(it.property("contentHeight")) > it.height()
    ]
    for view in sorted(views, key=lambda v: v.width() * v.height(), reverse=True):
        low = float(view.property("originY"))
        high = low + float(view.property("contentHeight")) - view.height()
        now = float(view.property("contentY"))
        if now < high - 0.5:
            view.setProperty("contentY", min(high, now + 0.8 * view.height()))
            return True
        return False
    return False


def scroll_to(window: QQuickWindow, pattern: str) -> bool:
    """Scrolls the list or page holding the item called `pattern`, when it is out of view,
    so that the item shows in the middle of it (as a customer's swipe would); True if it
    moved. Only a shown item inside a scrollable view can be scrolled to."""
    found = _candidates(window, pattern)
    for item in found if pattern.endswith("*") else found[::-1]:
        view = _flickable(item)
        if view is None or on_window(window, item):
            continue
        polish(item)
        p = item.mapToItem(view, QPointF(item.width() / 2, item.height() / 2))
        moved = False
        for axis, size, content, origin, pos in (
            ("contentY", view.height(), "contentHeight", "originY", p.y()),
            ("contentX", view.width(), "contentWidth", "originX", p.x()),
        ):
            if 0 <= pos < size:
                continue
            low = float(view.property(origin))
            high = max(low, low + float(view.property(content)) - size)
            target = min(high, max(low, float(view.property(axis)) + pos - size / 2))
            if target != view.property(axis):
                view.setProperty(axis, target)
                moved = True
        if moved:
            return True
    return False


def polish(item: QQuickItem) -> None:
    """Lays out the item and its ancestors now, from the top down, if a layout is pending.
    A layout (GridLayout, ColumnLayout) places its children when the window polishes before
    the next frame; an item just loaded still sits where it was created until then, and a
    tap at that spot would land on whatever is drawn there."""
    chain = []
    node: QQuickItem | None = item
    while node is not None:
        chain.append(node)
        node = node.parentItem()
    for node in reversed(chain):
        node.ensurePolished()


def placed(item: QQuickItem) -> bool:
    """The item has its size, and every Loader it is in holds it: a demo's hotspot is sized
    from its scene picture, and while the picture loads every hotspot is an empty box at
    one spot, where a tap lands on whichever is on top; and an asynchronous Loader's item
    exists (and is found by name) before the Loader has taken it, sized itself to it and
    moved where its size puts it (the attract loop's easy and reach toggles, centred by
    their width: a tap at the easy toggle's first place hit the reach toggle)."""
    polish(item)
    node = item.parentItem()
    while node is not None:
        if node.inherits("QQuickLoader") and node.property("item") is None:
            return False
        node = node.parentItem()
    return item.width() > 0 and item.height() > 0


def centre(item: QQuickItem) -> QPoint:
    """Where the item's centre is drawn (after any pending layout), in window coordinates."""
    polish(item)
    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(round(p.x()), round(p.y()))


def click(window: QQuickWindow, item: QQuickItem) -> None:
    """A press and release at the item's centre, as a finger does."""
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(item))


def wait_until(condition: Callable[[], bool], timeout_ms: int) -> bool:
    """Runs Qt's event loop until `condition()` holds (True) or `timeout_ms` passed (False)."""
    clock = QElapsedTimer()
    clock.start()
    loop = QEventLoop()
    while True:
        if condition():
            return True
        if clock.elapsed() >= timeout_ms:
            return False
        QTimer.singleShot(POLL_MS, loop.quit)
        loop.exec()


def pause(ms: int) -> None:
    """Lets `ms` pass with Qt's event loop running (the screen animates, timers fire)."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, ms), loop.quit)
    loop.exec()


def settled(window: QQuickWindow, screen: str) -> bool:
    """The StackView shows the navigator's `screen`, its transition finished (not only "not
    busy": on a loaded machine the transition may not have begun yet)."""
    stack = _named(window, "stack")
    if stack is None:
        return False
    current = stack.property("currentItem")
    return (
        isinstance(current, QObject)
        and current.objectName() == f"{screen}Screen"
        and not stack.property("busy")
    )


def _named(window: QQuickWindow, name: str) -> QQuickItem | None:
    return next((it for it in items(window.contentItem()) if it.objectName() == name), None)


def shown_names(window: QQuickWindow, limit: int = 40) -> list[str]:
    """Names of the items shown now (screens, lists, tiles, buttons), for a message saying
    what was there instead of what was looked for."""
    out: list[str] = []
    for it in items(window.contentItem()):
        name = it.objectName()
        if name and name not in out and shown(it) and on_window(window, it):
            out.append(name)
    return out[:limit]


def pictures_loading(window: QQuickWindow) -> bool:
    """A picture shown on the window is still loading."""
    return any(image_loading(it) for it in items(window.contentItem()) if shown(it))
