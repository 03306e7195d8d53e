pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// Easy mode (larger text, higher contrast, fewer items a row, slower pictures) and, in a
// portrait window, reach mode (everything to touch in the lower two thirds): two toggles
// on a pill, each white when on. Python decides what each does and when they end (kiosk.access).
Rectangle {
    id: controls

    required property KioskController kiosk
    // Icons only (a narrow top bar); the names stay for screen readers.
    property bool compact: false
    // A finger's size at least; taller on the attract loop.
    property int targetHeight: Theme.touchMin

    objectName: "accessControls"
    implicitHeight: targetHeight + Theme.px(12)
    implicitWidth: row.implicitWidth + Theme.px(12)
    radius: height / 2
    color: Theme.glass
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Accessibility")

    // One toggle: its state shows as the language switch shows the language chosen.
    component Toggle: Rectangle {
        id: toggle

        property string icon: ""
        property string label: ""
        property bool on: false

        signal flipped()

        width: controls.compact ? controls.targetHeight
                                : Math.max(controls.targetHeight, content.implicitWidth + Theme.px(44))
        height: controls.targetHeight
        radius: height / 2
        color: on ? Theme.onDark : (tap.pressed ? Theme.glassStrong : "transparent")
        border.width: on ? 0 : Theme.px(Theme.easy ? 3 : 2)
        border.color: Theme.easy ? Theme.onDark : Theme.glassStrong
        Accessible.role: Accessible.CheckBox
        Accessible.name: label
        Accessible.checkable: true
        Accessible.checked: on
        Accessible.onPressAction: toggle.flipped()
        Accessible.onToggleAction: toggle.flipped()

        Behavior on color {
            ColorAnimation { duration: Theme.durationFast }
        }

        Row {
            id: content

            anchors.centerIn: parent
            spacing: Theme.px(10)

            Icon {
                anchors.verticalCenter: parent.verticalCenter
                name: toggle.icon
                color: toggle.on ? Theme.brandDeep : Theme.onDark
                size: Theme.px(38)
            }

            Label {
                anchors.verticalCenter: parent.verticalCenter
                visible: !controls.compact
                text: toggle.label
                color: toggle.on ? Theme.brandDeep : Theme.onDark
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
        }

        MouseArea {
            id: tap

            anchors.fill: parent
            onClicked: toggle.flipped()
        }
    }

    Row {
        id: row

        anchors.centerIn: parent
        spacing: Theme.px(6)

        Toggle {
            objectName: "easyToggle"
            icon: "text-size"
            label: qsTr("Easy mode")
            on: controls.kiosk.access.easy
            onFlipped: controls.kiosk.access.toggleEasy()
        }

        Toggle {
            objectName: "reachToggle"
            visible: controls.kiosk.access.reachAvailable
            icon: "reach"
            label: qsTr("Reach mode")
            on: controls.kiosk.access.reach
            onFlipped: controls.kiosk.access.toggleReach()
        }
    }
}
