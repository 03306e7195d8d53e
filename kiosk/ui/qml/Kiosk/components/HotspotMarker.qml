import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A tappable area of a demo scene: outlined, with a pulsing ring that says "touch here"
// and its label. The touch area is never smaller than a finger.
Item {
    id: marker

    required property string hotspotId
    required property string label
    required property real rectX
    required property real rectY
    required property real rectW
    required property real rectH
    // The picture's area on screen, which the fractions are of.
    property rect area: Qt.rect(0, 0, 0, 0)
    // Put the label above the area when there is no room below it.
    readonly property bool labelAbove: rectY + rectH > 0.8
    // The label's bubble lies beside the area, within the picture (tests/ui/fit.py).
    readonly property bool overhangs: true

    signal activated()

    objectName: "hotspot_" + hotspotId
    x: area.x + rectX * area.width
    y: area.y + rectY * area.height
    width: rectW * area.width
    height: rectH * area.height
    Accessible.role: Accessible.Button
    Accessible.name: label

    Rectangle {
        id: ring

        anchors.centerIn: parent
        width: parent.width
        height: parent.height
        radius: Math.min(width, height) / 4
        color: "transparent"
        border.width: Theme.px(4)
        border.color: Theme.accent

        SequentialAnimation on opacity {
            loops: Animation.Infinite
            NumberAnimation { from: 1; to: 0.35; duration: 800; easing.type: Easing.InOutSine }
            NumberAnimation { from: 0.35; to: 1; duration: 800; easing.type: Easing.InOutSine }
        }
    }

    Rectangle {
        anchors.fill: parent
        radius: ring.radius
        color: Theme.accent
        opacity: tap.pressed ? 0.45 : 0.18
    }

    // The pulse: a ring that grows out of the area and fades.
    Rectangle {
        anchors.centerIn: parent
        width: parent.width
        height: parent.height
        radius: ring.radius
        color: "transparent"
        border.width: Theme.px(3)
        border.color: Theme.accent

        NumberAnimation on scale {
            loops: Animation.Infinite
            from: 1
            to: 1.25
            duration: 1400
            easing.type: Easing.OutCubic
        }

        SequentialAnimation on opacity {
            loops: Animation.Infinite
            NumberAnimation { from: 0.9; to: 0; duration: 1400; easing.type: Easing.OutCubic }
        }
    }

    // The label, centred under (or over) the area but kept inside the picture.
    Rectangle {
        x: Math.max(marker.area.x - marker.x + Theme.px(8),
                    Math.min((marker.width - width) / 2,
                             marker.area.x + marker.area.width - marker.x - width - Theme.px(8)))
        y: marker.labelAbove ? -height - Theme.px(14) : parent.height + Theme.px(14)
        // Never wider than the picture: a longer label ends in an ellipsis.
        width: Math.min(labelRow.implicitWidth, marker.area.width - Theme.px(52)) + Theme.px(36)
        height: Math.max(Theme.px(56), hotspotLabel.implicitHeight + Theme.px(16))
        radius: height / 2
        color: Theme.accent

        Row {
            id: labelRow

            anchors.centerIn: parent
            spacing: Theme.px(8)

            Icon {
                id: hand

                anchors.verticalCenter: parent.verticalCenter
                name: "hand"
                color: Theme.onDark
                size: Theme.px(30)
            }

            Label {
                id: hotspotLabel

                anchors.verticalCenter: parent.verticalCenter
                width: Math.min(implicitWidth, marker.area.width - Theme.px(52) - hand.width - labelRow.spacing)
                elide: Text.ElideRight
                text: marker.label
                color: Theme.onDark
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }
        }
    }

    MouseArea {
        id: tap

        anchors.centerIn: parent
        width: Math.max(parent.width, Theme.touchMin)
        height: Math.max(parent.height, Theme.touchMin)
        onClicked: marker.activated()
    }
}
