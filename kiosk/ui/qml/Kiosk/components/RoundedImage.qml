import QtQuick
import Kiosk

// A pack picture filling its box (centre-cropped) with rounded corners, over a tinted
// placeholder that shows while it loads or if it cannot be read. With `whole`, a picture
// whose shape is too far from the box's to crop within its safe margin (a 1600x600
// banner in a 16:9 box) is shown whole instead, on the placeholder's colour.
Item {
    id: root

    property string source: ""
    property int radius: Theme.radius
    // Which corners are rounded: top-left, top-right, bottom-right, bottom-left.
    property string corners: "1111"
    property color placeholder: Theme.line
    property bool whole: false
    readonly property bool ready: picture.status === Image.Ready

    Rectangle {
        anchors.fill: parent
        // Behind a picture shown whole too: its bands are transparent.
        visible: !root.ready || root.whole
        color: root.placeholder
        topLeftRadius: root.corners[0] === "1" ? root.radius : 0
        topRightRadius: root.corners[1] === "1" ? root.radius : 0
        bottomRightRadius: root.corners[2] === "1" ? root.radius : 0
        bottomLeftRadius: root.corners[3] === "1" ? root.radius : 0
    }

    Image {
        id: picture

        anchors.fill: parent
        // Synchronous on purpose: the provider is Python, and Python must not run on Qt's
        // image-loading thread (the GUI thread may wait for that thread while holding the
        // interpreter lock). It is quick: the picture is mostly kept from the last start, or
        // its source decoded ahead of time (kiosk.ui.images).
        asynchronous: false
        cache: true
        // The size goes in the URL rather than in `sourceSize`: a box laid out width first,
        // then height, then asks once for its picture, not once more with a stale size.
        source: root.source !== "" && Math.round(root.width) > 0 && Math.round(root.height) > 0
                ? "image://rounded/r" + root.radius + "-" + root.corners + (root.whole ? "w" : "") + "-" + Math.round(root.width)
                  + "x" + Math.round(root.height) + "/" + encodeURIComponent(root.source)
                : ""
        opacity: root.ready ? 1 : 0

        Behavior on opacity {
            NumberAnimation { duration: Theme.durationNormal }
        }
    }
}
