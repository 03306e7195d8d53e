import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The kiosk's button: a pill at least a finger tall, with an optional icon.
// kind: "primary" (brand blue), "accent" (orange, the main call to action), "secondary"
// (outlined), "glass" (on dark or photographic backgrounds), "quiet" (text only).
Button {
    id: control

    property string iconName: ""
    property string kind: "primary"
    property int iconSize: Math.round(Theme.iconSize * 0.9)
    readonly property color fill: {
        switch (kind) {
        case "primary": return Theme.brand
        case "accent": return Theme.accent
        case "secondary": return Theme.surface
        case "glass": return Theme.glass
        default: return "transparent"
        }
    }
    readonly property color ink: {
        switch (kind) {
        case "secondary": return Theme.brand
        case "quiet": return Theme.inkSoft
        default: return Theme.onDark
        }
    }

    implicitHeight: Theme.buttonHeight
    implicitWidth: Math.max(implicitHeight * 2, implicitContentWidth + leftPadding + rightPadding)
    leftPadding: Theme.px(text !== "" ? 40 : 24)
    rightPadding: Theme.px(text !== "" ? 44 : 24)
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    font.bold: true
    opacity: enabled ? 1 : 0.45
    scale: pressed ? 0.96 : 1
    // Set, not left to Qt: a control gives its role only once a screen reader is on, and
    // the tests and the dial test read it without one.
    Accessible.role: Accessible.Button
    Accessible.name: text
    focusPolicy: Qt.NoFocus

    Behavior on scale {
        NumberAnimation { duration: Theme.durationFast; easing.type: Easing.OutQuad }
    }

    contentItem: RowLayout {
        // A label cut to the button's width may reach past this row by the spacing around
        // the fillers, into the button's padding, never past its edge (tests/ui/fit.py).
        readonly property bool overhangs: true

        spacing: Theme.px(14)

        Item {
            Layout.fillWidth: true
        }

        Icon {
            visible: control.iconName !== ""
            name: control.iconName
            color: control.ink
            size: control.iconSize
        }

        Label {
            Layout.maximumWidth: control.availableWidth - (control.iconName !== "" ? control.iconSize + parent.spacing : 0)
            visible: control.text !== ""
            text: control.text
            font: control.font
            color: control.ink
            elide: Text.ElideRight
        }

        Item {
            Layout.fillWidth: true
        }
    }

    background: Rectangle {
        radius: height / 2
        color: control.pressed ? Qt.darker(control.fill, control.kind === "secondary" ? 1.05 : 1.15) : control.fill
        border.width: control.kind === "secondary" ? Theme.px(3) : 0
        border.color: Theme.brand

        Behavior on color {
            ColorAnimation { duration: Theme.durationFast }
        }
    }
}
