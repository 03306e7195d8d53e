pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The staff's maintenance screen: what the kiosk knows about itself (gathered by Python off
// the UI thread) and the four things staff may do. Words come from here (qsTr); ids,
// versions, times and sizes come as data and show as they are.
Item {
    id: screen

    required property KioskController kiosk
    readonly property var maintenance: kiosk.maintenance
    readonly property var face: maintenance.face
    readonly property var sync: maintenance.sync
    readonly property bool wide: width > height
    property bool confirmExit: false
    // What the left card shows: the status, or the self-test's checks once one has run.
    property string page: "status"

    function label(key: string, name: string): string {
        switch (key) {
        case "identity": return qsTr("This kiosk")
        case "hq": return qsTr("HQ")
        case "content": return qsTr("Content shown")
        case "previous": return qsTr("Kept for roll back")
        case "lastSync": return qsTr("Last sync")
        case "outbox": return qsTr("Events to send")
        case "orders": return qsTr("Customers' orders")
        case "disk": return qsTr("Disk free")
        case "clock": return qsTr("Clock")
        case "status": return qsTr("Status")
        case "voice": return qsTr("Voice")
        default: return qsTr("Pack %1").arg(name)
        }
    }

    function value(key: string, state: string, count: int): string {
        switch (state) {
        case "enrolled": return qsTr("Enrolled at HQ")
        case "notEnrolled": return key === "hq" ? qsTr("None: this kiosk is not enrolled") : qsTr("Not enrolled (kiosk enroll)")
        case "reachable": return qsTr("Reachable")
        case "unreachable": return qsTr("Not reachable")
        case "installed": return qsTr("Pack set from HQ")
        case "sample": return qsTr("Bundled sample content")
        case "valid": return qsTr("Valid")
        case "expired": return qsTr("Signature expired")
        case "unknown": return key === "clock" ? qsTr("Not compared with HQ yet") : key === "voice" ? qsTr("Not known yet") : qsTr("Validity unknown")
        case "kept": return qsTr("Previous pack set")
        case "none": return qsTr("None")
        case "never": return qsTr("Never")
        case "ok": return key === "lastSync" ? qsTr("Succeeded") : key === "clock" ? qsTr("In step with HQ") : key === "voice" ? qsTr("Works") : qsTr("OK")
        case "mutedByStaff": return qsTr("Muted by staff")
        case "quietHours": return qsTr("Quiet hours: silent now")
        case "noEngine": return qsTr("No text-to-speech: recordings play, other guides show as captions")
        case "noVoice": return qsTr("No text-to-speech voice for some languages: their guides show as captions")
        case "failed": return qsTr("Failed")
        case "waiting": return qsTr("%1 waiting").arg(count)
        case "refused": return qsTr("%1 refused by the operator").arg(count)
        case "quarantined": return qsTr("%1 not taken by HQ").arg(count)
        case "unreadable": return qsTr("Cannot be read")
        case "low": return qsTr("Low")
        case "skewed": return qsTr("Off from HQ's clock")
        default: return state
        }
    }

    function checkName(name: string): string {
        switch (name) {
        case "enrolment": return qsTr("Enrolment")
        case "installed files": return qsTr("Installed files")
        case "ledger": return qsTr("Event ledger")
        case "HQ": return qsTr("HQ")
        case "clock": return qsTr("Clock")
        case "video decoding": return qsTr("Video decoding")
        case "audio decoding": return qsTr("Audio decoding")
        case "disk": return qsTr("Disk")
        default: return name
        }
    }

    objectName: "maintenanceScreen"
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Maintenance")

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    Rectangle {
        id: bar

        anchors.left: parent.left
        anchors.right: parent.right
        height: Theme.topBarHeight
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: Theme.brandNight }
            GradientStop { position: 1; color: Theme.brandDeep }
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin - Theme.px(8)
            spacing: Theme.gap

            Icon {
                name: "brand"
                color: Theme.onDark
                size: Theme.px(60)
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("Maintenance")
                color: Theme.onDark
                font.pixelSize: Theme.fontHeading
                font.bold: true
                elide: Text.ElideRight
            }

            LanguageSwitch {
                kiosk: screen.kiosk
            }

            KioskButton {
                objectName: "maintenanceClose"
                kind: "glass"
                iconName: "home"
                text: screen.wide ? qsTr("Back to customers") : ""
                Accessible.name: qsTr("Back to customers")
                implicitWidth: screen.wide ? Math.max(implicitHeight * 2, implicitContentWidth + leftPadding + rightPadding) : implicitHeight
                implicitHeight: Theme.touchMin + Theme.px(12)
                onClicked: screen.maintenance.close()
            }
        }
    }

    Flickable {
        id: page

        // Scrolls so that `item` shows whole (a question that opened below the fold).
        function reveal(item: Item): void {
            const bottom = item.mapToItem(page.contentItem, 0, item.height).y + Theme.gap
            if (bottom > page.contentY + page.height)
                page.contentY = Math.min(bottom - page.height, Math.max(0, page.contentHeight - page.height))
        }

        anchors.top: bar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: grid.implicitHeight + Theme.gap + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        GridLayout {
            id: grid

            x: Theme.margin
            y: Theme.gap
            width: parent.width - 2 * Theme.margin
            columns: screen.wide ? 2 : 1
            columnSpacing: Theme.gapLarge
            rowSpacing: Theme.gapLarge

            // -- status ----------------------------------------------------------------
            Card {
                Layout.fillWidth: true
                Layout.preferredWidth: 11
                Layout.alignment: Qt.AlignTop
                implicitHeight: statusColumn.implicitHeight + 2 * Theme.px(30)

                ColumnLayout {
                    id: statusColumn

                    anchors.fill: parent
                    anchors.margins: Theme.px(30)
                    spacing: Theme.px(4)

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.gap

                        // The title alone until a self-test has run; then two tabs.
                        Label {
                            visible: !screen.face.tested && !screen.face.testing
                            Layout.preferredHeight: Theme.touchMin
                            verticalAlignment: Text.AlignVCenter
                            text: qsTr("Status")
                            color: Theme.ink
                            font.pixelSize: Theme.fontHeading
                            font.bold: true
                        }

                        Repeater {
                            model: screen.face.tested || screen.face.testing ? ["status", "checks"] : []

                            delegate: KioskButton {
                                id: tab

                                required property string modelData

                                objectName: "maintenanceTab_" + modelData
                                kind: screen.page === modelData ? "primary" : "quiet"
                                implicitHeight: Theme.touchMin
                                leftPadding: Theme.px(28)
                                rightPadding: Theme.px(28)
                                font.pixelSize: Theme.fontLead
                                text: modelData === "status" ? qsTr("Status") : qsTr("Self-test")
                                onClicked: screen.page = tab.modelData
                            }
                        }

                        Item {
                            Layout.fillWidth: true
                        }

                        Label {
                            objectName: "maintenanceGathering"
                            visible: screen.page === "status" && screen.face.gathering
                            text: qsTr("Checking…")
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontSmall
                        }

                        KioskButton {
                            objectName: "maintenanceRefresh"
                            visible: screen.page === "status"
                            kind: "secondary"
                            iconName: "restart"
                            text: ""
                            Accessible.name: qsTr("Check again")
                            implicitWidth: Theme.touchMin
                            implicitHeight: Theme.touchMin
                            leftPadding: 0
                            rightPadding: 0
                            enabled: !screen.face.gathering
                            onClicked: screen.maintenance.refresh()
                        }
                    }

                    Repeater {
                        model: screen.page === "status" ? screen.maintenance.status : null

                        delegate: RowLayout {
                            id: statusRow

                            required property string key
                            required property string state
                            required property bool ok
                            required property string label
                            required property string detail
                            required property int count
                            required property bool neutral

                            Layout.fillWidth: true
                            spacing: Theme.gap

                            Rectangle {
                                Layout.alignment: Qt.AlignTop
                                Layout.topMargin: Theme.px(12)
                                width: Theme.px(16)
                                height: width
                                radius: width / 2
                                color: statusRow.neutral ? Theme.inkFaint : statusRow.ok ? Theme.success : Theme.accent
                            }

                            Label {
                                Layout.preferredWidth: Theme.px(300)
                                Layout.alignment: Qt.AlignTop
                                text: screen.label(statusRow.key, statusRow.label)
                                color: Theme.inkSoft
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }

                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0

                                Label {
                                    objectName: "status_" + statusRow.key
                                    Layout.fillWidth: true
                                    text: screen.value(statusRow.key, statusRow.state, statusRow.count)
                                    color: statusRow.ok ? Theme.ink : Theme.accentDeep
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    wrapMode: Text.Wrap
                                }

                                Label {
                                    Layout.fillWidth: true
                                    visible: statusRow.detail !== ""
                                    text: statusRow.detail
                                    color: Theme.inkSoft
                                    font.pixelSize: Theme.fontCaption
                                    wrapMode: Text.Wrap
                                    maximumLineCount: 3
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }

                    Repeater {
                        model: screen.page === "checks" ? screen.maintenance.checks : null

                        delegate: RowLayout {
                            id: checkRow

                            required property string name
                            required property bool ok
                            required property string reason

                            Layout.fillWidth: true
                            Layout.topMargin: Theme.px(8)
                            spacing: Theme.gapSmall

                            Icon {
                                Layout.alignment: Qt.AlignTop
                                name: checkRow.ok ? "check" : "close"
                                color: checkRow.ok ? Theme.success : Theme.accentDeep
                                size: Theme.px(30)
                            }

                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.WrapAnywhere
                                maximumLineCount: 3
                                elide: Text.ElideRight
                                font.pixelSize: Theme.fontBody
                                color: checkRow.ok ? Theme.ink : Theme.accentDeep
                                textFormat: Text.PlainText
                                text: screen.checkName(checkRow.name) + " — " + checkRow.reason
                            }
                        }
                    }

                    Label {
                        visible: screen.page === "checks" && screen.face.testing
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.gap
                        text: qsTr("Testing: files, ledger, HQ, clock, decoding…")
                        color: Theme.inkFaint
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }

                    Label {
                        visible: screen.page === "status" && !screen.face.gathered
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.gap
                        text: qsTr("Asking the kiosk and HQ…")
                        color: Theme.inkFaint
                        font.pixelSize: Theme.fontBody
                    }
                }
            }

            // -- actions ---------------------------------------------------------------
            Card {
                Layout.fillWidth: true
                Layout.preferredWidth: 9
                Layout.alignment: Qt.AlignTop
                implicitHeight: actions.implicitHeight + 2 * Theme.px(36)

                ColumnLayout {
                    id: actions

                    anchors.fill: parent
                    anchors.margins: Theme.px(36)
                    spacing: Theme.gap

                    Label {
                        Layout.preferredHeight: Theme.touchMin
                        verticalAlignment: Text.AlignVCenter
                        text: qsTr("Actions")
                        color: Theme.ink
                        font.pixelSize: Theme.fontHeading
                        font.bold: true
                    }

                    // Sync now, its progress and the last round.
                    KioskButton {
                        objectName: "maintenanceSync"
                        Layout.fillWidth: true
                        kind: "primary"
                        iconName: "restart"
                        text: screen.sync.busy ? qsTr("Syncing…") : qsTr("Sync now")
                        enabled: screen.sync.available && screen.face.enrolled && !screen.sync.busy
                        onClicked: screen.maintenance.syncNow()
                    }

                    Rectangle {
                        visible: screen.sync.busy && screen.sync.bytesTotal > 0
                        Layout.fillWidth: true
                        implicitHeight: Theme.px(14)
                        radius: height / 2
                        color: Theme.line

                        Rectangle {
                            objectName: "maintenanceSyncBar"
                            width: parent.width * Math.min(1, screen.sync.bytesDone / Math.max(1, screen.sync.bytesTotal))
                            height: parent.height
                            radius: height / 2
                            color: Theme.teal
                        }
                    }

                    Label {
                        objectName: "maintenanceSyncText"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontSmall
                        color: !screen.sync.available || !screen.face.enrolled || screen.sync.lastOk ? Theme.inkSoft : Theme.accentDeep
                        text: {
                            if (!screen.sync.available)
                                return qsTr("Sync is not running in this window.")
                            if (!screen.face.enrolled)
                                return qsTr("Not enrolled: nothing to sync. Enrol at the kiosk's terminal with `kiosk enroll`.")
                            if (screen.sync.busy)
                                return screen.sync.filesTotal > 0
                                        ? qsTr("Downloading: %1 of %2 files, %3 of %4.").arg(screen.sync.filesDone).arg(screen.sync.filesTotal).arg(screen.sync.doneText).arg(screen.sync.totalText)
                                        : qsTr("Asking HQ for news…")
                            if (!screen.sync.hasLast)
                                return qsTr("No sync since the kiosk started.")
                            return screen.sync.lastOk
                                    ? qsTr("Last round %1: done. Files downloaded: %2 (%3). Events sent: %4.").arg(screen.sync.lastAt).arg(screen.sync.lastFiles).arg(screen.sync.lastBytes).arg(screen.sync.lastEvents)
                                    : qsTr("Last round %1 failed: %2").arg(screen.sync.lastAt).arg(screen.sync.lastError)
                        }
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.px(2)
                        color: Theme.line
                    }

                    KioskButton {
                        objectName: "maintenanceRollBack"
                        Layout.fillWidth: true
                        kind: "secondary"
                        iconName: "back"
                        text: screen.face.rollingBack ? qsTr("Rolling back…") : qsTr("Roll back to the previous pack set")
                        enabled: screen.face.canRollBack
                        onClicked: screen.maintenance.rollBack()
                    }

                    Label {
                        objectName: "maintenanceNotice"
                        visible: screen.face.notice !== ""
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontSmall
                        color: screen.face.noticeOk ? Theme.success : Theme.accentDeep
                        text: screen.face.notice === "rolledBack"
                              ? qsTr("Rolled back: now showing pack set %1.").arg(screen.face.noticeDetail)
                              : qsTr("Not rolled back: %1").arg(screen.face.noticeDetail)
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.px(2)
                        color: Theme.line
                    }

                    // The staff's mute of the spoken guidance, kept until unmuted.
                    KioskButton {
                        objectName: "maintenanceVoiceMute"
                        Layout.fillWidth: true
                        kind: "secondary"
                        iconName: screen.kiosk.voice.staffMuted ? "speaker" : "speaker-off"
                        text: screen.kiosk.voice.staffMuted ? qsTr("Unmute the voice") : qsTr("Mute the voice")
                        onClicked: {
                            screen.kiosk.voice.setStaffMuted(!screen.kiosk.voice.staffMuted)
                            screen.maintenance.refresh()
                        }
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.px(2)
                        color: Theme.line
                    }

                    KioskButton {
                        objectName: "maintenanceSelfTest"
                        Layout.fillWidth: true
                        kind: "secondary"
                        iconName: "check"
                        text: screen.face.testing ? qsTr("Testing…") : qsTr("Run the self-test")
                        enabled: !screen.face.testing
                        onClicked: {
                            screen.maintenance.runSelfTest()
                            screen.page = "checks"
                        }
                    }

                    Label {
                        objectName: "maintenanceChecksSummary"
                        visible: screen.face.tested
                        Layout.fillWidth: true
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: screen.face.checksOk === screen.face.checksTotal ? Theme.success : Theme.accentDeep
                        text: qsTr("%1 of %2 checks passed").arg(screen.face.checksOk).arg(screen.face.checksTotal)
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.px(2)
                        color: Theme.line
                    }

                    KioskButton {
                        objectName: "maintenanceExit"
                        visible: !screen.confirmExit
                        Layout.fillWidth: true
                        kind: "quiet"
                        iconName: "close"
                        text: qsTr("Exit to the desktop")
                        onClicked: screen.confirmExit = true
                    }

                    Label {
                        visible: screen.confirmExit
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontBody
                        color: Theme.ink
                        text: qsTr("Close the kiosk program? The screen shows the desktop until the kiosk is started again.")
                    }

                    RowLayout {
                        id: exitAnswers

                        visible: screen.confirmExit
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        // Placed by its layout after it shows: revealed where it lands.
                        onYChanged: if (visible) page.reveal(exitAnswers)
                        onHeightChanged: if (visible) page.reveal(exitAnswers)
                        onVisibleChanged: if (visible) Qt.callLater(page.reveal, exitAnswers)

                        KioskButton {
                            objectName: "maintenanceExitCancel"
                            Layout.fillWidth: true
                            kind: "secondary"
                            text: qsTr("Stay")
                            onClicked: screen.confirmExit = false
                        }

                        KioskButton {
                            objectName: "maintenanceExitConfirm"
                            Layout.fillWidth: true
                            kind: "accent"
                            iconName: "close"
                            text: qsTr("Exit")
                            onClicked: screen.maintenance.exitToDesktop()
                        }
                    }
                }
            }
        }
    }
}
