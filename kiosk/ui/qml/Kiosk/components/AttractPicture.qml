import QtQuick

// A full-screen still of the attract loop. A picture made for the screen's orientation fills
// it; one made for the other orientation (a landscape poster on a portrait screen) is shown
// whole, over a dimmed, cropped copy of itself, rather than cut to pieces, and above
// `bottomInset` (where the "Touch to start" button is), so that nothing of it is under the
// button. (A picture that fills the screen has its bottom band under the button: the
// attract images' safe area, docs/content-pack.md.)
Item {
    id: still

    property alias source: picture.source
    property alias asynchronous: picture.asynchronous
    readonly property alias status: picture.status
    readonly property bool landscape: width > height
    property real bottomInset: 0
    // Worked out when the picture has loaded (a binding on its size would loop through
    // fillMode).
    property bool mismatch: false

    // After `mismatch` is settled, so the first frame with the picture is already right.
    signal loaded()
    signal broken()

    // Not before the item has its size: a synchronous load finishes before layout.
    function fit() {
        if (picture.status !== Image.Ready || still.width <= 0 || still.height <= 0)
            return
        still.mismatch = (picture.sourceSize.width > picture.sourceSize.height) !== still.landscape
    }

    onWidthChanged: still.fit()
    onHeightChanged: still.fit()

    Image {
        anchors.fill: parent
        visible: still.mismatch
        fillMode: Image.PreserveAspectCrop
        source: visible ? picture.source : ""
        opacity: 0.18
    }

    Image {
        id: picture

        objectName: "attractPicture"
        anchors.fill: parent
        anchors.bottomMargin: still.mismatch ? still.bottomInset : 0
        fillMode: still.mismatch ? Image.PreserveAspectFit : Image.PreserveAspectCrop
        onStatusChanged: {
            if (String(source) === "")
                return
            if (status === Image.Ready) {
                still.fit()
                still.loaded()
            } else if (status === Image.Error) {
                still.broken()
            }
        }
    }
}
