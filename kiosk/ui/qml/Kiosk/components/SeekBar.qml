import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A video's progress that a finger can drag: a thick track and a large handle.
Slider {
    id: bar

    objectName: "seekBar"
    implicitHeight: Theme.touchMin
    from: 0
    to: 1
    live: true
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Slider

    background: Item {
        x: bar.leftPadding
        y: bar.topPadding + bar.availableHeight / 2 - height / 2
        width: bar.availableWidth
        height: Theme.px(12)

        Rectangle {
            anchors.fill: parent
            radius: height / 2
            color: Theme.glassStrong
        }

        Rectangle {
            width: bar.visualPosition * parent.width
            height: parent.height
            radius: height / 2
            color: Theme.accent
        }
    }

    handle: Rectangle {
        x: bar.leftPadding + bar.visualPosition * (bar.availableWidth - width)
        y: bar.topPadding + bar.availableHeight / 2 - height / 2
        width: Theme.px(bar.pressed ? 48 : 40)
        height: width
        radius: width / 2
        color: Theme.onDark
        border.width: Theme.px(6)
        border.color: Theme.accent

        Behavior on width {
            NumberAnimation { duration: Theme.durationFast }
        }
    }
}
