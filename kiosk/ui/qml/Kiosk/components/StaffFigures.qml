pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// My figures: the signed-in member's demos, orders, conversion and points today, this week
// and this month, side by side in landscape, one under another in portrait; and where they
// come from (HQ: every kiosk of the store; or this kiosk alone, and why).
Item {
    id: panel

    required property KioskController kiosk
    readonly property var face: kiosk.staff.figures
    readonly property bool shown: face.shown
    readonly property bool wide: width > height

    function periodTitle(period: string): string {
        switch (period) {
        case "today": return qsTr("Today")
        case "week": return qsTr("This week")
        default: return qsTr("This month")
        }
    }

    function sourceText(): string {
        if (panel.face.loading)
            return qsTr("Gathering your figures…")
        if (panel.face.source === "hq")
            return qsTr("From HQ: every kiosk of this store, at %1.").arg(panel.face.at)
        if (panel.face.source === "kiosk") {
            const why = panel.face.hqProblem === "notEnrolled" ? qsTr("this kiosk is not enrolled at HQ")
                                                             : qsTr("HQ cannot be reached now")
            return qsTr("From this kiosk only, at %1 (%2).").arg(panel.face.at).arg(why)
        }
        return qsTr("Your figures cannot be shown now.")
    }

    objectName: "staffFigures"
    visible: shown
    enabled: shown
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("My figures")

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }

    MouseArea {
        anchors.fill: parent
    }

    Card {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        height: Math.min(parent.height - 2 * Theme.margin, layout.implicitHeight + 2 * Theme.px(44))
        elevation: 4

        ColumnLayout {
            id: layout

            anchors.fill: parent
            anchors.margins: Theme.px(44)
            spacing: Theme.gap

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap

                Icon {
                    name: "chart"
                    color: Theme.brand
                    size: Theme.px(56)
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.px(2)

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("My figures")
                        color: Theme.ink
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        elide: Text.ElideRight
                    }

                    Label {
                        objectName: "staffFiguresWho"
                        Layout.fillWidth: true
                        text: panel.kiosk.staff.name + " · " + qsTr("No. %1").arg(panel.kiosk.staff.number)
                        color: Theme.inkSoft
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                    }
                }

                KioskButton {
                    objectName: "staffFiguresClose"
                    kind: "secondary"
                    iconName: "close"
                    text: qsTr("Close")
                    implicitHeight: Theme.touchMin + Theme.px(12)
                    onClicked: panel.kiosk.staff.closeFigures()
                }
            }

            Label {
                objectName: "staffFiguresSource"
                Layout.fillWidth: true
                text: panel.sourceText()
                color: panel.face.source === "kiosk" ? Theme.accentDeep : Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            // The periods and the note on points: they scroll when the card cannot hold
            // them (portrait in easy mode).
            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: sheetColumn.implicitHeight
                implicitHeight: sheetColumn.implicitHeight

                Flickable {
                    id: sheet

                    objectName: "staffFiguresSheet"
                    anchors.fill: parent
                    contentHeight: sheetColumn.implicitHeight
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    interactive: contentHeight > height

                    Column {
                        id: sheetColumn

                        width: sheet.width
                        spacing: Theme.gap

                        GridLayout {
                            width: sheet.width
                            columns: panel.wide ? 3 : 1
                            columnSpacing: Theme.gap
                            rowSpacing: Theme.gap
                            visible: !panel.face.loading

                            Repeater {
                                model: panel.kiosk.staff.figureRows

                                delegate: Rectangle {
                                    id: period

                                    required property string period
                                    required property int demos
                                    required property int orders
                                    required property int confirmed
                                    required property int leads
                                    required property string conversion
                                    required property int points

                                    objectName: "staffPeriod_" + period.period
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 1
                                    implicitHeight: periodLayout.implicitHeight + 2 * Theme.px(28)
                                    radius: Theme.radiusSmall
                                    color: Theme.surfaceAlt
                                    border.width: Theme.px(2)
                                    border.color: Theme.line
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: panel.periodTitle(period.period) + ": " + qsTr("%1 points").arg(period.points)

                                    ColumnLayout {
                                        id: periodLayout

                                        anchors.fill: parent
                                        anchors.margins: Theme.px(28)
                                        spacing: Theme.px(10)

                                        // The title and the points on one line, but under it in easy
                                        // mode's three narrow columns (its larger text had cut "This
                                        // week" to "This w…"); the same in every card, so that their
                                        // lines stay level.
                                        GridLayout {
                                            id: periodHead

                                            Layout.fillWidth: true
                                            columns: Theme.textScale > 1 && panel.wide ? 1 : 2
                                            columnSpacing: Theme.px(12)
                                            rowSpacing: Theme.px(4)

                                            Label {
                                                id: periodTitle

                                                objectName: "staffPeriodTitle_" + period.period
                                                Layout.fillWidth: true
                                                text: panel.periodTitle(period.period)
                                                color: Theme.ink
                                                font.pixelSize: Theme.fontHeading
                                                font.bold: true
                                                elide: Text.ElideRight
                                            }

                                            Label {
                                                id: periodPoints

                                                objectName: "staffPoints_" + period.period
                                                text: qsTr("%1 points").arg(period.points)
                                                color: Theme.brand
                                                font.pixelSize: Theme.fontHeading
                                                font.bold: true
                                            }
                                        }

                                        Repeater {
                                            model: [
                                                [qsTr("Demos"), String(period.demos)],
                                                [qsTr("Orders"), String(period.orders)],
                                                [qsTr("Confirmed"), String(period.confirmed)],
                                                [qsTr("Register entries"), String(period.leads)],
                                                [qsTr("Conversion"), period.conversion]
                                            ]

                                            delegate: RowLayout {
                                                id: line

                                                required property var modelData

                                                Layout.fillWidth: true

                                                Label {
                                                    Layout.fillWidth: true
                                                    text: line.modelData[0]
                                                    color: Theme.inkSoft
                                                    font.pixelSize: Theme.fontBody
                                                    elide: Text.ElideRight
                                                }

                                                Label {
                                                    text: line.modelData[1]
                                                    color: Theme.ink
                                                    font.pixelSize: Theme.fontLead
                                                    font.bold: true
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }

                        Label {
                            width: sheet.width
                            objectName: "staffFiguresNote"
                            // HQ's weights, delivered with the roster.
                            text: qsTr("Conversion: orders per demo started. Points: %1 for an order the operator confirmed, %2 for a register entry, %3 for a demo shown to its end.")
                                  .arg(panel.face.pointsOrder).arg(panel.face.pointsLead).arg(panel.face.pointsDemo)
                            color: Theme.inkFaint
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.Wrap
                        }
                    }
                }

                ScrollCue {
                    anchors.fill: parent
                    flickable: sheet
                    fadeColor: Theme.surface
                }
            }
        }
    }
}
