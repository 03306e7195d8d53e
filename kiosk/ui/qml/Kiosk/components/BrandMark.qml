import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The experience zone's mark and name, for the top bar and branded screens.
Row {
    id: mark

    property color color: Theme.onDark
    property int size: Theme.px(64)
    property bool showName: true

    spacing: Theme.px(18)

    Icon {
        anchors.verticalCenter: parent.verticalCenter
        name: "brand"
        color: mark.color
        size: mark.size
    }

    Column {
        anchors.verticalCenter: parent.verticalCenter
        visible: mark.showName

        Label {
            text: qsTr("Experience Zone")
            color: mark.color
            font.pixelSize: Math.round(mark.size * 0.5)
            font.bold: true
        }

        Label {
            text: qsTr("Try before you subscribe")
            color: mark.color
            opacity: 0.75
            font.pixelSize: Math.round(mark.size * 0.3)
        }
    }
}
