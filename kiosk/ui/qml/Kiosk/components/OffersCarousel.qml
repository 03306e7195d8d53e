pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// Current campaigns, one card at a time; swipe, or let it turn by itself every few seconds.
// A turn redraws the whole window on every frame it moves (Qt Quick on GL has no partial
// updates), on a home screen that may stay idle for hours: so a turn is brief.
Item {
    id: carousel

    required property KioskController kiosk
    property bool vertical: false
    readonly property int count: list.count

    objectName: "offersCarousel"

    ListView {
        id: list

        objectName: "offersList"
        anchors.fill: parent
        anchors.bottomMargin: dots.visible ? dots.height + Theme.px(14) : 0
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: Theme.durationScreen
        boundsBehavior: Flickable.StopAtBounds
        spacing: Theme.gap
        clip: true
        model: carousel.kiosk.content.offers

        delegate: OfferCard {
            width: list.width
            height: list.height
            vertical: carousel.vertical
            onActivated: carousel.kiosk.nav.openService(serviceId, "campaign")
        }
    }

    // Turning the carousel is presentation only; it pauses while a finger is on it.
    Timer {
        interval: 7000
        repeat: true
        running: list.count > 1 && !list.moving && carousel.visible
        onTriggered: list.currentIndex = (list.currentIndex + 1) % list.count
    }

    Row {
        id: dots

        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        spacing: Theme.px(12)
        visible: list.count > 1

        Repeater {
            model: list.count

            delegate: Rectangle {
                required property int index

                width: index === list.currentIndex ? Theme.px(36) : Theme.px(12)
                height: Theme.px(12)
                radius: height / 2
                color: index === list.currentIndex ? Theme.brand : Theme.line

                Behavior on width {
                    NumberAnimation { duration: Theme.durationScreen }
                }
            }
        }
    }
}
