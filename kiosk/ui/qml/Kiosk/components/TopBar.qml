import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The bar on every session screen: Back (or the brand on the first screen), the screen's
// title, the language switch, the voice controls and Home.
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

    implicitHeight: Theme.topBarHeight
    Accessible.role: Accessible.ToolBar
    Accessible.name: bar.title !== "" ? bar.title : qsTr("Experience Zone")
    gradient: Gradient {
        orientation: Gradient.Horizontal
        GradientStop { position: 0; color: Theme.brandDeep }
        GradientStop { position: 1; color: Theme.brand }
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin - Theme.px(8)
        anchors.rightMargin: Theme.margin - Theme.px(8)
        spacing: Theme.gap

        KioskButton {
            objectName: bar.backName
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
            visible: !bar.showBack
            size: Theme.px(68)
        }

        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.gapSmall
            text: bar.title
            color: Theme.onDark
            font.pixelSize: Theme.fontHeading
            font.bold: true
            elide: Text.ElideRight
        }

        AccessControls {
            kiosk: bar.kiosk
            compact: bar.compact
        }

        LanguageSwitch {
            kiosk: bar.kiosk
        }

        VoiceControls {
            kiosk: bar.kiosk
            // In easy mode the title needs the room: the volume goes behind one button.
            compact: bar.compact || Theme.easy
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
