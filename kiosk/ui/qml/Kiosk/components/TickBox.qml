import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A consent box as wide as its sentence: the whole row is the target. It shows `ticked`
// (Python's state); a tap asks for the other state through `tickWanted`, never by itself.
AbstractButton {
    id: box

    property bool ticked: false

    signal tickWanted(bool on)

    implicitHeight: Math.max(Theme.px(104), sentence.implicitHeight + Theme.px(32))
    leftPadding: Theme.px(20)
    rightPadding: Theme.px(24)
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.CheckBox
    Accessible.name: box.text
    Accessible.checkable: true
    Accessible.checked: box.ticked
    onClicked: box.tickWanted(!box.ticked)

    background: Rectangle {
        radius: Theme.radiusSmall
        color: box.ticked ? Theme.tealSoft : Theme.surfaceAlt
        border.width: Theme.px(2)
        border.color: box.ticked ? Theme.teal : Theme.line
    }

    contentItem: RowLayout {
        spacing: Theme.px(20)

        Rectangle {
            Layout.alignment: Qt.AlignVCenter
            Layout.preferredWidth: Theme.px(56)
            Layout.preferredHeight: Theme.px(56)
            radius: Theme.px(10)
            color: box.ticked ? Theme.teal : Theme.surface
            border.width: Theme.px(4)
            border.color: box.ticked ? Theme.teal : Theme.inkFaint

            Icon {
                anchors.centerIn: parent
                visible: box.ticked
                name: "check"
                color: Theme.onDark
                size: Theme.px(40)
            }
        }

        Label {
            id: sentence

            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            text: box.text
            color: Theme.ink
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
    }
}
