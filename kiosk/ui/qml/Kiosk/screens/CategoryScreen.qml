pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The services of one category, as cards: four across in landscape, two in portrait (in
// easy mode three and one).
Item {
    id: screen

    required property KioskController kiosk
    readonly property bool landscape: width > height
    // Few services get bigger cards.
    readonly property int columns: (landscape ? (kiosk.content.services.count <= 3 ? 3 : 4) : 2)
                                   - (Theme.easy ? 1 : 0)
    readonly property var category: kiosk.content.category

    objectName: "categoryScreen"

    ScreenBackground {
        anchors.fill: parent
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: screen.kiosk
        title: screen.category.name
    }

    Row {
        id: categoryHeader

        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.topMargin: Theme.px(36)
        anchors.leftMargin: Theme.margin
        spacing: Theme.px(24)

        Rectangle {
            width: Theme.px(96)
            height: width
            radius: Theme.radius
            color: screen.category.color

            Rectangle {
                anchors.centerIn: parent
                width: Theme.px(72)
                height: width
                radius: width / 2
                color: Theme.surface

                Image {
                    anchors.centerIn: parent
                    width: Theme.px(44)
                    height: width
                    sourceSize: Qt.size(width, height)
                    fillMode: Image.PreserveAspectFit
                    source: screen.category.icon
                }
            }
        }

        Column {
            anchors.verticalCenter: parent.verticalCenter

            Label {
                text: screen.category.name
                color: Theme.ink
                font.pixelSize: Theme.fontTitle
                font.bold: true
            }

            Label {
                text: qsTr("%n service(s) to try and compare", "", screen.category.serviceCount)
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
            }
        }
    }

    GridView {
        id: grid

        objectName: "serviceGrid"
        anchors.top: categoryHeader.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.px(28)
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin - Theme.gap
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        cellWidth: Math.floor(width / screen.columns)
        // Room for the name, two lines of pitch and the price (more in easy mode: the
        // texts' line heights, about 160 design pixels, grow with them).
        readonly property int textRoom: Theme.px(screen.landscape ? 250 : 270) + Theme.textGrowth(160)
        // The picture 16:9; in easy mode (wider cards, taller texts) no taller than lets a
        // whole card show in the view, price included.
        readonly property int pictureHeight: Theme.easy
                ? Math.max(Theme.px(200), Math.min(Math.round((cellWidth - Theme.gap) * 9 / 16),
                                                   height - bottomMargin - textRoom - Theme.gap))
                : Math.round((cellWidth - Theme.gap) * 9 / 16)

        cellHeight: pictureHeight + textRoom
        bottomMargin: Theme.margin
        model: screen.kiosk.content.services

        delegate: ServiceCard {
            width: grid.cellWidth - Theme.gap
            height: grid.cellHeight - Theme.gap
            pictureHeight: grid.pictureHeight
            onActivated: screen.kiosk.nav.openService(serviceId, "category")
        }
    }

    ScrollCue {
        x: grid.x
        y: grid.y
        width: grid.width - Theme.gap
        height: grid.height
        flickable: grid
    }
}
