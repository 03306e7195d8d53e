pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The attract loop: the pack's playlist, full screen, gapless. Two slots take turns: while
// one shows, the other loads the next item. The attract controller decides what each slot
// loads and which one is in front; the slots report what their media does. A touch
// anywhere starts a session.
Item {
    id: attract

    required property KioskController kiosk
    // The loop's number for this screen, given when it began.
    property int loop: 0
    // Something is on show: an item, or the still when nothing can play.
    readonly property bool presentable: attract.kiosk.attract.presentable

    objectName: "attractScreen"

    // The branded still: behind the slots while the first item loads, and in front of them
    // when nothing in the playlist can be shown.
    BrandBackdrop {
        id: still

        objectName: "attractStill"
        anchors.fill: parent
        z: attract.kiosk.attract.showStill ? 2 : -1

        BrandMark {
            anchors.centerIn: parent
            size: Theme.px(150)
        }
    }

    AttractSlot {
        id: slotA

        objectName: "attractSlotA"
        anchors.fill: parent
        plan: attract.kiosk.attract.slotA
        volume: attract.kiosk.voice.mediaVolume
        safeBottom: Theme.attractButtonBand(Math.min(attract.width, attract.height))
        z: live ? 1 : 0
        visible: ready
    }

    AttractSlot {
        id: slotB

        objectName: "attractSlotB"
        anchors.fill: parent
        plan: attract.kiosk.attract.slotB
        volume: attract.kiosk.voice.mediaVolume
        safeBottom: Theme.attractButtonBand(Math.min(attract.width, attract.height))
        z: live ? 1 : 0
        visible: ready
    }

    // "Touch to start" in both languages: the customer has not chosen one yet.
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Theme.px(320)
        z: 3
        gradient: Gradient {
            GradientStop { position: 0; color: "transparent" }
            GradientStop { position: 1; color: Theme.scrim }
        }
    }

    Rectangle {
        id: hint

        objectName: "attractHint"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        // Margin and height as Theme.attractButtonBand counts them (taller in easy mode by
        // what its two lines grow).
        anchors.bottomMargin: Theme.px(72)
        z: 4
        width: hintRow.implicitWidth + Theme.px(96)
        height: Theme.px(128) + Theme.textGrowth(104)
        radius: height / 2
        color: Theme.accent

        SequentialAnimation on scale {
            loops: Animation.Infinite
            NumberAnimation { from: 1; to: 1.06; duration: 900; easing.type: Easing.InOutSine }
            NumberAnimation { from: 1.06; to: 1; duration: 900; easing.type: Easing.InOutSine }
        }

        Row {
            id: hintRow

            anchors.centerIn: parent
            spacing: Theme.px(24)

            Icon {
                anchors.verticalCenter: parent.verticalCenter
                name: "hand"
                color: Theme.onDark
                size: Theme.px(64)
            }

            Column {
                anchors.verticalCenter: parent.verticalCenter

                Label {
                    text: "点击屏幕开始"
                    color: Theme.onDark
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }

                Label {
                    text: "Touch to start"
                    color: Theme.onDark
                    opacity: 0.9
                    font.pixelSize: Theme.fontBody
                }
            }
        }
    }

    MouseArea {
        objectName: "attractTouchArea"
        anchors.fill: parent
        z: 5
        Accessible.role: Accessible.Button
        // Both languages, as the hint says it: no language has been chosen yet.
        Accessible.name: "点击屏幕开始 Touch to start"
        Accessible.onPressAction: attract.kiosk.nav.start()
        onClicked: attract.kiosk.nav.start()
    }

    // Easy mode (and reach mode) before the first touch: beside "Touch to start" in
    // landscape, above it in portrait. Over the touch area, so a tap here toggles and does
    // not start. Made once the loop shows, in the background: nothing of it costs the start.
    Loader {
        readonly property bool beside: attract.width > attract.height

        z: 6
        x: beside ? Theme.margin : (attract.width - width) / 2
        y: beside ? hint.y + (hint.height - height) / 2 : hint.y - height - Theme.px(40)
        active: attract.presentable
        asynchronous: true
        sourceComponent: AccessControls {
            objectName: "attractAccessControls"
            kiosk: attract.kiosk
            targetHeight: Theme.touchMin + Theme.px(12)
            color: Theme.scrim
        }
    }

    // Voice on/off, say it again and the volume, before a session starts (above the touch
    // area: these taps do not start one). Top right in landscape; in portrait low on the
    // right, beside the easy and reach toggles, where a seated customer reaches it.
    VoiceControls {
        x: attract.width - width - Theme.margin + Theme.px(8)
        y: attract.width > attract.height ? Theme.margin - Theme.px(8) : hint.y - height - Theme.px(40)
        z: 6
        kiosk: attract.kiosk
        compact: attract.width < Theme.px(1300)
    }

    // The staff's way in (or, signed in, their badge): the bottom-right corner, small and
    // away from "Touch to start"; above the touch area, so a tap here starts no session.
    StaffButton {
        x: attract.width - width - Theme.px(24)
        y: attract.height - height - Theme.px(24)
        z: 6
        kiosk: attract.kiosk
    }

    Component.onCompleted: attract.loop = attract.kiosk.attract.begin()
    Component.onDestruction: attract.kiosk.attract.leave(attract.loop)
}
