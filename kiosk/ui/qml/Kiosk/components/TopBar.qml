import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The bar on every session screen: Back (or the brand on the first screen), the screen's
// title, the staff button (or the signed-in member's badge), easy and reach mode, the language switch, the
// voice controls and Home.
Rectangle {
    id: bar

    required property KioskController kiosk
    property string title: ""
    property bool showBack: true
    property bool showHome: true
    // The back button can read differently (e.g. "Exit demo"); it always goes back.
    property string backText: qsTr("Back")
    property string backIcon: "back"
    property string backName: "backButton"
    // A narrow (portrait) bar keeps its buttons to their icons, so the title has room.
    readonly property bool compact: width < Theme.px(1300)

    implicitHeight: compact ? Theme.topBarHeightTwoRows : Theme.topBarHeight
    Accessible.role: Accessible.ToolBar
    Accessible.name: bar.title !== "" ? bar.title : qsTr("Experience Zone")
    gradient: Gradient {
        orientation: Gradient.Horizontal
        GradientStop { position: 0; color: Theme.brandDeep }
        GradientStop { position: 1; color: Theme.brand }
    }

    // Landscape: one row. Portrait: Back, the title and Home in the first row, and the
    // customer's controls (easy and reach, language, voice) in a second, so the title keeps
    // its room in easy mode's larger type and every control shows in full.
    GridLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin - Theme.px(8)
        anchors.rightMargin: Theme.margin - Theme.px(8)
        anchors.topMargin: bar.compact ? Theme.gapSmall : 0
        anchors.bottomMargin: bar.compact ? Theme.gapSmall : 0
        columnSpacing: Theme.gap
        rowSpacing: Theme.gapSmall

        KioskButton {
            objectName: bar.backName
            Layout.row: 0
            Layout.column: 0
            visible: bar.showBack
            kind: "glass"
            iconName: bar.backIcon
            text: bar.compact ? "" : bar.backText
            Accessible.name: bar.backText
            implicitWidth: bar.compact ? implicitHeight : Math.max(implicitHeight * 2, implicitContentWidth + leftPadding + rightPadding)
            implicitHeight: Theme.touchMin + Theme.px(12)
            onClicked: bar.kiosk.nav.back()
        }

        BrandMark {
            Layout.row: 0
            Layout.column: 0
            visible: !bar.showBack
            size: Theme.px(68)
        }

        Label {
            objectName: "topBarTitle"
            Layout.row: 0
            Layout.column: 1
            Layout.fillWidth: true
            Layout.leftMargin: Theme.gapSmall
            // Where the brand stands in for Back (home, the receipt) it is the bar's title:
            // beside it the receipt's "Subscribe" had room for "…" alone.
            text: bar.showBack ? bar.title : ""
            color: Theme.onDark
            font.pixelSize: Theme.fontHeading
            font.bold: true
            elide: Text.ElideRight
        }

        RowLayout {
            objectName: "topBarControls"
            Layout.row: bar.compact ? 1 : 0
            Layout.column: bar.compact ? 0 : 2
            Layout.columnSpan: bar.compact ? 3 : 1
            Layout.alignment: bar.compact ? Qt.AlignHCenter : Qt.AlignRight
            spacing: Theme.gap

            AccessControls {
                kiosk: bar.kiosk
                compact: bar.compact
            }

            LanguageSwitch {
                kiosk: bar.kiosk
            }

            VoiceControls {
                kiosk: bar.kiosk
                // A landscape bar in easy mode, or with a member's badge, needs the room for
                // the title: the volume goes behind one button there. The portrait bar's
                // second row has room.
                compact: !bar.compact && (Theme.easy || (bar.kiosk.staff?.signedIn ?? false))
            }
        }

        // Staff sign-in (an icon: staff often join a customer already at the kiosk), or the
        // signed-in member's badge (its menu: My figures, Sign out), then Home: at the right
        // end of the first row (a portrait bar's second row is full).
        RowLayout {
            Layout.row: 0
            Layout.column: bar.compact ? 2 : 3
            Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
            spacing: Theme.gap

            // A landscape bar with larger text (easy mode) has no room to spare: the
            // customer's title and controls keep it, and the staff's button or badge shows
            // on the attract loop's corner until the text is back to its size.
            StaffButton {
                visible: bar.compact || Theme.textScale <= 1
                // A portrait bar's first row keeps its room for the title too.
                iconOnly: Theme.textScale > 1
                kiosk: bar.kiosk
            }

            KioskButton {
                objectName: "homeButton"
                visible: bar.showHome
                kind: "glass"
                iconName: "home"
                text: bar.compact ? "" : qsTr("Home")
                Accessible.name: qsTr("Home")
                implicitWidth: bar.compact ? implicitHeight : Math.max(implicitHeight * 2, implicitContentWidth + leftPadding + rightPadding)
                implicitHeight: Theme.touchMin + Theme.px(12)
                onClicked: bar.kiosk.nav.home()
            }
        }
    }
}
