import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// What the kiosk says, as words: a guide's text as it is spoken, and every guide and demo
// narration when the customer does not hear it (voice off, muted, quiet hours, no voice
// for the language, volume 0). Takes no touches: what lies under it stays usable.
Item {
    id: bar

    required property KioskController kiosk
    readonly property string caption: kiosk?.voice?.caption ?? ""
    readonly property bool shown: caption !== "" && bar.kiosk?.nav?.screen !== bar.kiosk?.nav?.screens.maintenance

    objectName: "captionBar"
    implicitHeight: box.height + Theme.px(40)
    visible: opacity > 0
    opacity: shown ? 1 : 0
    Accessible.role: Accessible.StaticText
    Accessible.name: bar.caption

    Behavior on opacity {
        NumberAnimation { duration: Theme.durationFast }
    }

    Rectangle {
        id: box

        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(24)
        width: Math.min(parent.width - 2 * Theme.margin, text.implicitWidth + Theme.px(64))
        height: text.implicitHeight + Theme.px(28)
        radius: Theme.radiusSmall
        // Dark enough to read over any screen.
        color: Theme.scrim

        Label {
            id: text

            objectName: "captionText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, bar.width - 2 * Theme.margin - Theme.px(64))
            horizontalAlignment: Text.AlignHCenter
            text: bar.caption
            color: Theme.onDark
            font.pixelSize: Theme.fontLead
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
    }
}
