pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The customer's voice controls: voice on/off, say it again, softer and louder, each a
// finger-sized round button. Compact (a narrow top bar): one button that opens them in a
// panel under it, so the bar keeps room for the screen's title.
Rectangle {
    id: controls

    required property KioskController kiosk
    property bool compact: false
    readonly property var voice: kiosk.voice

    // One round button of the group.
    component VoiceButton: Rectangle {
        id: button

        property string iconName: ""
        property string name: ""
        property bool checkable: false
        property bool checked: false
        signal activated()

        width: Theme.touchMin
        height: Theme.touchMin
        radius: height / 2
        color: tap.pressed ? Theme.glassStrong : (button.checked ? Theme.onDark : "transparent")
        opacity: enabled ? 1 : 0.45
        Accessible.role: Accessible.Button
        Accessible.name: button.name
        Accessible.checkable: button.checkable
        Accessible.checked: button.checked
        Accessible.onPressAction: button.activated()

        Icon {
            anchors.centerIn: parent
            name: button.iconName
            color: button.checked ? Theme.brandDeep : Theme.onDark
            size: Theme.px(38)
        }

        MouseArea {
            id: tap

            anchors.fill: parent
            onClicked: button.activated()
        }
    }

    component Buttons: Row {
        spacing: Theme.px(4)

        VoiceButton {
            objectName: "voiceToggle"
            iconName: (controls.voice?.on ?? false) ? "speaker" : "speaker-off"
            name: (controls.voice?.on ?? false) ? qsTr("Voice on: turn it off") : qsTr("Voice off: turn it on")
            checkable: true
            checked: (controls.voice?.on ?? false)
            onActivated: controls.voice.toggle()
        }

        VoiceButton {
            objectName: "voiceSayAgain"
            iconName: "say-again"
            name: qsTr("Say it again")
            onActivated: controls.voice.sayAgain()
        }

        VoiceButton {
            objectName: "voiceSofter"
            iconName: "minus"
            name: qsTr("Softer")
            enabled: (controls.voice?.volume ?? 0) > 0
            onActivated: controls.voice.softer()
        }

        Label {
            objectName: "voiceVolume"
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(64)
            horizontalAlignment: Text.AlignHCenter
            text: (controls.voice?.volume ?? 0)
            color: Theme.onDark
            font.pixelSize: Theme.fontSmall
            font.bold: true
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Volume %1").arg((controls.voice?.volume ?? 0))
        }

        VoiceButton {
            objectName: "voiceLouder"
            iconName: "plus"
            name: qsTr("Louder")
            enabled: (controls.voice?.volume ?? 0) < 100
            onActivated: controls.voice.louder()
        }
    }

    objectName: "voiceControls"
    implicitHeight: Theme.touchMin + Theme.px(12)
    implicitWidth: (controls.compact ? Theme.touchMin : wide.implicitWidth) + Theme.px(12)
    radius: height / 2
    color: Theme.glass
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Voice")

    // The row of a wide bar (a compact one has the panel instead: only one is made).
    Loader {
        id: wide

        anchors.centerIn: parent
        active: !controls.compact
        sourceComponent: Buttons {}
    }

    VoiceButton {
        objectName: "voiceMenu"
        anchors.centerIn: parent
        visible: controls.compact
        iconName: (controls.voice?.on ?? false) ? "speaker" : "speaker-off"
        name: qsTr("Voice and volume")
        onActivated: panelLoader.item.opened ? panelLoader.item.close() : panelLoader.item.open()
    }

    // The panel of a compact bar, made only there (every screen's top bar has a set).
    Loader {
        id: panelLoader

        active: controls.compact
        sourceComponent: Popup {
            objectName: "voicePanel"
            parent: controls
            y: controls.height + Theme.px(12)
            x: controls.width - width
            padding: Theme.px(12)
            closePolicy: Popup.CloseOnPressOutside | Popup.CloseOnEscape
            background: Rectangle {
                radius: Theme.touchMin / 2 + Theme.px(12)
                color: Theme.brandDeep
                border.width: Theme.px(2)
                border.color: Theme.glassStrong
            }

            Buttons {}
        }
    }
}
