import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// "Still there?": shown by the session controller after a while without a touch, with the
// seconds left. It is modal: one tap on More time (or anywhere on it) gives the customer
// the idle time again in full; Start over ends the session at once.
Item {
    id: overlay

    required property KioskController kiosk
    readonly property bool shown: kiosk.session.warning

    objectName: "idleOverlay"
    visible: opacity > 0
    opacity: shown ? 1 : 0
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Still there?")

    Behavior on opacity {
        NumberAnimation { duration: Theme.durationNormal }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }

    // Takes every touch that reaches the overlay, so nothing underneath is pressed.
    MouseArea {
        objectName: "idleContinueArea"
        anchors.fill: parent
        enabled: overlay.shown
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Touch anywhere for more time")
        Accessible.onPressAction: overlay.kiosk.session.extend()
        onPressed: overlay.kiosk.session.extend()
    }

    Card {
        anchors.centerIn: parent
        // Reach mode: in the lower two thirds, with everything else to touch.
        anchors.verticalCenterOffset: overlay.kiosk.access.reach ? parent.height / 6 : 0
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(860))
        height: warningLayout.implicitHeight + 2 * Theme.px(56)
        elevation: 4
        scale: overlay.shown ? 1 : 0.94

        Behavior on scale {
            NumberAnimation { duration: Theme.durationNormal; easing.type: Easing.OutBack }
        }

        ColumnLayout {
            id: warningLayout

            anchors.fill: parent
            anchors.margins: Theme.px(56)
            spacing: Theme.px(28)

            CountdownRing {
                Layout.alignment: Qt.AlignHCenter
                value: overlay.kiosk.session.countdown
                total: overlay.kiosk.session.countdownTotal
            }

            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Still there?")
                color: Theme.ink
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                wrapMode: Text.Wrap
            }

            Label {
                objectName: "idleTimeLeft"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("To keep your choices private, we will start over in %n second(s).", "", overlay.kiosk.session.countdown)
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            // One tap gives the idle time again: the large button, first.
            KioskButton {
                id: moreTime

                Layout.fillWidth: true
                Layout.topMargin: Theme.px(8)
                Layout.preferredHeight: Theme.buttonHeight + Theme.px(20)
                objectName: "idleContinueButton"
                kind: "primary"
                iconName: "add"
                iconSize: Theme.iconSize
                text: qsTr("More time")
                font.pixelSize: Theme.fontLead
                enabled: overlay.shown
                onClicked: overlay.kiosk.session.extend()
            }

            KioskButton {
                id: startOver

                Layout.alignment: Qt.AlignHCenter
                objectName: "idleStartOverButton"
                kind: "secondary"
                iconName: "restart"
                text: qsTr("Start over")
                enabled: overlay.shown
                onClicked: overlay.kiosk.nav.endSession()
            }
        }
    }
}
