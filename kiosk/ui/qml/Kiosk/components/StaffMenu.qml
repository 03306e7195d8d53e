import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The signed-in badge's menu: who is signed in, My figures, Register a customer, Sign out. Over every screen; a
// touch beside it closes it.
Item {
    id: menu

    required property KioskController kiosk
    readonly property bool shown: kiosk.staff.menuShown

    objectName: "staffMenu"
    visible: shown
    enabled: shown
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Staff menu")

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }

    MouseArea {
        objectName: "staffMenuOutside"
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Close")
        onClicked: menu.kiosk.staff.closeMenu()
    }

    Card {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(620) + Theme.textGrowth(300))
        height: menuLayout.implicitHeight + 2 * Theme.px(40)
        elevation: 4

        // Touches on the card stay on it.
        MouseArea {
            anchors.fill: parent
        }

        ColumnLayout {
            id: menuLayout

            anchors.fill: parent
            anchors.margins: Theme.px(40)
            spacing: Theme.gap

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap

                Icon {
                    name: "staff"
                    color: Theme.brand
                    size: Theme.px(64)
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.px(4)

                    Label {
                        objectName: "staffMenuName"
                        Layout.fillWidth: true
                        text: menu.kiosk.staff.name
                        color: Theme.ink
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        elide: Text.ElideRight
                    }

                    Label {
                        Layout.fillWidth: true
                        text: (menu.kiosk.staff.role === "manager" ? qsTr("Store manager") : qsTr("Staff"))
                              + " · " + qsTr("No. %1").arg(menu.kiosk.staff.number)
                        color: Theme.inkSoft
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                    }
                }
            }

            KioskButton {
                objectName: "staffMyFigures"
                Layout.fillWidth: true
                kind: "primary"
                iconName: "chart"
                text: qsTr("My figures")
                onClicked: menu.kiosk.staff.openFigures()
            }

            KioskButton {
                objectName: "staffRegister"
                Layout.fillWidth: true
                kind: "secondary"
                iconName: "add"
                // Only where HQ takes the entries (an enrolled kiosk).
                visible: menu.kiosk.register.available
                text: qsTr("Register a customer")
                onClicked: {
                    menu.kiosk.staff.closeMenu()
                    // About the service on show, if any (the form lets staff choose another).
                    const screen = menu.kiosk.nav.screen
                    const onShow = screen === "service" || screen === "demo" || screen === "video" || screen === "subscribe"
                    menu.kiosk.register.open(onShow ? menu.kiosk.content.service.serviceId : "")
                }
            }

            KioskButton {
                objectName: "staffSignOut"
                Layout.fillWidth: true
                kind: "secondary"
                iconName: "sign-out"
                text: qsTr("Sign out")
                onClicked: menu.kiosk.staff.signOut()
            }

            KioskButton {
                objectName: "staffMenuClose"
                Layout.alignment: Qt.AlignHCenter
                kind: "quiet"
                iconName: "close"
                text: qsTr("Close")
                onClicked: menu.kiosk.staff.closeMenu()
            }
        }
    }
}
