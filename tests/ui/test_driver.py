"""The driver taps where an item will be drawn, even when its layout has not run yet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent, QQmlIncubationController
from PySide6.QtQuick import QQuickItem, QQuickView

from kiosk.ui.driver import centre, placed
from kiosk.ui.scene import named

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


def shown(
    qtbot: Any, scene: bytes, size: tuple[int, int], view: QQuickView | None = None
) -> tuple[QQuickView, QQuickItem]:
    """`scene` made and shown in `view` (a new one if None) at `size`: the view (keep it: the
    scene goes with it) and the scene's root item."""
    view = view or QQuickView()
    view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
    component = QQmlComponent(view.engine(), view)  # the view's: it goes when the view goes
    component.setData(scene, QUrl())
    root = component.create()
    assert root is not None, component.errorString()
    view.setContent(QUrl(), component, root)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view, root


def test_an_item_just_loaded_into_a_layout_is_tapped_where_the_layout_puts_it(qtbot: Any) -> None:
    _view, root = shown(qtbot, SCENE, (400, 600))

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


# Two toggles in an asynchronous Loader centred by its width, as the attract loop's easy and
# reach toggles are: the Loader's width is its item's, which it takes only when done.
CENTRED_BY_WIDTH = b"""
import QtQuick
Item {
    width: 600; height: 300
    property bool go: false
    Loader {
        objectName: "loader"
        x: (parent.width - width) / 2
        active: parent.go
        asynchronous: true
        sourceComponent: Row {
            Rectangle { objectName: "easy"; width: 200; height: 80 }
            Rectangle { objectName: "reach"; width: 200; height: 80 }
        }
    }
}
"""


def test_an_item_an_asynchronous_loader_is_still_making_is_not_placed_until_it_is_taken(qtbot: Any) -> None:
    view = QQuickView()
    stepper = QQmlIncubationController()  # incubates only when told to: each step seen
    view.engine().setIncubationController(stepper)
    view, root = shown(qtbot, CENTRED_BY_WIDTH, (600, 300), view)
    loader = root.findChild(QQuickItem, "loader")
    root.setProperty("go", True)

    seen_early = False
    for _ in range(100):
        easy = named(root, "easy")
        if loader.property("item") is not None:
            break
        if easy is not None:
            # Made, found by name, but where the reach toggle will be drawn.
            seen_early = True
            assert centre(easy).x() == 400 and not placed(easy)
        stepper.incubateFor(0)

    assert seen_early, "the incubation never showed the item before the Loader took it"
    easy = named(root, "easy")
    assert easy is not None and placed(easy) and centre(easy).x() == 200
