import QtQuick
import QtQuick.Layouts
import Kiosk
import KioskBackend

// What the customer can do with a service: subscribe (the main action), try its demo and
// watch its video (only when it has them); one a row in easy mode.
GridLayout {
    id: actions

    required property KioskController kiosk
    readonly property var service: kiosk.content.service
    readonly property int extras: (service.hasDemo ? 1 : 0) + (service.hasVideo ? 1 : 0)

    columns: Theme.easy ? 1 : Math.max(1, extras)
    rowSpacing: Theme.gap
    columnSpacing: Theme.gap

    KioskButton {
        objectName: "tryDemoButton"
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        visible: actions.service.hasDemo
        kind: "primary"
        iconName: "touch"
        text: qsTr("Try the demo")
        onClicked: actions.kiosk.nav.openDemo()
    }

    KioskButton {
        objectName: "watchVideoButton"
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        visible: actions.service.hasVideo
        kind: actions.service.hasDemo ? "secondary" : "primary"
        iconName: "play"
        text: qsTr("Watch the video")
        onClicked: actions.kiosk.nav.openVideo()
    }

    KioskButton {
        objectName: "subscribeButton"
        Layout.fillWidth: true
        Layout.columnSpan: actions.columns
        kind: "accent"
        iconName: "add"
        text: qsTr("Subscribe")
        onClicked: actions.kiosk.nav.openSubscribe()
    }
}
