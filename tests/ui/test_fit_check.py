"""The text-fit check itself (tests.ui.fit): it finds a text that sticks out of its box,
and takes a list's content from where the list lays it out, not from its content item's
own box (a list moves its origin off 0 when rows are added before the one it shows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickView

from tests.ui.fit import clipped

CAROUSEL = """
import QtQuick
Item {
    width: 400; height: 200
    Item {
        objectName: "box"
        width: 100; height: 40
        Text { objectName: "spilt"; visible: %s; x: 60; width: 120; height: 30; text: "sticks out" }
    }
    ListView {
        id: list
        objectName: "list"
        y: 60; width: 300; height: 100
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: 0
        clip: true
        model: ListModel {
            id: rows
            ListElement { t: "first" }
            ListElement { t: "second" }
            ListElement { t: "third" }
        }
        delegate: Text { required property string t; width: 300; height: 100; text: t }
        function shift() { rows.remove(0); rows.insert(0, {t: "new one"}); rows.insert(0, {t: "newer"}) }
    }
}
"""


def show(qtbot: Any, tmp_path: Path, spilt: bool) -> QQuickView:
    source = tmp_path / "carousel.qml"
    source.write_text(CAROUSEL % ("true" if spilt else "false"), encoding="utf-8")
    view = QQuickView()
    view.setSource(QUrl.fromLocalFile(str(source)))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_text_past_its_box_is_found(qtbot: Any, tmp_path: Path) -> None:
    view = show(qtbot, tmp_path, spilt=True)
    found = clipped(view.contentItem())
    assert len(found) == 1 and found[0].startswith("spilt 'sticks out'") and "sticks out of box" in found[0]


def test_rows_of_a_list_whose_origin_moved_are_inside_its_content(qtbot: Any, tmp_path: Path) -> None:
    view = show(qtbot, tmp_path, spilt=False)
    list_ = next(it for it in view.rootObject().childItems() if it.objectName() == "list")
    list_.setProperty("currentIndex", 2)
    qtbot.waitUntil(lambda: list_.property("contentX") == 600)
    QQmlExpression(QQmlEngine.contextForObject(list_), list_, "shift()").evaluate()
    qtbot.waitUntil(lambda: list_.property("originX") < 0)
    list_.setProperty("currentIndex", 0)  # the rows added before, at x < 0 in the content
    qtbot.waitUntil(lambda: list_.property("contentX") == list_.property("originX"))
    assert clipped(view.contentItem()) == []
