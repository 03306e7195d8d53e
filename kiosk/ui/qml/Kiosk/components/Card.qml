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
    readonly property int shadowOffset: Theme.px(1 + card.elevation * 2)

    // Four translucent layers, each a rounded rectangle a little larger than the card and
    // lowered by the offset. Only what lies outside the (opaque) body shows, so each is
    // drawn as a ring whose hole stays a few pixels inside the body: the same pixels, but
    // blending the whole area of four card-sized layers was most of a frame's cost on a
    // software GL (llvmpipe), where a pressed tile redraws the window.
    Repeater {
        model: card.elevation > 0 ? 4 : 0

        delegate: Rectangle {
            required property int index
            readonly property int spread: Theme.px(2 + index * 4)

            x: -spread
            y: -spread + card.shadowOffset
            width: card.width + 2 * spread
            height: card.height + 2 * spread
            radius: card.radius + spread
            color: "transparent"
            // The hole: inset by spread + offset (+2 px for the edges' antialiasing) from
            // the ring's outside, it lies within the body on every side, corners too.
            border.width: Math.min(spread + card.shadowOffset + 2, Math.min(width, height) / 2)
            border.color: Theme.shadow
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
