import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// Reach mode's top third: the screen's title, large, and a word that everything to touch is
// below. Nothing here takes a touch (a touch here still counts as one for the idle clock).
Rectangle {
    id: header

    required property KioskController kiosk
    readonly property var screens: kiosk.nav.screens
    readonly property string title: {
        switch (kiosk.nav.screen) {
        case screens.home: return qsTr("Explore services")
        case screens.category: return kiosk.content.category.name
        case screens.service: return kiosk.content.service.name
        case screens.demo: return kiosk.demo.title
        case screens.video: return kiosk.video.title
        case screens.subscribe: return qsTr("Subscribe") + ": " + kiosk.content.service.name
        default: return qsTr("Experience Zone")
        }
    }
    // Under a service's name, its price: it may be scrolled out of sight below.
    readonly property string detail: kiosk.nav.screen === screens.service ? kiosk.content.service.priceNow : ""

    objectName: "reachHeader"
    Accessible.role: Accessible.Heading
    Accessible.name: header.title
    gradient: Gradient {
        GradientStop { position: 0; color: Theme.brandNight }
        GradientStop { position: 1; color: Theme.brandDeep }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.margin + Theme.gap
        anchors.bottomMargin: Theme.gap
        spacing: Theme.gap

        Label {
            objectName: "reachTitle"
            Layout.fillWidth: true
            Layout.fillHeight: true
            verticalAlignment: Text.AlignBottom
            text: header.title
            color: Theme.onDark
            font.pixelSize: Theme.fontDisplay
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Label {
            objectName: "reachDetail"
            Layout.fillWidth: true
            visible: header.detail !== ""
            text: header.detail
            color: Theme.onDark
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gapSmall

            Icon {
                name: "reach"
                color: Theme.onDarkSoft
                size: Theme.px(36)
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("Reach mode: everything to touch is below.")
                color: Theme.onDarkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }
        }
    }
}
