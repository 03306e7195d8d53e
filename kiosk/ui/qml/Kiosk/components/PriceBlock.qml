import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The price now; with a campaign, the regular price crossed out and the sentence that
// explains the discount. Every text comes ready-made from the pricing code.
Card {
    id: block

    property string priceNow: ""
    property string priceRegular: ""
    property bool discounted: false
    property string explanation: ""
    property string offerTitle: ""

    objectName: "priceBlock"
    implicitHeight: layout.implicitHeight + 2 * Theme.px(32)
    elevation: 1

    ColumnLayout {
        id: layout

        anchors.fill: parent
        anchors.margins: Theme.px(32)
        spacing: Theme.px(12)

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.px(14)

            Label {
                id: priceCaption

                text: qsTr("Price")
                color: Theme.inkFaint
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }

            Rectangle {
                visible: block.discounted && block.offerTitle !== ""
                Layout.preferredHeight: Theme.px(40)
                Layout.preferredWidth: Math.min(offerLabel.implicitWidth + Theme.px(28),
                                                layout.width - priceCaption.width - Theme.px(14))
                radius: height / 2
                color: Theme.accent

                Label {
                    id: offerLabel

                    anchors.centerIn: parent
                    width: Math.min(implicitWidth, parent.width - Theme.px(28))
                    elide: Text.ElideRight
                    text: block.offerTitle
                    color: Theme.onDark
                    font.pixelSize: Theme.fontCaption
                    font.bold: true
                }
            }
        }

        // The price never shrinks: with no room beside it, the regular price goes under
        // today's.
        FontMetrics {
            id: nowLabelMetrics

            font: nowLabel.font
        }

        FontMetrics {
            id: regularLabelMetrics

            font: regularLabel.font
        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.px(20)

            Label {
                id: nowLabel

                objectName: "priceNow"
                width: Math.min(implicitWidth, parent.width)
                text: block.priceNow
                color: block.discounted ? Theme.accentDeep : Theme.ink
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                wrapMode: Text.Wrap
            }

            Label {
                id: regularLabel

                objectName: "priceRegular"
                // On today's price's baseline when beside it.
                topPadding: x > 0 ? Math.max(0, Math.round(nowLabelMetrics.ascent - regularLabelMetrics.ascent)) : 0
                width: Math.min(implicitWidth, parent.width)
                visible: block.discounted
                text: block.priceRegular
                color: Theme.inkFaint
                font.pixelSize: Theme.fontLead
                font.strikeout: true
                wrapMode: Text.Wrap
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: explanationLabel.implicitHeight + Theme.px(32)
            visible: block.explanation !== ""
            radius: Theme.radiusSmall
            color: Theme.accentSoft

            Icon {
                id: tagIcon

                x: Theme.px(18)
                y: Theme.px(18)
                name: "tag"
                color: Theme.accentDeep
                size: Theme.px(32)
            }

            Label {
                id: explanationLabel

                objectName: "priceExplanation"
                anchors.left: tagIcon.right
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                anchors.leftMargin: Theme.px(12)
                anchors.rightMargin: Theme.px(18)
                text: block.explanation
                color: Theme.accentDeep
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
        }
    }
}
