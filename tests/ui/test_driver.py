"""The driver taps where an item will be drawn, even when its layout has not run yet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent
from PySide6.QtQuick import QQuickItem, QQuickView

from kiosk.ui.driver import centre, placed

# A button loaded below a label that grows in the same change: the layout places the button
# only at the window's next polish, so until then it sits at the column's top.
SCENE = b"""
import QtQuick
import QtQuick.Layouts
Item {
    width: 400; height: 600
    property bool second: false
    ColumnLayout {
        width: parent.width
        spacing: 0
        Rectangle { Layout.preferredHeight: parent.parent.second ? 300 : 50; Layout.fillWidth: true }
        Loader {
            Layout.preferredHeight: 80; Layout.fillWidth: true
            sourceComponent: parent.parent.second ? key : null
        }
    }
    Component { id: key; Rectangle { objectName: "key" } }
}
"""


def test_an_item_just_loaded_into_a_layout_is_tapped_where_the_layout_puts_it(qtbot: Any) -> None:
    view = QQuickView()
    view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
    component = QQmlComponent(view.engine())
    component.setData(SCENE, QUrl())
    root = component.create()
    assert root is not None, component.errorString()
    view.setContent(QUrl(), component, root)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)

    root.setProperty("second", True)  # no event loop runs between this and the tap
    key = root.findChild(QQuickItem, "key")
    assert key is not None
    assert centre(key).y() == 300 + 40  # below the grown label, not where it was created


SIZED_LATER = b"""
import QtQuick
Item {
    width: 400; height: 400
    property real picture: 0
    Rectangle { objectName: "spot"; width: parent.picture * 0.5; height: parent.picture * 0.5 }
}
"""


def test_an_item_sized_from_a_picture_still_loading_is_not_yet_tappable(qtbot: Any) -> None:
    view = QQuickView()
    component = QQmlComponent(view.engine())
    component.setData(SIZED_LATER, QUrl())
    root = component.create()
    assert root is not None, component.errorString()
    spot = root.findChild(QQuickItem, "spot")
    assert spot is not None
    assert not placed(spot)
    root.setProperty("picture", 200)  # the picture has loaded
    assert placed(spot)
