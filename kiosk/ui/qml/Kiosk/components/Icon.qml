import QtQuick
import Kiosk

// A UI icon from assets/icons, drawn in any colour by the `icon` image provider.
Image {
    id: icon

    property string name: ""
    property color color: Theme.ink
    property int size: Theme.iconSize

    width: size
    height: size
    sourceSize: Qt.size(size, size)
    fillMode: Image.PreserveAspectFit
    source: name !== "" ? "image://icon/" + name + "/" + String(color).substring(1) : ""
}
