pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// 中文 | EN: switches the whole screen at once, keeping the customer's place.
Rectangle {
    id: languageSwitch

    required property KioskController kiosk
    readonly property string current: kiosk.language.language

    objectName: "languageSwitch"
    implicitHeight: Theme.touchMin + Theme.px(12)
    implicitWidth: row.implicitWidth + Theme.px(12)
    radius: height / 2
    color: Theme.glass

    Row {
        id: row

        anchors.centerIn: parent
        spacing: Theme.px(4)
        leftPadding: Theme.px(14)

        Icon {
            anchors.verticalCenter: parent.verticalCenter
            name: "globe"
            color: Theme.onDark
            size: Theme.px(34)
        }

        // Breathing room between the globe and the options.
        Item { width: Theme.px(10); height: 1 }

        Repeater {
            model: languageSwitch.kiosk.language.options

            delegate: Rectangle {
                id: option

                required property var modelData
                readonly property bool selected: languageSwitch.current === modelData.lang

                objectName: "language_" + modelData.lang
                width: Math.max(Theme.px(104), optionLabel.implicitWidth + Theme.px(40))
                height: Theme.touchMin
                radius: height / 2
                color: selected ? Theme.onDark : (tap.pressed ? Theme.glassStrong : "transparent")
                Accessible.role: Accessible.Button
                Accessible.name: modelData.label

                Behavior on color {
                    ColorAnimation { duration: Theme.durationFast }
                }

                Label {
                    id: optionLabel

                    anchors.centerIn: parent
                    text: option.modelData.label
                    color: option.selected ? Theme.brandDeep : Theme.onDark
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                }

                MouseArea {
                    id: tap

                    anchors.fill: parent
                    onClicked: languageSwitch.kiosk.language.choose(option.modelData.lang)
                }
            }
        }
    }
}
