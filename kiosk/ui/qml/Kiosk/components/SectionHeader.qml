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

    spacing: Theme.px(14)
    height: Theme.px(56)

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
        text: header.note
        color: Theme.inkFaint
        font.pixelSize: Theme.fontSmall
    }
}
