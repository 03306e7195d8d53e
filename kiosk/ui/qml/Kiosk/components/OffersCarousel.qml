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
    // Around each card, for its shadow (Card's widest ring and offset, at elevation 2).
    readonly property int shadowRoom: Theme.px(20)

    objectName: "offersCarousel"

    ListView {
        id: list

        objectName: "offersList"
        anchors.fill: parent
        // The view clips (the next card waits beside it): it reaches past the carousel by
        // the room a card's shadow takes, and each card is inset by as much. Clipped at
        // the card's own edge, the shadow showed only in the rounded corners, as a grey
        // square behind each.
        anchors.leftMargin: -carousel.shadowRoom
        anchors.rightMargin: -carousel.shadowRoom
        anchors.topMargin: -carousel.shadowRoom
        // Not `dots.visible`, which is false while the screen is made out of sight, nor the
        // row's laid-out height: the cards' first size (their pictures' size) is their last.
        anchors.bottomMargin: (dots.shown ? dots.height + Theme.px(14) : 0) - carousel.shadowRoom
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
            inset: carousel.shadowRoom
            vertical: carousel.vertical
            onActivated: carousel.kiosk.nav.openService(serviceId, "campaign")
        }
    }

    // Turning the carousel is presentation only; it pauses while a finger is on it, and
    // turns slower in easy mode.
    Timer {
        interval: Math.round(7000 * carousel.kiosk.access.pace)
        repeat: true
        running: list.count > 1 && !list.moving && carousel.visible
        onTriggered: list.currentIndex = (list.currentIndex + 1) % list.count
    }

    Row {
        id: dots

        // The model's count, not the view's: the view counts its rows only once it has
        // made them (at the size without dots).
        readonly property bool shown: carousel.kiosk.content.offers.count > 1

        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        height: Theme.px(12)
        spacing: Theme.px(12)
        visible: dots.shown

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
