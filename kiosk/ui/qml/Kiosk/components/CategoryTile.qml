import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A category on the home screen: its colour, icon, name and how many services it holds.
Item {
    id: tile

    required property string categoryId
    required property string name
    required property string color
    required property string icon
    required property int serviceCount
    readonly property bool compact: width < Theme.px(380)
    readonly property color ground: Theme.deepen(tile.color)

    signal activated()

    objectName: "categoryTile_" + categoryId
    Accessible.role: Accessible.Button
    Accessible.name: name
    // The pressed look shows in the first frame after the touch and eases back on release.
    // (Eased in, its first frame would be drawn at the start, unchanged: the touch would
    // show a frame later, which on a software GL is tens of milliseconds.)
    states: State {
        name: "pressed"
        when: tap.pressed

        PropertyChanges { tile.scale: 0.97 }
    }
    transitions: Transition {
        from: "pressed"

        NumberAnimation { property: "scale"; duration: Theme.durationFast; easing.type: Easing.OutQuad }
    }

    Card {
        anchors.fill: parent
        color: tile.ground
        elevation: 2

        Rectangle {
            anchors.fill: parent
            radius: Theme.radius
            // Easy mode: one deep colour, white text on it at least 4.5:1.
            gradient: Gradient {
                GradientStop { position: 0; color: Theme.easy ? tile.ground : Qt.lighter(tile.ground, 1.12) }
                GradientStop { position: 1; color: Theme.easy ? tile.ground : Qt.darker(tile.ground, 1.18) }
            }
        }

        // A soft disc in the corner gives the tile depth.
        Rectangle {
            x: parent.width - width * 0.62
            y: -height * 0.38
            width: parent.height * 1.05
            height: width
            radius: width / 2
            color: Theme.onDark
            opacity: 0.10
        }

        // Wide tiles: icon, texts and chevron in a row. Narrow tiles: the icon and the
        // count on top, the name (up to two lines) along the bottom.
        Rectangle {
            id: badge

            x: Theme.px(tile.compact ? 20 : 28)
            y: tile.compact ? Theme.px(18) : (parent.height - height) / 2
            width: Theme.px(tile.compact ? 64 : 88)
            height: width
            radius: width / 2
            color: Theme.surface

            Image {
                anchors.centerIn: parent
                width: Math.round(parent.width * 0.62)
                height: width
                sourceSize: Qt.size(width, height)
                fillMode: Image.PreserveAspectFit
                source: tile.icon
                asynchronous: true
            }
        }

        Icon {
            id: chevron

            visible: !tile.compact
            x: parent.width - width - Theme.px(22)
            y: (parent.height - height) / 2
            name: "chevron-right"
            color: Theme.onDark
            size: Theme.px(40)
        }

        Label {
            id: nameLabel

            x: tile.compact ? badge.x : badge.x + badge.width + Theme.px(22)
            y: tile.compact ? parent.height - height - Theme.px(16)
                            : (parent.height - height - countLabel.height) / 2
            width: tile.compact ? parent.width - 2 * x : chevron.x - x - Theme.px(12)
            text: tile.name
            color: Theme.onDark
            font.pixelSize: tile.compact ? Theme.fontBody : Theme.fontLead
            font.bold: true
            lineHeight: 0.95
            wrapMode: Text.Wrap
            // Two lines also on a wide tile in easy mode, where the name is larger.
            maximumLineCount: tile.compact || Theme.easy ? 2 : 1
            elide: Text.ElideRight
        }

        Label {
            id: countLabel

            x: tile.compact ? parent.width - width - Theme.px(20) : nameLabel.x
            y: tile.compact ? badge.y + (badge.height - height) / 2 : nameLabel.y + nameLabel.height
            width: tile.compact ? Math.min(implicitWidth, parent.width - badge.width - Theme.px(52)) : nameLabel.width
            horizontalAlignment: tile.compact ? Text.AlignRight : Text.AlignLeft
            text: qsTr("%n service(s)", "", tile.serviceCount)
            color: Theme.onDark
            opacity: Theme.easy ? 1 : 0.85
            font.pixelSize: tile.compact ? Theme.fontCaption : Theme.fontSmall
            elide: Text.ElideRight
        }
    }

    MouseArea {
        id: tap

        anchors.fill: parent
        onClicked: tile.activated()
    }
}
