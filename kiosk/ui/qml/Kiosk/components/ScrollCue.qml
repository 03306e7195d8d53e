import QtQuick
import Kiosk

// Shows that a view holds more than it shows: a bar along its right edge (where the view
// is and how much of it shows) and, until its end is reached, a fade over its bottom edge,
// so that no line seems to end the text and no half-cut line shows. Put it over the view
// (same geometry); it takes no touches.
Item {
    id: cue

    required property Flickable flickable
    // The same view, as a type Python can read (tests look for the cue of each view).
    readonly property Item view: flickable
    // The colour the view's content lies on, which the fade turns into.
    property color fadeColor: Theme.background
    readonly property bool scrolls: flickable.contentHeight > flickable.height + 1
    readonly property bool atEnd: flickable.contentY + flickable.height >= flickable.contentHeight - 1

    objectName: "scrollCue"
    visible: cue.scrolls

    Rectangle {
        objectName: "scrollFade"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.min(Theme.px(110), parent.height / 3)
        opacity: cue.atEnd ? 0 : 1
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.rgba(cue.fadeColor.r, cue.fadeColor.g, cue.fadeColor.b, 0) }
            GradientStop { position: 0.7; color: cue.fadeColor }
            GradientStop { position: 1; color: cue.fadeColor }
        }

        Behavior on opacity {
            NumberAnimation { duration: Theme.durationFast }
        }
    }

    Rectangle {
        id: track

        objectName: "scrollBar"
        anchors.right: parent.right
        anchors.rightMargin: -Theme.px(14)
        y: Theme.px(6)
        width: Theme.px(6)
        height: parent.height - Theme.px(12)
        radius: width / 2
        color: Theme.line

        Rectangle {
            width: parent.width
            radius: width / 2
            y: Math.round(Math.max(0, Math.min(1 - height / track.height, cue.flickable.visibleArea.yPosition)) * track.height)
            height: Math.max(Theme.px(48), Math.round(cue.flickable.visibleArea.heightRatio * track.height))
            color: Theme.inkFaint
        }
    }
}
