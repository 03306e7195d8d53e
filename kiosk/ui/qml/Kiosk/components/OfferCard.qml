import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A campaign or daily deal: banner, title, what it is, and the sentence that explains the
// discount on a real price. Tapping it opens the service it applies to.
Item {
    id: offer

    required property string offerId
    required property string title
    required property string description
    required property string explanation
    required property string banner
    required property bool dailyDeal
    required property string serviceId
    required property string serviceName
    required property string color
    // Picture on top (portrait) rather than on the left (landscape).
    property bool vertical: false
    // Room left around the card (for its shadow, in a view that clips).
    property int inset: 0

    signal activated()

    objectName: "offerCard_" + offerId
    Accessible.role: Accessible.Button
    Accessible.name: title
    // The pressed look shows in the first frame after the touch and eases back on release.
    // (Eased in, its first frame would be drawn at the start, unchanged: the touch would
    // show a frame later, which on a software GL is tens of milliseconds.)
    states: State {
        name: "pressed"
        when: tap.pressed

        PropertyChanges { offer.scale: 0.985 }
    }
    transitions: Transition {
        from: "pressed"

        NumberAnimation { property: "scale"; duration: Theme.durationFast }
    }

    Card {
        anchors.fill: parent
        anchors.margins: offer.inset
        elevation: 2

        RoundedImage {
            id: picture

            x: 0
            y: 0
            width: offer.vertical ? parent.width : Math.min(parent.height * 16 / 9, parent.width * 0.5)
            height: offer.vertical ? Math.min(Math.round(parent.width * 9 / 16), parent.height - Theme.px(220)) : parent.height
            corners: offer.vertical ? "1100" : "1001"
            source: offer.banner
            placeholder: offer.color
            // A banner's words may reach its edges: never cropped beyond its safe margin.
            whole: true
        }

        ColumnLayout {
            anchors.left: offer.vertical ? parent.left : picture.right
            anchors.right: parent.right
            anchors.top: offer.vertical ? picture.bottom : parent.top
            anchors.bottom: parent.bottom
            anchors.margins: Theme.px(32)
            spacing: Theme.px(10)

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.px(14)

                Rectangle {
                    Layout.preferredWidth: kindLabel.implicitWidth + Theme.px(32)
                    Layout.preferredHeight: Theme.px(42)
                    radius: height / 2
                    color: offer.dailyDeal ? Theme.accent : Theme.teal

                    Label {
                        id: kindLabel

                        anchors.centerIn: parent
                        text: offer.dailyDeal ? qsTr("Daily deal") : qsTr("Campaign")
                        color: Theme.onDark
                        font.pixelSize: Theme.fontCaption
                        font.bold: true
                    }
                }

                // Beside the banner in easy mode there is no room for it (the title says it).
                Label {
                    Layout.fillWidth: true
                    visible: offer.vertical || !Theme.easy
                    text: offer.serviceName
                    color: Theme.inkFaint
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    elide: Text.ElideRight
                }

                Item {
                    Layout.fillWidth: true
                    visible: !offer.vertical && Theme.easy
                }

                Label {
                    text: qsTr("See details")
                    color: Theme.brand
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }

                Icon {
                    name: "chevron-right"
                    color: Theme.brand
                    size: Theme.px(30)
                }
            }

            Label {
                Layout.fillWidth: true
                text: offer.title
                color: Theme.ink
                font.pixelSize: Theme.fontHeading
                font.bold: true
                lineHeight: 0.95
                wrapMode: Text.Wrap
                // Beside the picture there is room for a second line (the description yields).
                maximumLineCount: offer.vertical ? 1 : 2
                elide: Text.ElideRight
            }

            Label {
                Layout.fillWidth: true
                text: offer.description
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                // Short on room (landscape), the explanation of the price comes first.
                visible: offer.vertical || offer.explanation === ""
                maximumLineCount: offer.explanation !== "" ? 1 : 3
                elide: Text.ElideRight
            }

            // Takes the height left, up to its text's: a sentence longer than that room
            // ends in an ellipsis.
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 0
                Layout.preferredHeight: explanationText.implicitHeight + Theme.px(24)
                Layout.maximumHeight: Layout.preferredHeight
                visible: offer.explanation !== ""
                radius: Theme.radiusSmall
                color: Theme.accentSoft

                Icon {
                    id: tagIcon

                    x: Theme.px(14)
                    y: Theme.px(14)
                    name: "tag"
                    color: Theme.accentDeep
                    size: Theme.px(28)
                }

                Label {
                    id: explanationText

                    anchors.left: tagIcon.right
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    anchors.leftMargin: Theme.px(10)
                    anchors.rightMargin: Theme.px(14)
                    anchors.topMargin: Theme.px(12)
                    anchors.bottomMargin: Theme.px(12)
                    verticalAlignment: Text.AlignVCenter
                    text: offer.explanation
                    color: Theme.accentDeep
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                }
            }

            Item {
                Layout.fillHeight: true
            }
        }
    }

    MouseArea {
        id: tap

        anchors.fill: parent
        anchors.margins: offer.inset
        onClicked: offer.activated()
    }
}
