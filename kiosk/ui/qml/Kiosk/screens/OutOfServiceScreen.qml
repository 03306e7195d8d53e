import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// Shown when no content can be used: calm and branded, never a blank window. Both
// languages at once, since nobody can choose one here.
Item {
    id: screen

    objectName: "outOfServiceScreen"

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0; color: Theme.brandDeep }
            GradientStop { position: 1; color: Theme.brandNight }
        }
    }

    Rectangle {
        x: parent.width * 0.6
        y: -parent.height * 0.25
        width: Math.max(parent.width, parent.height) * 0.7
        height: width
        radius: width / 2
        color: Theme.brand
        opacity: 0.25
    }

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1200))
        spacing: Theme.px(28)

        Icon {
            anchors.horizontalCenter: parent.horizontalCenter
            name: "brand"
            color: Theme.onDark
            size: Theme.px(150)
        }

        Item { width: 1; height: Theme.px(20) }

        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "暂停服务"
            color: Theme.onDark
            font.pixelSize: Theme.fontHero
            font.bold: true
        }

        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "Temporarily out of service"
            color: Theme.onDark
            font.pixelSize: Theme.fontTitle
        }

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.px(120)
            height: Theme.px(6)
            radius: height / 2
            color: Theme.teal
        }

        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "请到服务台，工作人员很乐意为您服务"
            color: Theme.onDarkSoft
            font.pixelSize: Theme.fontLead
            wrapMode: Text.Wrap
        }

        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "Our staff at the service counter will be glad to help you"
            color: Theme.onDarkSoft
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
    }
}
