import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The staff's way in, small and a finger wide: signed out, a badge icon that opens the
// sign-in pad; signed in, the member's name, which opens the menu (My figures, Sign out).
// On the attract loop's corner and in every top bar.
KioskButton {
    id: button

    required property KioskController kiosk
    readonly property bool signedIn: kiosk.staff.signedIn
    // Only the icon (the name stays its accessible name): a bar with easy mode's text.
    property bool iconOnly: false
    readonly property bool named: signedIn && !iconOnly

    objectName: signedIn ? "staffBadge" : "staffButton"
    kind: "glass"
    iconName: "staff"
    text: named ? kiosk.staff.name : ""
    implicitHeight: Theme.touchMin + Theme.px(12)
    implicitWidth: named ? Math.min(Theme.px(320), Math.max(implicitHeight * 1.6, implicitContentWidth + leftPadding + rightPadding))
                            : implicitHeight
    leftPadding: Theme.px(named ? 24 : 0)
    rightPadding: Theme.px(named ? 28 : 0)
    Accessible.name: signedIn ? qsTr("Staff: %1").arg(kiosk.staff.name) : qsTr("Staff sign-in")
    onClicked: signedIn ? kiosk.staff.openMenu() : kiosk.staff.openPad()
}
