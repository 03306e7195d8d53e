import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// "Still there?": shown by the session controller after a while without a touch. It is
// modal: a touch anywhere on it continues the session; Start over ends it at once.
Item {
    id: overlay

    required property KioskController kiosk
    readonly property bool shown: kiosk.session.warning

    objectName: "idleOverlay"
    visible: opacity > 0
    opacity: shown ? 1 : 0

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
        onPressed: overlay.kiosk.session.touch()
    }

    Card {
        anchors.centerIn: parent
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
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Touch anywhere to carry on. To keep your choices private, we will start over in %n second(s).", "", overlay.kiosk.session.countdown)
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            // Side by side; one above the other in easy mode, where two do not fit. (Not
            // worked out from the buttons' widths: a button's width follows its label's
            // room, which would follow the columns.)
            GridLayout {
                Layout.alignment: Qt.AlignHCenter
                Layout.fillWidth: columns === 1
                Layout.topMargin: Theme.px(8)
                columns: Theme.textScale > 1.2 ? 1 : 2
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap

                KioskButton {
                    id: startOver

                    Layout.fillWidth: parent.columns === 1
                    objectName: "idleStartOverButton"
                    kind: "secondary"
                    iconName: "restart"
                    text: qsTr("Start over")
                    enabled: overlay.shown
                    onClicked: overlay.kiosk.nav.endSession()
                }

                KioskButton {
                    id: carryOn

                    Layout.fillWidth: parent.columns === 1
                    objectName: "idleContinueButton"
                    kind: "primary"
                    iconName: "check"
                    text: qsTr("I'm still here")
                    enabled: overlay.shown
                    onClicked: overlay.kiosk.session.touch()
                }
            }
        }
    }
}
