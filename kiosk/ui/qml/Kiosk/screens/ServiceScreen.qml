pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// One service: picture, name, pitch, description, the price (with the campaign discount
// explained) and what to do next. Landscape: picture and description on the left, the
// rest on the right. Portrait: one column, with the actions fixed at the bottom.
Item {
    id: screen

    required property KioskController kiosk
    readonly property bool landscape: width > height
    readonly property var service: kiosk.content.service

    objectName: "serviceScreen"

    ScreenBackground {
        anchors.fill: parent
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: screen.kiosk
        title: screen.service.categoryName
    }

    Loader {
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        sourceComponent: screen.landscape ? wide : tall
    }

    Component {
        id: wide

        Item {
            id: wideLayout

            readonly property int leftWidth: Math.round((width - 2 * Theme.margin - Theme.gapLarge) * 0.54)

            RoundedImage {
                id: picture

                x: Theme.margin
                y: Theme.px(36)
                width: wideLayout.leftWidth
                height: Math.round(width * 9 / 16)
                source: screen.service.image
                placeholder: screen.service.categoryColor
            }

            Flickable {
                id: descriptionView

                objectName: "descriptionView"
                anchors.top: picture.bottom
                anchors.left: picture.left
                anchors.right: picture.right
                anchors.bottom: parent.bottom
                anchors.topMargin: Theme.px(28)
                anchors.bottomMargin: Theme.px(28)
                contentHeight: description.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                interactive: contentHeight > height
                clip: true

                Label {
                    id: description

                    objectName: "serviceDescription"
                    width: parent.width
                    text: screen.service.description
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    lineHeight: 1.2
                    wrapMode: Text.Wrap
                }
            }

            ScrollCue {
                anchors.fill: descriptionView
                flickable: descriptionView
            }

            ColumnLayout {
                id: wideColumn

                anchors.left: picture.right
                anchors.right: parent.right
                anchors.top: picture.top
                anchors.bottom: parent.bottom
                anchors.leftMargin: Theme.gapLarge
                anchors.rightMargin: Theme.margin
                anchors.bottomMargin: Theme.px(40)
                spacing: Theme.px(28)

                // Name and pitch scroll when they outgrow the room (long texts in easy
                // mode): the price below them and the actions stay in sight. When even the
                // price does not fit beside a few lines of them, it scrolls with them.
                Item {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: summary.tight ? 0 : Math.min(summary.implicitHeight, Theme.px(160))
                    Layout.preferredHeight: summaryView.contentHeight
                    Layout.maximumHeight: summaryView.contentHeight

                    Flickable {
                        id: summaryView

                        objectName: "summaryView"
                        // Wider than the column by the price card's shadow, which it would cut.
                        anchors.fill: parent
                        anchors.leftMargin: -Theme.px(20)
                        anchors.rightMargin: -Theme.px(20)
                        contentHeight: summary.implicitHeight + (summary.tight ? Theme.px(20) : 0)
                        boundsBehavior: Flickable.StopAtBounds
                        interactive: contentHeight > height
                        clip: true

                        ColumnLayout {
                            id: summary

                            // Read from sizes that do not depend on the layout: no loop.
                            readonly property bool tight: Theme.px(160) + priceBlock.implicitHeight
                                                          + actions.implicitHeight + 3 * wideColumn.spacing
                                                          > wideColumn.height

                            x: Theme.px(20)
                            width: summaryView.width - 2 * Theme.px(20)
                            spacing: Theme.px(28)

                            ServiceHeading {
                                Layout.fillWidth: true
                                categoryName: screen.service.categoryName
                                categoryColor: screen.service.categoryColor
                                name: screen.service.name
                                pitch: screen.service.pitch
                            }

                            PriceBlock {
                                Layout.fillWidth: true
                                Layout.preferredHeight: implicitHeight
                                visible: summary.tight
                                priceNow: screen.service.priceNow
                                priceRegular: screen.service.priceRegular
                                discounted: screen.service.discounted
                                explanation: screen.service.explanation
                                offerTitle: screen.service.offerTitle
                            }
                        }
                    }

                    ScrollCue {
                        anchors.fill: parent
                        flickable: summaryView
                    }
                }

                PriceBlock {
                    id: priceBlock

                    Layout.fillWidth: true
                    Layout.minimumHeight: implicitHeight
                    Layout.preferredHeight: implicitHeight
                    visible: !summary.tight
                    priceNow: screen.service.priceNow
                    priceRegular: screen.service.priceRegular
                    discounted: screen.service.discounted
                    explanation: screen.service.explanation
                    offerTitle: screen.service.offerTitle
                }

                Item {
                    Layout.fillHeight: true
                }

                ServiceActions {
                    id: actions

                    Layout.fillWidth: true
                    kiosk: screen.kiosk
                }
            }
        }
    }

    Component {
        id: tall

        Item {
            Flickable {
                id: page

                objectName: "servicePage"
                anchors.fill: parent
                anchors.bottomMargin: actionBar.height
                contentHeight: column.implicitHeight + 2 * Theme.px(36)
                boundsBehavior: Flickable.StopAtBounds
                interactive: contentHeight > height
                clip: true

                ColumnLayout {
                    id: column

                    x: Theme.margin
                    y: Theme.px(36)
                    width: parent.width - 2 * Theme.margin
                    spacing: Theme.px(28)

                    RoundedImage {
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.round(width * 9 / 16)
                        source: screen.service.image
                        placeholder: screen.service.categoryColor
                    }

                    ServiceHeading {
                        Layout.fillWidth: true
                        categoryName: screen.service.categoryName
                        categoryColor: screen.service.categoryColor
                        name: screen.service.name
                        pitch: screen.service.pitch
                    }

                    PriceBlock {
                        Layout.fillWidth: true
                        Layout.preferredHeight: implicitHeight
                        priceNow: screen.service.priceNow
                        priceRegular: screen.service.priceRegular
                        discounted: screen.service.discounted
                        explanation: screen.service.explanation
                        offerTitle: screen.service.offerTitle
                    }

                    Label {
                        objectName: "serviceDescription"
                        Layout.fillWidth: true
                        text: screen.service.description
                        color: Theme.inkSoft
                        font.pixelSize: Theme.fontBody
                        lineHeight: 1.2
                        wrapMode: Text.Wrap
                    }
                }
            }

            ScrollCue {
                anchors.fill: page
                anchors.rightMargin: Theme.margin - Theme.px(20)
                flickable: page
            }

            Rectangle {
                id: actionBar

                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: actions.implicitHeight + 2 * Theme.px(32)
                color: Theme.surface

                Rectangle {
                    width: parent.width
                    height: Theme.px(2)
                    color: Theme.line
                }

                ServiceActions {
                    id: actions

                    anchors.fill: parent
                    anchors.margins: Theme.px(32)
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    kiosk: screen.kiosk
                }
            }
        }
    }

    // Staff only: the presenter drawer and its handle, shown while a staff member is signed
    // in (kiosk.staff, when the kiosk has one) and only once they open it.
    PresenterDrawer {
        anchors.fill: parent
        topInset: topBar.height
        kiosk: screen.kiosk
        staffSignedIn: screen.kiosk.staff ? screen.kiosk.staff.signedIn : false
    }
}
