import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The end of a demo: well done, and what next (subscribe, back to the service, again).
// Covers the whole screen under the top bar.
Rectangle {
    id: panel

    required property KioskController kiosk

    objectName: "demoEndPanel"
    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("You've finished the demo")

    MouseArea {
        // Nothing under the panel reacts while it shows (takes touches, does nothing:
        // no accessible role, tests/ui/test_access.py tells it by its lack of handlers).
        objectName: "demoEndBlocker"
        anchors.fill: parent
    }

    // In easy mode wider (the buttons keep their words) and tighter around its texts, so it
    // fits under the top bar of a landscape window.
    Card {
        id: endCard

        readonly property int inner: Theme.px(Theme.easy ? 44 : 64)

        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(960) + Theme.textGrowth(400))
        height: endLayout.implicitHeight + 2 * inner
        elevation: 3

        ColumnLayout {
            id: endLayout

            anchors.fill: parent
            anchors.margins: endCard.inner
            spacing: Theme.px(Theme.easy ? 22 : 28)

            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.px(Theme.easy ? 96 : 136)
                Layout.preferredHeight: Theme.px(Theme.easy ? 96 : 136)
                radius: width / 2
                color: Theme.success

                Icon {
                    anchors.centerIn: parent
                    name: "check"
                    color: Theme.onDark
                    size: Math.round(parent.width * 0.56)
                }
            }

            Label {
                objectName: "demoEndTitle"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("You've finished the demo")
                color: Theme.ink
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                wrapMode: Text.Wrap
            }

            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Like what you saw? Subscribe, or go back to read more about the service.")
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            KioskButton {
                objectName: "demoEndSubscribeButton"
                Layout.fillWidth: true
                Layout.topMargin: Theme.px(12)
                kind: "accent"
                iconName: "add"
                text: qsTr("Subscribe")
                onClicked: panel.kiosk.nav.openSubscribe()
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap

                KioskButton {
                    objectName: "demoEndBackButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    kind: "secondary"
                    iconName: "back"
                    text: qsTr("Back to the service")
                    onClicked: panel.kiosk.nav.back()
                }

                KioskButton {
                    objectName: "demoEndAgainButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    kind: "secondary"
                    iconName: "restart"
                    text: qsTr("Try again")
                    onClicked: panel.kiosk.demo.restart()
                }
            }
        }
    }
}
