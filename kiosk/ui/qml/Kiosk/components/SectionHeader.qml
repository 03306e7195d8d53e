import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A section's title with a small coloured icon in front and an optional note after it.
Row {
    id: header

    property string text: ""
    property string note: ""
    property string iconName: ""
    property color color: Theme.brand
    // The width it may take, when bounded: the note gives way (with an ellipsis) first.
    property real room: -1

    spacing: Theme.px(14)
    // As designed, or as tall as its title in easy mode.
    height: Math.max(Theme.px(56), titleLabel.implicitHeight)

    Rectangle {
        anchors.verticalCenter: parent.verticalCenter
        width: Theme.px(48)
        height: width
        radius: Theme.radiusSmall
        color: header.color
        visible: header.iconName !== ""

        Icon {
            anchors.centerIn: parent
            name: header.iconName
            color: Theme.onDark
            size: Theme.px(30)
        }
    }

    Label {
        id: titleLabel

        anchors.verticalCenter: parent.verticalCenter
        text: header.text
        color: Theme.ink
        font.pixelSize: Theme.fontHeading
        font.bold: true
    }

    Label {
        anchors.baseline: titleLabel.baseline
        visible: header.note !== ""
        width: header.room < 0 ? implicitWidth : Math.max(0, Math.min(implicitWidth, header.room - x))
        elide: Text.ElideRight
        text: header.note
        color: Theme.inkFaint
        font.pixelSize: Theme.fontSmall
    }
}
