"""Texts at their maximum length, and the check that a screen shows every text whole or cut
visibly: what `test_text_fit.py` and `scripts/make_screens.py` share.

`longest(pack)` gives every text field its maximum (`kiosk.packs.limits.TEXT_LIMITS`) in
both languages. `clipped(root)` lists every text on screen that is cut without showing it,
judged by the items' geometry:
- a text painted wider or taller than its own box (it spills over its neighbours);
- a text cut short (`truncated`) without an ellipsis (`elide` unset);
- a text sticking out of one of its ancestors (a card, a bar, a clipping view), except
  below the fold of a view that scrolls;
- a view whose content is taller than itself (it scrolls) without a visible scroll cue
  (`ScrollCue.qml`, named "scrollCue", watching that view).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QRectF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.packs.limits import TEXT_LIMITS, longest_text
from kiosk.packs.model import LANGUAGES, Pack, Text
from kiosk.ui.scene import items, shown


def long_text(columns: int) -> Text:
    return Text(tuple((lang, longest_text(columns, lang)) for lang in LANGUAGES))


def longest(pack: Pack) -> Pack:
    """`pack` with every text of the limits table at its maximum, in both languages."""
    changes: dict[str, Any] = {}
    for (section, field), limit in TEXT_LIMITS.items():
        if section == "pack":
            changes["title"] = long_text(limit.columns)
            continue
        if section == "focus":  # one object, not a section of items
            focus = changes.get(section, pack.focus)
            if focus is not None:
                changes[section] = _stretch(focus, field.split("."), limit.columns)
            continue
        items_ = changes.get(section, getattr(pack, section))
        changes[section] = tuple(_stretch(item, field.split("."), limit.columns) for item in items_)
    return replace(pack, **changes)


def _stretch(value: Any, names: list[str], columns: int) -> Any:
    head, rest = names[0], names[1:]
    child = getattr(value, head, None)
    if child is None:
        return value
    if not rest:
        if isinstance(child, tuple):  # a list of texts (a scene's talking points)
            return replace(value, **{head: tuple(long_text(columns) for _ in child)})
        return replace(value, **{head: long_text(columns)})
    if isinstance(child, tuple):
        return replace(value, **{head: tuple(_stretch(c, rest, columns) for c in child)})
    return replace(value, **{head: _stretch(child, rest, columns)})


# -- the check --------------------------------------------------------------------------
ELIDE_NONE = 3  # Text.ElideNone
TOLERANCE = 1.0


def _class(item: QQuickItem) -> str:
    return item.metaObject().className()


# `inherits`, not the meta-object: a QML type's meta-object, once asked for, lives on in the
# item's Python wrapper, and a wrapper that outlives its engine leaves PySide a stale entry
# that a later item at the same address comes back as (a failed test's traceback did that).
def _is_text(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def _is_flickable(item: QQuickItem) -> bool:
    return item.inherits("QQuickFlickable")


def _rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _content_of(flick: QQuickItem | None, item: QQuickItem) -> bool:
    return flick is not None and _is_flickable(flick) and _same(item, flick.property("contentItem"))


def _content_rect(flick: QQuickItem) -> QRectF:
    """A view's content as the view lays it out: from its origin, which a list moves off 0
    when rows before the current one are remade at another size (the offers carousel after
    a change of language or of easy mode), so the content item's own box is not the content."""
    content = flick.property("contentItem")
    # A size of -1 is a Flickable's "as wide (high) as the view".
    wide, high = float(flick.property("contentWidth")), float(flick.property("contentHeight"))
    area = QRectF(
        float(flick.property("originX")),
        float(flick.property("originY")),
        wide if wide >= 0 else flick.width(),
        high if high >= 0 else flick.height(),
    )
    return content.mapRectToScene(area)


def _name(item: QQuickItem) -> str:
    text = item.property("text")
    label = item.objectName() or _class(item)
    return f"{label} {str(text)[:30]!r}" if isinstance(text, str) else label


def _qml(item: QQuickItem, expression: str) -> Any:
    """A property whose type does not convert to Python (an enum), as QML reads it."""
    context = QQmlEngine.contextForObject(item)
    assert context is not None
    result, _ = QQmlExpression(context, item, expression).evaluate()
    return result


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and shiboken6.getCppPointer(a)[0] == shiboken6.getCppPointer(b)[0]


def _scrolls(flick: QQuickItem) -> bool:
    return float(flick.property("contentHeight")) > flick.height() + TOLERANCE


def clipped(root: QQuickItem) -> list[str]:
    """Every text under `root` that is cut without an ellipsis or a scroll cue (see above)."""
    shown_items = [it for it in items(root) if shown(it)]
    cues = {
        shiboken6.getCppPointer(cue.property("view"))[0]
        for cue in shown_items
        if cue.objectName() == "scrollCue" and cue.property("view") is not None
    }
    bad = []
    for it in shown_items:
        if _is_flickable(it) and _scrolls(it) and shiboken6.getCppPointer(it)[0] not in cues:
            tall = it.property("contentHeight")
            bad.append(f"{_name(it)} scrolls ({tall:.0f} > {it.height():.0f}) with no cue")
        if not _is_text(it):
            continue
        text = it.property("text")
        if not isinstance(text, str) or not text.strip() or it.width() <= 0:
            continue
        what = _name(it)
        # Qt's elided line may end a pixel or two past the box (the ellipsis's bearing).
        if float(it.property("contentWidth")) > it.width() + max(3.0, 0.01 * it.width()):
            bad.append(f"{what}: painted {it.property('contentWidth'):.0f} wide in a box of {it.width():.0f}")
        high = float(it.property("contentHeight"))
        if high > it.height() + TOLERANCE:
            bad.append(f"{what}: painted {high:.0f} high in a box of {it.height():.0f}")
        if it.property("truncated") and _qml(it, "elide") == ELIDE_NONE:
            bad.append(f"{what}: cut without an ellipsis")
        bad += _outside_ancestors(it, what)
    return bad


def _outside_ancestors(item: QQuickItem, what: str) -> list[str]:
    """Up to the content of the nearest view that scrolls: what lies beyond that view's
    edges is scrolled out of sight (views that scroll need a cue, checked apart)."""
    rect = _rect(item)
    parent = item.parentItem()
    while parent is not None:
        # An item may place children beside itself on purpose (a hotspot's label bubble):
        # it says so with `overhangs: true`, and it is not taken as their box.
        above = parent.parentItem()
        content_of = above if _content_of(above, parent) else None
        if parent.width() > 0 and parent.height() > 0 and not parent.property("overhangs"):
            box = _content_rect(content_of) if content_of is not None else _rect(parent)
            if not box.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(rect):
                return [f"{what}: {_fmt(rect)} sticks out of {_name(parent)} {_fmt(box)}"]
        if content_of is not None:
            return []
        parent = above
    return []


def _fmt(r: QRectF) -> str:
    return f"[{r.left():.0f},{r.top():.0f} {r.width():.0f}x{r.height():.0f}]"
