import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A service in a category: picture, name, one-line pitch and today's price.
Item {
    id: card

    required property string serviceId
    required property string name
    required property string pitch
    required property string image
    required property string priceNow
    required property string priceRegular
    required property bool discounted
    required property string offerTitle
    required property string categoryColor
    // The picture's height: 16:9 as designed; less when the card must fit a short view.
    property int pictureHeight: Math.round(width * 9 / 16)

    signal activated()

    objectName: "serviceCard_" + serviceId
    Accessible.role: Accessible.Button
    Accessible.name: name
    // The pressed look shows in the first frame after the touch and eases back on release.
    // (Eased in, its first frame would be drawn at the start, unchanged: the touch would
    // show a frame later, which on a software GL is tens of milliseconds.)
    states: State {
        name: "pressed"
        when: tap.pressed

        PropertyChanges { card.scale: 0.97 }
    }
    transitions: Transition {
        from: "pressed"

        NumberAnimation { property: "scale"; duration: Theme.durationFast; easing.type: Easing.OutQuad }
    }

    Card {
        anchors.fill: parent
        elevation: 2

        RoundedImage {
            id: picture

            width: parent.width
            height: card.pictureHeight
            corners: "1100"
            source: card.image
            placeholder: card.categoryColor
        }

        Rectangle {
            anchors.left: picture.left
            anchors.top: picture.top
            anchors.margins: Theme.px(18)
            visible: card.discounted
            width: Math.min(dealLabel.implicitWidth + Theme.px(32), picture.width - Theme.px(36))
            height: Theme.px(44)
            radius: height / 2
            color: Theme.accent

            Label {
                id: dealLabel

                anchors.centerIn: parent
                width: Math.min(implicitWidth, parent.width - Theme.px(32))
                text: card.offerTitle
                color: Theme.onDark
                font.pixelSize: Theme.fontCaption
                font.bold: true
                elide: Text.ElideRight
            }
        }

        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: picture.bottom
            anchors.bottom: parent.bottom
            anchors.margins: Theme.px(28)
            anchors.topMargin: Theme.px(22)
            spacing: Theme.px(6)

            Label {
                Layout.fillWidth: true
                text: card.name
                color: Theme.ink
                font.pixelSize: Theme.fontLead
                font.bold: true
                elide: Text.ElideRight
            }

            Label {
                Layout.fillWidth: true
                Layout.fillHeight: true
                verticalAlignment: Text.AlignTop
                text: card.pitch
                color: Theme.inkSoft
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }

            // The price never shrinks: with no room beside it, the regular price goes
            // under today's.
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.px(12)

                FontMetrics {
                    id: cardNowMetrics

                    font: cardNow.font
                }

                FontMetrics {
                    id: cardRegularMetrics

                    font: cardRegular.font
                }

                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.px(12)

                    Label {
                        id: cardNow

                        objectName: "cardPriceNow"
                        width: Math.min(implicitWidth, parent.width)
                        text: card.priceNow
                        color: card.discounted ? Theme.accentDeep : Theme.ink
                        font.pixelSize: Theme.fontLead
                        font.bold: true
                        elide: Text.ElideRight
                    }

                    Label {
                        id: cardRegular

                        objectName: "cardPriceRegular"
                        // On today's price's baseline when beside it.
                        topPadding: x > 0 ? Math.max(0, Math.round(cardNowMetrics.ascent - cardRegularMetrics.ascent)) : 0
                        width: Math.min(implicitWidth, parent.width)
                        visible: card.discounted
                        text: card.priceRegular
                        color: Theme.inkFaint
                        font.pixelSize: Theme.fontSmall
                        font.strikeout: true
                        elide: Text.ElideRight
                    }
                }

                Rectangle {
                    Layout.preferredWidth: Theme.px(56)
                    Layout.preferredHeight: Theme.px(56)
                    Layout.alignment: Qt.AlignBottom
                    radius: width / 2
                    color: Theme.tealSoft

                    Icon {
                        anchors.centerIn: parent
                        name: "chevron-right"
                        color: Theme.teal
                        size: Theme.px(32)
                    }
                }
            }
        }
    }

    MouseArea {
        id: tap

        anchors.fill: parent
        onClicked: card.activated()
    }
}
