"""Looking into the Qt Quick scene from Python: every item, an item by objectName, whether
it is on screen, whether a picture is still loading. For `kiosk screenshot`, the UI tests and
the benchmarks, which all need to know what the window shows."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem


def items(root: QQuickItem) -> Iterator[QQuickItem]:
    """`root` and every item below it, parents before children."""
    yield root
    for child in root.childItems():
        yield from items(child)


def named(root: QQuickItem, name: str) -> QQuickItem | None:
    """The first item called `name` below `root`, shown or not."""
    return next((it for it in items(root) if it.objectName() == name), None)


def shown(item: QQuickItem | None) -> bool:
    """The item and all its parents are visible and not fully transparent."""
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def shown_named(root: QQuickItem, name: str) -> QQuickItem | None:
    """The shown item called `name` (the last, on top, when several screens hold one)."""
    found = [it for it in items(root) if it.objectName() == name and shown(it)]
    return found[-1] if found else None


def image_loading(item: QQuickItem) -> bool:
    """A picture still loading. Its `status` enum does not convert to Python, so QML itself
    is asked."""
    # `inherits`, not `metaObject()`: a QML type's meta-object, once wrapped, lives as long as
    # the item's Python wrapper, and one that outlives its engine is a stale entry in PySide's
    # table that a later item at the same address comes back as.
    if not item.inherits("QQuickImage"):  # AnimatedImage is one too
        return False
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return False
    result, _ = QQmlExpression(context, item, "status === 2").evaluate()  # Image.Loading
    return bool(result)
