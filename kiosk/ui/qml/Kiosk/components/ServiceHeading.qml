import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A service's category chip, name and one-line pitch.
ColumnLayout {
    id: heading

    property string categoryName: ""
    property color categoryColor: Theme.brand
    property string name: ""
    property string pitch: ""

    spacing: Theme.px(14)

    Rectangle {
        Layout.preferredHeight: Theme.px(46)
        Layout.preferredWidth: chipLabel.implicitWidth + Theme.px(40)
        radius: height / 2
        color: Qt.rgba(heading.categoryColor.r, heading.categoryColor.g, heading.categoryColor.b, 0.14)

        Label {
            id: chipLabel

            anchors.centerIn: parent
            text: heading.categoryName
            color: Theme.easy ? Theme.deepen(heading.categoryColor) : Qt.darker(heading.categoryColor, 1.25)
            font.pixelSize: Theme.fontSmall
            font.bold: true
        }
    }

    Label {
        objectName: "serviceName"
        Layout.fillWidth: true
        text: heading.name
        color: Theme.ink
        font.pixelSize: Theme.fontDisplay
        font.bold: true
        wrapMode: Text.Wrap
        // A name within its maximum (kiosk/packs/limits.py) takes two lines, three in easy
        // mode; a longer one ends in an ellipsis rather than reading as complete.
        maximumLineCount: 3
        elide: Text.ElideRight
    }

    Label {
        objectName: "servicePitch"
        Layout.fillWidth: true
        text: heading.pitch
        color: Theme.teal
        font.pixelSize: Theme.fontLead
        font.bold: true
        wrapMode: Text.Wrap
    }
}
