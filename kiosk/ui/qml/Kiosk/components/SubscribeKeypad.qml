pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A large digit keypad for the subscribe flow, laid out as a phone's: 1-9, then Clear (when
// `clearText` is given), 0 and Erase. Keys are named `<prefix>Key0`..`<prefix>Key9`,
// `<prefix>Clear` and `<prefix>Erase` for tests and the dial test; what a key does is the
// screen's (signals), and Python decides the rest.
GridLayout {
    id: pad

    property string prefix: "subscribe"
    property string eraseText: ""
    property string clearText: ""
    property bool keysEnabled: true
    readonly property int keyWidth: Theme.px(190)
    readonly property int keyHeight: Theme.px(112)

    signal digit(string d)
    signal erase()
    signal clear()

    columns: 3
    rowSpacing: Theme.px(14)
    columnSpacing: Theme.px(18)

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "erase"]

        delegate: KioskButton {
            id: key

            required property string modelData

            readonly property bool command: key.modelData === "erase" || key.modelData === "clear"

            objectName: key.modelData === "erase" ? pad.prefix + "Erase"
                        : key.modelData === "clear" ? pad.prefix + "Clear"
                        : pad.prefix + "Key" + key.modelData
            // Without a Clear key its cell stays empty, so 0 stays under 8.
            readonly property bool absent: key.modelData === "clear" && pad.clearText === ""

            Layout.preferredWidth: pad.keyWidth
            Layout.preferredHeight: pad.keyHeight
            leftPadding: 0
            rightPadding: 0
            kind: key.modelData === "clear" ? "quiet" : "secondary"
            iconName: key.modelData === "erase" ? "back" : ""
            text: key.modelData === "erase" ? "" : key.modelData === "clear" ? pad.clearText : key.modelData
            font.pixelSize: key.command ? Theme.fontBody : Theme.fontTitle
            enabled: pad.keysEnabled && !key.absent
            opacity: key.absent ? 0 : enabled ? 1 : 0.45
            Accessible.role: Accessible.Button
            Accessible.name: key.modelData === "erase" ? pad.eraseText : key.modelData === "clear" ? pad.clearText : key.modelData
            onClicked: {
                if (key.modelData === "erase")
                    pad.erase()
                else if (key.modelData === "clear")
                    pad.clear()
                else
                    pad.digit(key.modelData)
            }
        }
    }
}
