pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// Subscribe: the subscribe flow's steps (SubscribeFlow.qml) when this service can be
// subscribed at this kiosk (Python opened the flow: the service has subscription terms and
// the kiosk is enrolled at HQ); otherwise this screen says so plainly and tells the
// customer how to get the service today: at the service counter, with this screen's
// summary to show the staff.
Item {
    id: screen

    required property KioskController kiosk
    readonly property var service: kiosk.content.service
    readonly property bool landscape: width > height
    // Which of the two this screen is, fixed when it is made: the flow closing as the
    // screen slides away must not turn it into the counter screen on its way out.
    property bool flowMode: false

    objectName: "subscribeScreen"
    // The flow's file is compiled when a flow first shows, not with Main.qml: Main is
    // compiled on the QML loader's thread while Python loads the content, and the less it
    // compiles there, the sooner the kiosk starts (and the less that thread meets Python's
    // types while Python runs).
    Component.onCompleted: {
        screen.flowMode = screen.kiosk.subscribe.active
        if (screen.flowMode)
            flowLoader.setSource(Qt.resolvedUrl("../components/SubscribeFlow.qml"), { kiosk: screen.kiosk })
    }

    ScreenBackground {
        anchors.fill: parent
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: screen.kiosk
        title: qsTr("Subscribe")
        // On the receipt the order is made: Done leaves it, not Back.
        showBack: !screen.flowMode || screen.kiosk.subscribe.face.step !== "receipt"
    }

    Loader {
        id: flowLoader

        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }

    // The counter screen.
    Item {
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: !screen.flowMode

        Flickable {
            id: page


            objectName: "subscribePage"
            anchors.fill: parent
            contentHeight: Math.max(height, card.height + 2 * Theme.px(36))
            boundsBehavior: Flickable.StopAtBounds
            interactive: contentHeight > height
            clip: true

            Card {
                id: card

                x: Math.round((parent.width - width) / 2)
                // Centred on the page below the bar while it fits; from the top, scrolling,
                // when it does not (long texts in easy mode).
                y: Math.max(Theme.px(36), Math.floor((page.height - height) / 2))
                // Wider in easy mode, so its larger words take fewer lines.
                width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1240) + Theme.textGrowth(500))
                height: body.implicitHeight + 2 * Theme.px(64)
                elevation: 3

                ColumnLayout {
                    id: body

                    anchors.fill: parent
                    anchors.margins: Theme.px(64)
                    spacing: Theme.px(28)

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.px(32)

                        Rectangle {
                            Layout.alignment: Qt.AlignTop
                            Layout.preferredWidth: Theme.px(120)
                            Layout.preferredHeight: Theme.px(120)
                            radius: width / 2
                            color: Theme.tealSoft

                            Icon {
                                anchors.centerIn: parent
                                name: "counter"
                                color: Theme.teal
                                size: Theme.px(68)
                            }
                        }

                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: Theme.px(14)

                            Label {
                                objectName: "subscribeTitle"
                                Layout.fillWidth: true
                                text: qsTr("Subscribe at the service counter")
                                color: Theme.ink
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                                wrapMode: Text.Wrap
                            }

                            Label {
                                objectName: "subscribeMessage"
                                Layout.fillWidth: true
                                text: qsTr("Subscribing right here at this screen is coming soon. For now, our staff at the service counter can set it up for you in a few minutes. Just tell them the service below.")
                                color: Theme.inkSoft
                                font.pixelSize: Theme.fontBody
                                lineHeight: 1.2
                                wrapMode: Text.Wrap
                            }
                        }
                    }

                    // The summary to show the staff.
                    Rectangle {
                        Layout.fillWidth: true
                        Layout.preferredHeight: summary.implicitHeight + Theme.px(56)
                        radius: Theme.radius
                        color: Theme.surfaceAlt
                        border.width: Theme.px(2)
                        border.color: Theme.line

                        GridLayout {
                            id: summary

                            anchors.fill: parent
                            anchors.margins: Theme.px(28)
                            columns: screen.landscape ? 2 : 1
                            columnSpacing: Theme.gap
                            rowSpacing: Theme.px(8)

                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: Theme.px(4)

                                Label {
                                    text: qsTr("Service")
                                    color: Theme.inkFaint
                                    font.pixelSize: Theme.fontSmall
                                    font.bold: true
                                }

                                Label {
                                    objectName: "subscribeServiceName"
                                    Layout.fillWidth: true
                                    text: screen.service.name
                                    color: Theme.ink
                                    font.pixelSize: Theme.fontHeading
                                    font.bold: true
                                    wrapMode: Text.Wrap
                                }
                            }

                            ColumnLayout {
                                spacing: Theme.px(4)

                                Label {
                                    Layout.alignment: screen.landscape ? Qt.AlignRight : Qt.AlignLeft
                                    text: qsTr("Price")
                                    color: Theme.inkFaint
                                    font.pixelSize: Theme.fontSmall
                                    font.bold: true
                                }

                                RowLayout {
                                    Layout.alignment: screen.landscape ? Qt.AlignRight : Qt.AlignLeft
                                    spacing: Theme.px(14)

                                    Label {
                                        Layout.alignment: Qt.AlignBaseline
                                        visible: screen.service.discounted
                                        text: screen.service.priceRegular
                                        color: Theme.inkFaint
                                        font.pixelSize: Theme.fontBody
                                        font.strikeout: true
                                    }

                                    Label {
                                        text: screen.service.priceNow
                                        color: screen.service.discounted ? Theme.accentDeep : Theme.ink
                                        font.pixelSize: Theme.fontHeading
                                        font.bold: true
                                    }
                                }
                            }

                            Label {
                                Layout.fillWidth: true
                                Layout.columnSpan: summary.columns
                                visible: screen.service.explanation !== ""
                                text: screen.service.explanation
                                color: Theme.accentDeep
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.Wrap
                            }
                        }
                    }

                    GridLayout {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.px(8)
                        columns: screen.landscape ? 2 : 1
                        columnSpacing: Theme.gap
                        rowSpacing: Theme.gap

                        KioskButton {
                            objectName: "subscribeBackButton"
                            Layout.fillWidth: true
                            kind: "primary"
                            iconName: "back"
                            text: qsTr("Back to the service")
                            onClicked: screen.kiosk.nav.back()
                        }

                        KioskButton {
                            objectName: "subscribeHomeButton"
                            Layout.fillWidth: true
                            kind: "secondary"
                            iconName: "home"
                            text: qsTr("Explore more services")
                            onClicked: screen.kiosk.nav.home()
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
    }
}
