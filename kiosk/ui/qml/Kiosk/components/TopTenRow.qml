import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// One entry of the TOP-10: rank, picture, name, pitch and today's price.
Item {
    id: row

    required property string serviceId
    required property string name
    required property string pitch
    required property string image
    required property string priceNow
    required property string priceRegular
    required property bool discounted
    required property int rank
    required property string categoryColor

    // Room for the pitch under the name, and the regular price under today's: in easy
    // mode the rows keep their height (ten fill the panel) and show the name and price only.
    readonly property bool roomy: height - Theme.px(6) >= nameLabel.implicitHeight + pitchLabel.implicitHeight

    signal activated()

    objectName: "topTen_" + serviceId
    Accessible.role: Accessible.Button
    Accessible.name: name

    Rectangle {
        anchors.fill: parent
        anchors.topMargin: Theme.px(3)
        anchors.bottomMargin: Theme.px(3)
        radius: Theme.radiusSmall
        color: tap.pressed ? Theme.surfaceAlt : "transparent"
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.px(12)
        anchors.rightMargin: Theme.px(12)
        spacing: Theme.px(18)

        Rectangle {
            Layout.preferredWidth: Theme.px(48)
            Layout.preferredHeight: Theme.px(48)
            radius: width / 2
            color: row.rank <= 3 ? Theme.accent : Theme.surfaceAlt
            border.width: row.rank <= 3 ? 0 : Theme.px(2)
            border.color: Theme.line

            Label {
                anchors.centerIn: parent
                text: row.rank
                color: row.rank <= 3 ? Theme.onDark : Theme.inkSoft
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }
        }

        // Easy mode leaves the picture out: the name takes its room.
        RoundedImage {
            visible: !Theme.easy
            Layout.preferredHeight: Math.max(0, row.height - Theme.px(20))
            Layout.preferredWidth: Layout.preferredHeight * 16 / 10
            radius: Theme.radiusSmall
            source: row.image
            placeholder: row.categoryColor
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0

            Label {
                id: nameLabel

                Layout.fillWidth: true
                text: row.name
                color: Theme.ink
                font.pixelSize: Theme.fontBody
                font.bold: true
                elide: Text.ElideRight
            }

            Label {
                id: pitchLabel

                Layout.fillWidth: true
                visible: row.roomy
                text: row.pitch
                color: Theme.inkFaint
                font.pixelSize: Theme.fontCaption
                elide: Text.ElideRight
            }
        }

        ColumnLayout {
            spacing: 0

            Label {
                Layout.alignment: Qt.AlignRight
                text: row.priceNow
                color: row.discounted ? Theme.accentDeep : Theme.ink
                font.pixelSize: Theme.fontBody
                font.bold: true
            }

            Label {
                Layout.alignment: Qt.AlignRight
                visible: row.discounted && row.roomy
                text: row.priceRegular
                color: Theme.inkFaint
                font.pixelSize: Theme.fontCaption
                font.strikeout: true
            }
        }
    }

    MouseArea {
        id: tap

        anchors.fill: parent
        onClicked: row.activated()
    }
}
