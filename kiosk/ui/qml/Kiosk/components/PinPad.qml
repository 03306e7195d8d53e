pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The staff's PIN pad, over every screen, opened by the corner held (Python decides when).
// Dots, never digits; what the last try did (wrong with tries left, locked with the wait,
// no PIN set); it is modal: nothing under it takes a touch.
Item {
    id: overlay

    required property KioskController kiosk
    readonly property var pad: kiosk.maintenance.pad
    readonly property bool shown: pad.shown
    readonly property bool takesDigits: pad.state === "typing" || pad.state === "wrong"

    // Lays the pad out at once, not before the next frame (made on demand, see Main.qml):
    // the card's height follows its content, so twice.
    function layOut() {
        padLayout.ensurePolished()
        padLayout.ensurePolished()
    }

    function waitText(seconds: int): string {
        const m = Math.floor(seconds / 60)
        const s = seconds % 60
        return m + ":" + (s < 10 ? "0" : "") + s
    }

    objectName: "pinPad"
    visible: shown
    enabled: shown
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Staff maintenance")

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }

    // Takes every touch around the card, so nothing underneath is pressed.
    MouseArea {
        anchors.fill: parent
    }

    Card {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(640))
        height: padLayout.implicitHeight + 2 * Theme.px(44)
        elevation: 4

        ColumnLayout {
            id: padLayout

            anchors.fill: parent
            anchors.margins: Theme.px(44)
            spacing: Theme.px(22)

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gapSmall

                Icon {
                    name: "brand"
                    color: Theme.brand
                    size: Theme.px(48)
                }

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Staff maintenance")
                    color: Theme.ink
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    elide: Text.ElideRight
                }
            }

            Label {
                objectName: "pinMessage"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.px(72)
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: overlay.pad.state === "typing" ? Theme.inkSoft : Theme.accentDeep
                text: {
                    switch (overlay.pad.state) {
                    case "wrong": return qsTr("Wrong PIN. Tries left before the pad locks: %1.").arg(overlay.pad.triesLeft)
                    case "locked": return qsTr("Too many wrong PINs. Try again in %1.").arg(overlay.waitText(overlay.pad.lockedForS))
                    case "noPin": return qsTr("No maintenance PIN is set on this kiosk. Set one at its terminal with `kiosk admin-pin`.")
                    default: return qsTr("Enter the maintenance PIN.")
                    }
                }
            }

            // The digits typed, as dots: at least the shortest PIN's slots.
            Row {
                objectName: "pinDots"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredHeight: Theme.px(36)
                spacing: Theme.px(18)

                Repeater {
                    model: Math.max(overlay.pad.minDigits, overlay.pad.digits)

                    delegate: Rectangle {
                        required property int index

                        width: Theme.px(28)
                        height: width
                        radius: width / 2
                        color: index < overlay.pad.digits ? Theme.brand : "transparent"
                        border.width: Theme.px(3)
                        border.color: index < overlay.pad.digits ? Theme.brand : Theme.line
                    }
                }
            }

            GridLayout {
                Layout.alignment: Qt.AlignHCenter
                columns: 3
                rowSpacing: Theme.px(14)
                columnSpacing: Theme.px(18)

                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]

                    delegate: KioskButton {
                        id: key

                        required property string modelData

                        objectName: "pinKey_" + modelData
                        implicitWidth: Theme.px(150)
                        implicitHeight: Theme.px(96)
                        leftPadding: 0
                        rightPadding: 0
                        kind: modelData === "ok" ? "primary" : "secondary"
                        iconName: modelData === "erase" ? "chevron-left" : modelData === "ok" ? "check" : ""
                        text: modelData === "erase" || modelData === "ok" ? "" : modelData
                        font.pixelSize: Theme.fontTitle
                        Accessible.name: modelData === "erase" ? qsTr("Erase") : modelData === "ok" ? qsTr("OK") : modelData
                        enabled: modelData === "ok" ? overlay.pad.canSubmit
                                 : modelData === "erase" ? overlay.pad.digits > 0
                                 : overlay.takesDigits
                        onClicked: {
                            if (key.modelData === "ok")
                                overlay.kiosk.maintenance.submit()
                            else if (key.modelData === "erase")
                                overlay.kiosk.maintenance.erase()
                            else
                                overlay.kiosk.maintenance.digit(key.modelData)
                        }
                    }
                }
            }

            KioskButton {
                objectName: "pinCancel"
                Layout.alignment: Qt.AlignHCenter
                kind: "quiet"
                iconName: "close"
                text: qsTr("Cancel")
                onClicked: overlay.kiosk.maintenance.cancel()
            }
        }
    }
}
