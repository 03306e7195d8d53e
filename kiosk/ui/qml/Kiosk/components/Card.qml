pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A white rounded surface lifted off the page by a soft shadow (drawn with plain
// rectangles, so it looks the same on every renderer).
Item {
    id: card

    default property alias content: body.data
    property alias color: body.color
    property int radius: Theme.radius
    property int elevation: 2

    Repeater {
        model: card.elevation > 0 ? 4 : 0

        delegate: Rectangle {
            required property int index
            readonly property int spread: Theme.px(2 + index * 4)

            x: -spread
            y: -spread + Theme.px(1 + card.elevation * 2)
            width: card.width + 2 * spread
            height: card.height + 2 * spread
            radius: card.radius + spread
            color: Theme.shadow
            opacity: 0.028 * card.elevation / (index + 1)
        }
    }

    Rectangle {
        id: body

        anchors.fill: parent
        radius: card.radius
        color: Theme.surface
    }
}
