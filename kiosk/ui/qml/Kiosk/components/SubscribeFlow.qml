pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The subscribe flow's steps (kiosk.flow.subscribe): the number, the review with consent,
// the code, HQ out of reach, the receipt. One card: what the step says on the left (on
// top in portrait), what the customer does on the right (below). Every word comes from
// Python (`kiosk.subscribe.face`, built by kiosk.present.subscribe); a tap calls a slot
// and Python decides what shows next.
Item {
    id: flow

    required property KioskController kiosk
    readonly property var sub: kiosk.subscribe
    readonly property var face: kiosk.subscribe.face
    // Two columns only where both have room: a portrait screen in reach mode gives the flow
    // an area about as wide as it is tall, too narrow for two columns of easy mode's type.
    readonly property bool landscape: width > 1.3 * height && width > Theme.px(1300)
    readonly property string step: face.step
    readonly property bool codeStep: step === "code" || step === "checking"
    readonly property bool canGoBack: step === "review" || step === "sending" || codeStep || step === "offline"

    objectName: "subscribeFlow"

    // Why the customer cannot go on, in plain words.
    component ProblemBox: Rectangle {
        implicitHeight: problemText.implicitHeight + Theme.px(32)
        radius: Theme.radiusSmall
        color: Theme.accentSoft

        Label {
            id: problemText

            objectName: "subscribeProblem"
            anchors.fill: parent
            anchors.margins: Theme.px(16)
            text: flow.face.problem
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

        objectName: "subscribeFlowPage"
        anchors.fill: parent
        contentHeight: Math.max(height, card.height + 2 * Theme.px(32))
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        clip: true

        Card {
            id: card

            x: Math.round((parent.width - width) / 2)
            y: Math.max(Theme.px(32), Math.floor((page.height - height) / 2))
            width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1560))
            height: grid.implicitHeight + 2 * Theme.px(52)
            elevation: 3

            GridLayout {
                id: grid

                anchors.fill: parent
                anchors.margins: Theme.px(52)
                columns: flow.landscape ? 2 : 1
                columnSpacing: Theme.gapLarge + Theme.gap
                rowSpacing: Theme.gapLarge

                // -- what the step says ------------------------------------------------
                ColumnLayout {
                    id: info

                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.px(20)

                    Label {
                        objectName: "subscribeStepLabel"
                        visible: flow.face.stepLabel !== ""
                        text: flow.face.stepLabel
                        color: Theme.teal
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                    }

                    Label {
                        objectName: "subscribeHeading"
                        Layout.fillWidth: true
                        text: flow.face.heading
                        color: Theme.ink
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                    }

                    Label {
                        objectName: "subscribeLead"
                        Layout.fillWidth: true
                        text: flow.face.lead
                        color: Theme.inkSoft
                        font.pixelSize: Theme.fontBody
                        lineHeight: 1.2
                        wrapMode: Text.Wrap
                    }

                    Loader {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.px(8)
                        visible: item !== null
                        sourceComponent: {
                            switch (flow.step) {
                            case "number": return numberInfo
                            case "review": return reviewInfo
                            case "sending": return busyInfo
                            case "code": return codeInfo
                            case "checking": return codeInfo
                            case "receipt": return receiptInfo
                            default: return null
                            }
                        }
                    }
                }

                // -- what the customer does --------------------------------------------
                ColumnLayout {
                    id: controls

                    Layout.fillWidth: !flow.landscape
                    Layout.preferredWidth: flow.landscape ? Theme.px(640) : -1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap

                    Loader {
                        Layout.fillWidth: true
                        visible: item !== null
                        sourceComponent: {
                            switch (flow.step) {
                            case "number": return numberControls
                            case "review": return reviewControls
                            case "code": return codeControls
                            case "checking": return codeControls
                            case "offline": return offlineControls
                            case "receipt": return receiptControls
                            default: return null
                            }
                        }
                    }

                    // Why the customer cannot go on: beside what they tapped (the number's
                    // problems under the number).
                    ProblemBox {
                        Layout.fillWidth: true
                        visible: flow.face.problem !== "" && flow.step !== "number"
                    }

                    RowLayout {
                        Layout.fillWidth: true
                        visible: flow.step !== "receipt"
                        spacing: Theme.gap

                        KioskButton {
                            objectName: "subscribeBack"
                            Layout.fillWidth: true
                            visible: flow.canGoBack
                            kind: "secondary"
                            iconName: "back"
                            text: flow.face.back
                            Accessible.role: Accessible.Button
                            onClicked: flow.kiosk.nav.back()
                        }

                        KioskButton {
                            objectName: "subscribeCancel"
                            Layout.fillWidth: true
                            kind: "quiet"
                            iconName: "close"
                            text: flow.face.cancel
                            Accessible.role: Accessible.Button
                            onClicked: flow.kiosk.nav.cancelSubscribe()
                        }
                    }
                }
            }
        }
    }

    ScrollCue {
        anchors.fill: page
        anchors.rightMargin: Theme.margin - Theme.px(20)
        flickable: page
    }

    // -- the number ----------------------------------------------------------------------
    Component {
        id: numberInfo

        ColumnLayout {
            spacing: Theme.px(12)

            Label {
                text: flow.face.numberLabel
                color: Theme.inkFaint
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.px(132) + Theme.textGrowth(60)
                radius: Theme.radius
                color: Theme.surfaceAlt
                border.width: Theme.px(3)
                border.color: flow.face.problem !== "" ? Theme.accent : flow.face.numberFull ? Theme.teal : Theme.line

                Label {
                    objectName: "subscribeNumber"
                    anchors.fill: parent
                    anchors.leftMargin: Theme.px(32)
                    anchors.rightMargin: Theme.px(32)
                    verticalAlignment: Text.AlignVCenter
                    // The digits typed, grouped as they are read: 138 1234 5678.
                    text: flow.face.number !== "" ? flow.face.number : "1__ ____ ____"
                    color: flow.face.number !== "" ? Theme.ink : Theme.line
                    font.pixelSize: Theme.fontDisplay
                    font.bold: true
                    font.letterSpacing: Theme.px(4)
                    elide: Text.ElideRight
                    Accessible.role: Accessible.StaticText
                    Accessible.name: flow.face.numberLabel
                }
            }

            ProblemBox {
                Layout.fillWidth: true
                Layout.topMargin: Theme.px(8)
                visible: flow.face.problem !== ""
            }
        }
    }

    Component {
        id: numberControls

        ColumnLayout {
            spacing: Theme.gap

            SubscribeKeypad {
                Layout.alignment: Qt.AlignHCenter
                prefix: "subscribe"
                eraseText: flow.face.erase
                clearText: flow.face.clear
                onDigit: d => flow.sub.digit(d)
                onErase: flow.sub.erase()
                onClear: flow.sub.clearNumber()
            }

            KioskButton {
                objectName: "subscribeContinue"
                Layout.fillWidth: true
                kind: "accent"
                iconName: "chevron-right"
                text: flow.face.goOn
                Accessible.role: Accessible.Button
                onClicked: flow.sub.numberDone()
            }
        }
    }

    // -- the review ----------------------------------------------------------------------
    Component {
        id: reviewInfo

        Rectangle {
            implicitHeight: lines.implicitHeight + Theme.px(56)
            radius: Theme.radius
            color: Theme.surfaceAlt
            border.width: Theme.px(2)
            border.color: Theme.line

            ColumnLayout {
                id: lines

                anchors.fill: parent
                anchors.margins: Theme.px(28)
                spacing: Theme.px(14)

                Label {
                    objectName: "subscribeServiceName"
                    Layout.fillWidth: true
                    text: flow.face.serviceName
                    color: Theme.ink
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "subscribePrice"
                    Layout.fillWidth: true
                    text: flow.face.price
                    color: Theme.ink
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "subscribeDiscount"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: flow.face.discount
                    color: Theme.accentDeep
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "subscribeStarts"
                    Layout.fillWidth: true
                    text: flow.face.starts
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "subscribeCancelTerms"
                    Layout.fillWidth: true
                    text: flow.face.cancelTerms
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "subscribeMasked"
                    Layout.fillWidth: true
                    text: flow.face.numberLabel + "  " + flow.face.maskedNumber
                    color: Theme.ink
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }
        }
    }

    Component {
        id: reviewControls

        ColumnLayout {
            spacing: Theme.gap

            TickBox {
                objectName: "subscribeConsent"
                Layout.fillWidth: true
                text: flow.face.consentText
                ticked: flow.face.consent
                onTickWanted: on => flow.sub.setConsent(on)
            }

            TickBox {
                objectName: "subscribeMarketing"
                Layout.fillWidth: true
                text: flow.face.marketingText
                ticked: flow.face.marketing
                onTickWanted: on => flow.sub.setMarketing(on)
            }

            // Never off: without consent, a tap says what is missing.
            KioskButton {
                objectName: "subscribeConfirm"
                Layout.fillWidth: true
                kind: "accent"
                iconName: "check"
                text: flow.face.confirm
                Accessible.role: Accessible.Button
                onClicked: flow.sub.confirm()
            }
        }
    }

    // -- HQ is being asked ---------------------------------------------------------------
    Component {
        id: busyInfo

        RowLayout {
            spacing: Theme.gap

            BusyIndicator {
                objectName: "subscribeBusy"
                Layout.preferredWidth: Theme.px(88)
                Layout.preferredHeight: Theme.px(88)
                running: true
            }

            Label {
                Layout.fillWidth: true
                text: flow.face.busyText
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
        }
    }

    // -- the code ------------------------------------------------------------------------
    Component {
        id: codeInfo

        ColumnLayout {
            spacing: Theme.px(18)

            Row {
                objectName: "subscribeCodeBoxes"
                Layout.alignment: Qt.AlignLeft
                spacing: Theme.px(14)

                Repeater {
                    model: flow.face.codeLength

                    delegate: Rectangle {
                        required property int index

                        width: Theme.px(88)
                        height: Theme.px(112) + Theme.textGrowth(60)
                        radius: Theme.radiusSmall
                        color: Theme.surfaceAlt
                        border.width: Theme.px(3)
                        border.color: index === flow.face.code.length && flow.face.canTypeCode ? Theme.brand
                                      : index < flow.face.code.length ? Theme.teal : Theme.line

                        Label {
                            anchors.centerIn: parent
                            text: flow.face.code.charAt(parent.index)
                            color: Theme.ink
                            font.pixelSize: Theme.fontDisplay
                            font.bold: true
                        }
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                visible: flow.face.busy
                spacing: Theme.gapSmall

                BusyIndicator {
                    objectName: "subscribeBusy"
                    Layout.preferredWidth: Theme.px(64)
                    Layout.preferredHeight: Theme.px(64)
                    running: flow.face.busy
                }

                Label {
                    Layout.fillWidth: true
                    text: flow.face.busyText
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }

            Label {
                objectName: "subscribeExpiry"
                Layout.fillWidth: true
                visible: text !== ""
                text: flow.face.expiry
                color: Theme.ink
                font.pixelSize: Theme.fontBody
                font.bold: true
                wrapMode: Text.Wrap
            }

            Label {
                objectName: "subscribeTries"
                Layout.fillWidth: true
                visible: text !== ""
                text: flow.face.tries
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            KioskButton {
                objectName: "subscribeResend"
                Layout.topMargin: Theme.px(8)
                kind: "secondary"
                iconName: "restart"
                text: flow.face.resend
                enabled: flow.face.canResend
                Accessible.role: Accessible.Button
                onClicked: flow.sub.resend()
            }

            Label {
                objectName: "subscribeResendWait"
                Layout.fillWidth: true
                visible: text !== ""
                text: flow.face.resendWait
                color: Theme.inkFaint
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }
        }
    }

    Component {
        id: codeControls

        ColumnLayout {
            spacing: Theme.gap

            SubscribeKeypad {
                Layout.alignment: Qt.AlignHCenter
                prefix: "subscribeCode"
                eraseText: flow.face.erase
                keysEnabled: flow.step === "code"
                onDigit: d => flow.sub.codeDigit(d)
                onErase: flow.sub.codeErase()
            }

            // Never off: with too few digits, a tap says so; while HQ checks, it waits.
            KioskButton {
                objectName: "subscribeCodeConfirm"
                Layout.fillWidth: true
                kind: "accent"
                iconName: "check"
                text: flow.face.confirm
                Accessible.role: Accessible.Button
                onClicked: flow.sub.submitCode()
            }
        }
    }

    // -- HQ out of reach -----------------------------------------------------------------
    Component {
        id: offlineControls

        ColumnLayout {
            spacing: Theme.gap

            KioskButton {
                objectName: "subscribeSmsReply"
                Layout.fillWidth: true
                kind: "accent"
                iconName: "check"
                text: flow.face.smsReply
                Accessible.role: Accessible.Button
                onClicked: flow.sub.smsReply()
            }

            KioskButton {
                objectName: "subscribeRetry"
                Layout.fillWidth: true
                kind: "secondary"
                iconName: "restart"
                text: flow.face.retry
                Accessible.role: Accessible.Button
                onClicked: flow.sub.retryOnline()
            }
        }
    }

    // -- the receipt ---------------------------------------------------------------------
    Component {
        id: receiptInfo

        ColumnLayout {
            spacing: Theme.px(18)

            Label {
                text: flow.face.referenceLabel
                color: Theme.inkFaint
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }

            Label {
                objectName: "subscribeReference"
                Layout.fillWidth: true
                text: flow.face.reference
                color: Theme.brand
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                font.letterSpacing: Theme.px(2)
                elide: Text.ElideRight
            }

            Label {
                objectName: "subscribePending"
                Layout.fillWidth: true
                text: flow.face.pending
                color: Theme.ink
                font.pixelSize: Theme.fontBody
                font.bold: true
                lineHeight: 1.2
                wrapMode: Text.Wrap
            }

            Label {
                objectName: "subscribeNext"
                Layout.fillWidth: true
                text: flow.face.nextSteps
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                lineHeight: 1.2
                wrapMode: Text.Wrap
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: answer.implicitHeight + Theme.px(32)
                visible: flow.face.answer !== ""
                radius: Theme.radiusSmall
                color: flow.face.answerBad ? Theme.accentSoft : Theme.tealSoft

                Label {
                    id: answer

                    objectName: "subscribeAnswer"
                    anchors.fill: parent
                    anchors.margins: Theme.px(16)
                    text: flow.face.answer
                    color: flow.face.answerBad ? Theme.accentDeep : Theme.ink
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
    }

    Component {
        id: receiptControls

        ColumnLayout {
            spacing: Theme.gap

            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: qr.width + Theme.px(24)
                Layout.preferredHeight: qr.height + Theme.px(24)
                color: "white"
                radius: Theme.radiusSmall
                border.width: Theme.px(2)
                border.color: Theme.line

                // One pixel per module, scaled by a whole number so every module is the
                // same size: some 10 px a module, read by a phone at arm's length.
                Image {
                    id: qr

                    readonly property int modules: Math.max(1, implicitWidth)
                    readonly property int side: Math.floor(Theme.px(440) / modules) * modules

                    objectName: "subscribeQr"
                    anchors.centerIn: parent
                    width: side
                    height: side
                    source: flow.face.qr
                    smooth: false
                    mipmap: false
                    fillMode: Image.Stretch
                    Accessible.role: Accessible.Graphic
                    Accessible.name: flow.face.qrCaption
                }
            }

            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: flow.face.qrCaption
                color: Theme.inkSoft
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }

            KioskButton {
                objectName: "subscribeDone"
                Layout.fillWidth: true
                kind: "primary"
                iconName: "check"
                text: flow.face.done
                Accessible.role: Accessible.Button
                onClicked: flow.kiosk.nav.finishSubscribe()
            }
        }
    }
}
