pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The attract loop: the pack's playlist, full screen, gapless. Two slots take turns: while
// one shows, the other loads the next item, and the switch happens only when that item is
// ready, so no blank frame ever shows between items. A touch anywhere starts a session.
Item {
    id: attract

    required property KioskController kiosk
    property AttractSlot front: slotA
    readonly property AttractSlot back: front === slotA ? slotB : slotA
    // The item on show is done, but the next is not ready yet: switch as soon as it is.
    property bool waiting: false
    property bool running: false
    // Something is on show: an item, or the still when nothing can play.
    readonly property bool presentable: slotA.ready || slotB.ready || attract.kiosk.attract.showStill

    function begin() {
        const first = attract.kiosk.attract.nextItem("")
        attract.waiting = false
        attract.running = first.itemId !== undefined
        slotA.live = true
        slotB.live = false
        slotA.z = 1
        slotB.z = 0
        attract.front = slotA
        slotA.load(first)
        slotB.load({})
    }

    function preloadAfter(shown: AttractSlot) {
        attract.back.load(attract.kiosk.attract.nextItem(shown.itemId))
    }

    function swap() {
        const incoming = attract.back
        const outgoing = attract.front
        attract.waiting = false
        incoming.live = true
        incoming.play()
        incoming.z = 1
        outgoing.z = 0
        outgoing.live = false
        attract.front = incoming
        outgoing.stop()
        attract.preloadAfter(incoming)
    }

    function onSlotReady(s: AttractSlot) {
        if (s === attract.front && s.live) {
            // The very first item: show it and prepare the next.
            s.play()
            attract.preloadAfter(s)
        } else if (s === attract.back && attract.waiting) {
            attract.swap()
        }
    }

    function onSlotFinished(s: AttractSlot) {
        if (s !== attract.front)
            return
        if (attract.back.ready)
            attract.swap()
        else
            attract.waiting = true
    }

    function onSlotFailed(s: AttractSlot, message: string) {
        const failedId = s.itemId
        if (failedId === "")
            return
        attract.kiosk.attract.markFailed(failedId, message)
        if (s === attract.front && attract.back.ready) {
            // The item on show broke mid-way: the next one is ready, go to it.
            attract.swap()
            return
        }
        s.load(attract.kiosk.attract.nextItem(failedId))
    }

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
        z: 1
        visible: ready
        onReadyChanged: if (ready) attract.onSlotReady(slotA)
        onFinished: attract.onSlotFinished(slotA)
        onFailed: message => attract.onSlotFailed(slotA, message)
    }

    AttractSlot {
        id: slotB

        objectName: "attractSlotB"
        anchors.fill: parent
        z: 0
        visible: ready
        onReadyChanged: if (ready) attract.onSlotReady(slotB)
        onFinished: attract.onSlotFinished(slotB)
        onFailed: message => attract.onSlotFailed(slotB, message)
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
        anchors.bottomMargin: Theme.px(72)
        z: 4
        width: hintRow.implicitWidth + Theme.px(96)
        height: Theme.px(128)
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
        onClicked: attract.kiosk.nav.start()
    }

    Connections {
        target: attract.kiosk.attract

        function onShowStillChanged() {
            if (!attract.kiosk.attract.showStill && !attract.running)
                attract.begin()
        }
    }

    Component.onCompleted: attract.begin()
}
