pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The staff's sign-in, over every screen, opened by the staff button: the staff number on a
// large keypad, then the 6-digit PIN as dots. What the last try did (wrong: the same words
// for a wrong number and a wrong PIN; locked, with the wait; no roster yet) is Python's.
// Modal: nothing under it takes a touch.
Item {
    id: overlay

    required property KioskController kiosk
    readonly property var pad: kiosk.staff.pad
    readonly property bool shown: pad.shown
    readonly property bool onPin: pad.step === "pin"
    readonly property bool takesDigits: pad.state === "typing" || pad.state === "wrong"

    function waitText(seconds: int): string {
        const m = Math.floor(seconds / 60)
        const s = seconds % 60
        return m + ":" + (s < 10 ? "0" : "") + s
    }

    objectName: "staffPad"
    visible: shown
    enabled: shown
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Staff sign-in")

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
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(680) + 3 * Theme.textGrowth(150))
        height: Math.min(parent.height - 2 * Theme.gap, padLayout.implicitHeight + 2 * Theme.px(40))
        elevation: 4

        ColumnLayout {
            id: padLayout

            anchors.fill: parent
            anchors.margins: Theme.px(40)
            spacing: Theme.px(18)

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gapSmall

                Icon {
                    name: "staff"
                    color: Theme.brand
                    size: Theme.px(48)
                }

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Staff sign-in")
                    color: Theme.ink
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    elide: Text.ElideRight
                }
            }

            Label {
                objectName: "staffPadMessage"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.px(72)
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: overlay.pad.state === "typing" ? Theme.inkSoft : Theme.accentDeep
                text: {
                    switch (overlay.pad.state) {
                    case "wrong": return qsTr("The staff number or PIN is not right. Tries left before the pad locks: %1.").arg(overlay.pad.triesLeft)
                    case "locked": return qsTr("Too many wrong tries. Staff sign-in opens again in %1.").arg(overlay.waitText(overlay.pad.lockedForS))
                    case "noRoster": return qsTr("This kiosk has no staff list yet. It comes from HQ with the next sync.")
                    default: return overlay.onPin ? qsTr("Enter your 6-digit PIN.") : qsTr("Enter your staff number (on your badge).")
                    }
                }
            }

            // The staff number as typed, or the PIN as dots.
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.px(84) + Theme.textGrowth(40)
                radius: Theme.radiusSmall
                color: Theme.surfaceAlt
                border.width: Theme.px(2)
                border.color: Theme.line

                Label {
                    objectName: "staffNumberShown"
                    anchors.centerIn: parent
                    visible: !overlay.onPin
                    text: overlay.pad.number !== "" ? overlay.pad.number : qsTr("Staff number")
                    color: overlay.pad.number !== "" ? Theme.ink : Theme.inkFaint
                    font.pixelSize: Theme.fontTitle
                    font.bold: overlay.pad.number !== ""
                    font.letterSpacing: overlay.pad.number !== "" ? Theme.px(6) : 0
                }

                Row {
                    objectName: "staffPinDots"
                    anchors.centerIn: parent
                    visible: overlay.onPin
                    spacing: Theme.px(20)

                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: overlay.pad.number
                        color: Theme.inkSoft
                        font.pixelSize: Theme.fontBody
                        rightPadding: Theme.px(12)
                    }

                    Repeater {
                        model: overlay.pad.pinLength

                        delegate: Rectangle {
                            required property int index

                            anchors.verticalCenter: parent.verticalCenter
                            width: Theme.px(30) + Theme.textGrowth(12)
                            height: width
                            radius: width / 2
                            color: index < overlay.pad.pinDigits ? Theme.brand : "transparent"
                            border.width: Theme.px(3)
                            border.color: index < overlay.pad.pinDigits ? Theme.brand : Theme.line
                        }
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
                        readonly property bool isOk: modelData === "ok"

                        // staffKey1 ... as every keypad's keys are named (the dial test's `type`).
                        objectName: modelData === "erase" ? "staffKeyErase"
                                    : isOk ? "staffKeyOk" : "staffKey" + modelData
                        implicitWidth: Theme.px(170) + Theme.textGrowth(50)
                        implicitHeight: Theme.px(100) + Theme.textGrowth(30)
                        leftPadding: 0
                        rightPadding: 0
                        kind: isOk ? "primary" : "secondary"
                        iconName: modelData === "erase" ? "chevron-left" : isOk ? (overlay.onPin ? "check" : "chevron-right") : ""
                        text: modelData === "erase" || isOk ? "" : modelData
                        font.pixelSize: Theme.fontTitle
                        Accessible.name: modelData === "erase" ? qsTr("Erase")
                                         : isOk ? (overlay.onPin ? qsTr("Sign in") : qsTr("Next"))
                                         : modelData
                        enabled: isOk ? (overlay.onPin ? overlay.pad.canSubmit : overlay.pad.canNext)
                                 : modelData === "erase" ? (overlay.onPin ? overlay.pad.pinDigits > 0 : overlay.pad.number !== "")
                                 : overlay.takesDigits
                        onClicked: {
                            if (key.isOk) {
                                if (overlay.onPin)
                                    overlay.kiosk.staff.submit()
                                else
                                    overlay.kiosk.staff.next()
                            } else if (key.modelData === "erase") {
                                overlay.kiosk.staff.erase()
                            } else {
                                overlay.kiosk.staff.digit(key.modelData)
                            }
                        }
                    }
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.gap

                KioskButton {
                    objectName: "staffPadBack"
                    visible: overlay.onPin
                    kind: "quiet"
                    iconName: "back"
                    text: qsTr("Staff number")
                    Accessible.name: qsTr("Back to the staff number")
                    onClicked: overlay.kiosk.staff.back()
                }

                KioskButton {
                    objectName: "staffPadCancel"
                    kind: "quiet"
                    iconName: "close"
                    text: qsTr("Cancel")
                    onClicked: overlay.kiosk.staff.cancel()
                }
            }
        }
    }
}
