pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The register of interested customers (kiosk.flow.register), for signed-in staff: the
// customer's consent first (a box never ticked for them), the number on a large keypad, the
// service of interest and when to call, Save, and the receipt line. Over every screen while
// it is open; every word comes from Python (`kiosk.register.face`, kiosk.present.register)
// and a tap calls a slot. Cancel, and the session's idle end, close it and forget the number.
Item {
    id: form

    required property KioskController kiosk
    readonly property var reg: kiosk.register
    readonly property var face: kiosk.register.face
    readonly property string step: face.step
    readonly property bool landscape: width > 1.3 * height && width > Theme.px(1300)

    objectName: "registerForm"
    visible: reg.active

    // Taps never reach the screen below.
    MouseArea {
        anchors.fill: parent
        onPressed: mouse => mouse.accepted = true
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    component Chip: AbstractButton {
        id: chip

        required property var modelData

        objectName: "register_" + chip.modelData.group + "_" + chip.modelData.id
        implicitHeight: Math.max(Theme.px(96), chipText.implicitHeight + Theme.px(28))
        implicitWidth: Math.max(Theme.px(200), chipText.implicitWidth + leftPadding + rightPadding + Theme.px(20))
        // A long service name wraps inside the row rather than running past it.
        width: Math.min(implicitWidth, parent ? parent.width : implicitWidth)
        leftPadding: Theme.px(18)
        rightPadding: Theme.px(18)
        enabled: chip.modelData.enabled
        opacity: enabled ? 1 : 0.4
        focusPolicy: Qt.NoFocus
        Accessible.role: Accessible.RadioButton
        Accessible.name: chip.modelData.label
        Accessible.checkable: true
        Accessible.checked: chip.modelData.chosen
        onClicked: form.reg.choose(chip.modelData.group, chip.modelData.id)

        background: Rectangle {
            radius: Theme.radiusSmall
            color: chip.modelData.chosen ? Theme.brand : Theme.surface
            border.width: Theme.px(3)
            border.color: chip.modelData.chosen ? Theme.brand : Theme.line
        }

        contentItem: Label {
            id: chipText

            text: chip.modelData.label
            color: chip.modelData.chosen ? Theme.onDark : Theme.ink
            font.pixelSize: Theme.fontBody
            font.bold: chip.modelData.chosen
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    component Chips: Flow {
        id: chips

        property string group: ""

        Layout.fillWidth: true
        spacing: Theme.gapSmall + Theme.px(6)

        Repeater {
            model: form.reg.choices.filter(c => c.group === chips.group)

            delegate: Chip {}
        }
    }

    component ProblemBox: Rectangle {
        Layout.fillWidth: true
        visible: form.face.problem !== ""
        implicitHeight: problemText.implicitHeight + Theme.px(32)
        radius: Theme.radiusSmall
        color: Theme.accentSoft

        Label {
            id: problemText

            objectName: "registerProblem"
            anchors.fill: parent
            anchors.margins: Theme.px(16)
            text: form.face.problem
            color: Theme.accentDeep
            font.pixelSize: Theme.fontBody
            font.bold: true
            wrapMode: Text.Wrap
            verticalAlignment: Text.AlignVCenter
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    Flickable {
        id: page

        objectName: "registerPage"
        anchors.fill: parent
        contentHeight: Math.max(height, card.height + 2 * Theme.px(32))
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        clip: true

        Card {
            id: card

            x: Math.round((parent.width - width) / 2)
            y: Math.max(Theme.px(32), Math.floor((page.height - height) / 2))
            width: Math.min(parent.width - 2 * Theme.margin,
                            Theme.px(form.landscape && (form.step === "number" || form.step === "details") ? 1680 : 1240))
            height: column.implicitHeight + 2 * Theme.px(52)
            elevation: 3

            ColumnLayout {
                id: column

                anchors.fill: parent
                anchors.margins: Theme.px(52)
                spacing: form.landscape ? Theme.gap + Theme.gapSmall : Theme.gapLarge

                // -- the form's title, its step and Cancel -------------------------------
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: Theme.px(4)

                        Label {
                            Layout.fillWidth: true
                            text: form.face.title
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontLead
                            font.bold: true
                            wrapMode: Text.Wrap
                        }

                        Label {
                            Layout.fillWidth: true
                            visible: text !== ""
                            text: form.face.stepText
                            color: Theme.inkFaint
                            font.pixelSize: Theme.fontSmall
                        }
                    }

                    KioskButton {
                        objectName: "registerCancel"
                        visible: form.step !== "saved"
                        kind: "quiet"
                        text: form.face.cancelText
                        Accessible.name: text
                        onClicked: form.reg.cancel()
                    }
                }

                Label {
                    objectName: "registerHeading"
                    Layout.fillWidth: true
                    text: form.face.heading
                    color: Theme.ink
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }

                Label {
                    objectName: "registerIntro"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: form.face.intro
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontLead
                    wrapMode: Text.Wrap
                }

                // -- consent --------------------------------------------------------------
                TickBox {
                    objectName: "registerConsent"
                    Layout.fillWidth: true
                    visible: form.step === "consent"
                    text: form.face.consentText
                    ticked: form.face.consent
                    onTickWanted: on => form.reg.setConsent(on)
                }

                // -- the number -----------------------------------------------------------
                GridLayout {
                    Layout.fillWidth: true
                    visible: form.step === "number"
                    columns: form.landscape ? 2 : 1
                    columnSpacing: Theme.gapLarge + Theme.gap
                    rowSpacing: Theme.gapLarge

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignTop
                        spacing: Theme.gap

                        Rectangle {
                            Layout.fillWidth: true
                            implicitHeight: Theme.px(120)
                            radius: Theme.radiusSmall
                            color: Theme.surfaceAlt
                            border.width: Theme.px(2)
                            border.color: form.face.numberFull ? Theme.teal : Theme.line

                            Label {
                                objectName: "registerNumber"
                                anchors.centerIn: parent
                                text: form.face.number
                                color: Theme.ink
                                font.pixelSize: Theme.fontDisplay
                                font.bold: true
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                            }
                        }
                    }

                    SubscribeKeypad {
                        Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                        prefix: "register"
                        eraseText: form.face.eraseText
                        clearText: form.face.clearText
                        onDigit: d => form.reg.digit(d)
                        onErase: form.reg.erase()
                        onClear: form.reg.clear()
                    }
                }

                // -- the service and when to call ----------------------------------------
                GridLayout {
                    Layout.fillWidth: true
                    visible: form.step === "details"
                    columns: form.landscape ? 2 : 1
                    columnSpacing: Theme.gapLarge + Theme.gap
                    rowSpacing: Theme.gapLarge

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.alignment: Qt.AlignTop
                        spacing: Theme.gap

                        Label {
                            Layout.fillWidth: true
                            text: form.face.serviceLabel
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                        }

                        // Two a row, each half the column: a long name wraps to a second
                        // line (at most) rather than making the list run off the screen.
                        GridLayout {
                            Layout.fillWidth: true
                            columns: 2
                            columnSpacing: Theme.gapSmall + Theme.px(6)
                            rowSpacing: Theme.gapSmall + Theme.px(6)

                            Repeater {
                                model: form.reg.choices.filter(c => c.group === "service")

                                delegate: Chip {
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 1
                                    Layout.fillHeight: true
                                }
                            }
                        }
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.alignment: Qt.AlignTop
                        spacing: Theme.gap

                        Label {
                            Layout.fillWidth: true
                            text: form.face.whenLabel
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                        }

                        Chips {
                            group: "day"
                        }

                        Chips {
                            group: "part"
                        }
                    }
                }

                // -- saved ----------------------------------------------------------------
                Rectangle {
                    Layout.fillWidth: true
                    visible: form.step === "saved"
                    implicitHeight: savedColumn.implicitHeight + Theme.px(48)
                    radius: Theme.radiusSmall
                    color: Theme.tealSoft

                    ColumnLayout {
                        id: savedColumn

                        anchors.fill: parent
                        anchors.margins: Theme.px(24)
                        spacing: Theme.gapSmall

                        Label {
                            objectName: "registerSaved"
                            Layout.fillWidth: true
                            text: form.face.savedLine
                            color: Theme.ink
                            font.pixelSize: Theme.fontHeading
                            font.bold: true
                            wrapMode: Text.Wrap
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                        }

                        Label {
                            Layout.fillWidth: true
                            text: form.face.savedNote
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                        }
                    }
                }

                ProblemBox {}

                // -- moves ------------------------------------------------------------------
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap

                    KioskButton {
                        objectName: "registerBack"
                        visible: form.step === "number" || form.step === "details"
                        kind: "secondary"
                        iconName: "back"
                        text: form.face.backText
                        Accessible.name: text
                        onClicked: form.reg.back()
                    }

                    Item {
                        Layout.fillWidth: true
                    }

                    KioskButton {
                        objectName: form.step === "details" ? "registerSave"
                                    : form.step === "saved" ? "registerDone" : "registerContinue"
                        Layout.minimumWidth: Theme.px(280)
                        kind: form.step === "details" ? "accent" : "primary"
                        text: form.step === "details" ? form.face.saveText
                              : form.step === "saved" ? form.face.doneText : form.face.continueText
                        Accessible.name: text
                        onClicked: {
                            if (form.step === "consent")
                                form.reg.consentDone()
                            else if (form.step === "number")
                                form.reg.numberDone()
                            else if (form.step === "details")
                                form.reg.save()
                            else
                                form.reg.done()
                        }
                    }
                }
            }
        }
    }
}
