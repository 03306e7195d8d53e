import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A tappable area of a demo scene: outlined, with a pulsing ring that says "touch here"
// and its label. The touch area is never smaller than a finger; the touches themselves go
// to the demo's hotspot layer, which decides between neighbours.
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
    // The scene's other hotspots, as rects in the parent's coordinates: the label keeps
    // off them (a label over another target is tapped for it).
    property var others: []
    // Shown pressed (the demo's hotspot layer takes the touches).
    property bool pressed: false
    // Where the label goes: under the area, else over it, else beside it: the first side
    // that stays inside the picture and covers no other hotspot, or that covers least.
    readonly property string labelSide: {
        const gap = Theme.px(14)
        const w = bubble.width, h = bubble.height
        const sides = {
            below: Qt.rect(x + (width - w) / 2, y + height + gap, w, h),
            above: Qt.rect(x + (width - w) / 2, y - h - gap, w, h),
            right: Qt.rect(x + width + gap, y + (height - h) / 2, w, h),
            left: Qt.rect(x - w - gap, y + (height - h) / 2, w, h)
        }
        // Above and below, the label is slid sideways to stay inside; beside, it must fit.
        const fits = (side, r) => r.y >= area.y && r.y + r.height <= area.y + area.height
            && (side === "below" || side === "above"
                || (r.x >= area.x && r.x + r.width <= area.x + area.width))
        const covered = r => others.reduce((sum, o) => sum
            + Math.max(0, Math.min(r.x + r.width, o.x + o.width) - Math.max(r.x, o.x))
            * Math.max(0, Math.min(r.y + r.height, o.y + o.height) - Math.max(r.y, o.y)), 0)
        let best = "", least = Infinity
        for (const side of ["below", "above", "right", "left"]) {
            const r = sides[side]
            const c = fits(side, r) ? covered(r) : Infinity
            if (c < least) {
                best = side
                least = c
            }
        }
        return best !== "" ? best : (rectY + rectH > 0.8 ? "above" : "below")
    }
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
    Accessible.onPressAction: marker.activated()

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
        opacity: marker.pressed ? 0.45 : 0.18
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

    // The label: centred under (or over) the area but kept inside the picture, or beside it.
    Rectangle {
        id: bubble

        objectName: "hotspotLabel_" + marker.hotspotId
        x: marker.labelSide === "right" ? marker.width + Theme.px(14)
         : marker.labelSide === "left" ? -width - Theme.px(14)
         : Math.max(marker.area.x - marker.x + Theme.px(8),
                    Math.min((marker.width - width) / 2,
                             marker.area.x + marker.area.width - marker.x - width - Theme.px(8)))
        y: marker.labelSide === "above" ? -height - Theme.px(14)
         : marker.labelSide === "below" ? parent.height + Theme.px(14)
         : (parent.height - height) / 2
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

    // Where a touch counts for this hotspot, from the closest to the loosest (the hotspot
    // layer asks in that order, so a finger-sized margin never takes a touch from a neighbour):
    // its area, its label, its area grown to a finger's size.
    function reach(p: point): int {
        if (p.x >= x && p.x < x + width && p.y >= y && p.y < y + height)
            return 0
        if (p.x >= x + bubble.x && p.x < x + bubble.x + bubble.width
                && p.y >= y + bubble.y && p.y < y + bubble.y + bubble.height)
            return 1
        const growX = Math.max(0, (Theme.touchMin - width) / 2)
        const growY = Math.max(0, (Theme.touchMin - height) / 2)
        if (p.x >= x - growX && p.x < x + width + growX && p.y >= y - growY && p.y < y + height + growY)
            return 2
        return -1
    }
}
