pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The first screen of a session: current campaigns, the categories and the TOP-10.
// Landscape: campaigns and categories on the left, the TOP-10 down the right.
// Portrait: campaigns, categories, then the TOP-10 in two columns.
Item {
    id: home

    required property KioskController kiosk
    readonly property bool landscape: width > height
    // Up to six categories in three columns, more in four; two in easy mode.
    readonly property int columns: Theme.easy ? 2 : categories.count > 6 ? 4 : 3
    readonly property bool hasOffers: kiosk.content.offers.count > 0
    readonly property bool hasTopTen: kiosk.content.top10.count > 0
    readonly property bool hasCategories: kiosk.content.categories.count > 0
    readonly property int sideWidth: Math.round(width * 0.34)
    readonly property int mainWidth: landscape && hasTopTen
                                     ? width - 2 * Theme.margin - sideWidth - Theme.gapLarge
                                     : width - 2 * Theme.margin
    readonly property int tileRows: Math.max(1, Math.ceil(categories.count / columns))

    objectName: "homeScreen"

    ScreenBackground {
        anchors.fill: parent
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: home.kiosk
        showBack: false
        showHome: false
    }

    Flickable {
        id: page

        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        // Landscape fits the page (the category grid takes the height left, and scrolls
        // itself when it must); portrait scrolls.
        contentHeight: home.landscape ? height : column.height + 2 * Theme.margin
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        clip: true

        Column {
            id: column

            x: Theme.margin
            y: Theme.px(32)
            width: home.mainWidth
            spacing: Theme.px(20)

            SectionHeader {
                visible: home.hasOffers
                text: qsTr("Offers for you")
                iconName: "tag"
                color: Theme.accent
            }

            OffersCarousel {
                objectName: "homeOffers"
                visible: home.hasOffers
                width: parent.width
                // Portrait: the whole banner on top of its text.
                // Taller in easy mode by what the card's texts grow (title, explanation).
                height: (home.landscape ? Theme.px(320) : Math.round(width * 9 / 16) + Theme.px(330))
                        + Theme.textGrowth(170)
                vertical: !home.landscape
                kiosk: home.kiosk
            }

            Item {
                width: 1
                height: Theme.px(8)
            }

            SectionHeader {
                id: categoriesHeader

                visible: home.hasCategories
                text: qsTr("Explore services")
                iconName: "grid"
                color: Theme.brand
            }

            GridView {
                id: categories

                visible: home.hasCategories
                objectName: "categoryGrid"
                width: parent.width + Theme.gap
                // Landscape: down to the page's bottom margin (the last row's gap below it);
                // the header above is read, not this grid's own position, and the cells are
                // worked out from that height, not the other way round: no binding loop.
                readonly property int roomLeft: page.height - 2 * column.y + Theme.gap
                                                - (categoriesHeader.y + categoriesHeader.height + column.spacing)
                readonly property int rowHeight: home.landscape
                        ? Math.max(Theme.px(180) + Theme.textGrowth(100),
                                   Math.min(Theme.px(280), Math.floor(roomLeft / Math.min(2, home.tileRows))))
                        : Theme.px(216) + Theme.textGrowth(60)

                height: home.landscape ? roomLeft : home.tileRows * rowHeight
                interactive: contentHeight > height
                clip: true
                cellWidth: Math.floor(width / home.columns)
                // Landscape: two rows fill the space left; portrait: fixed rows, the page scrolls.
                cellHeight: rowHeight
                model: home.kiosk.content.categories

                delegate: CategoryTile {
                    width: categories.cellWidth - Theme.gap
                    height: categories.cellHeight - Theme.gap
                    onActivated: home.kiosk.nav.openCategory(categoryId)
                }
            }

            TopTenPanel {
                active: !home.landscape && home.hasTopTen
                width: parent.width
                height: Theme.px(100) + 10 * Theme.px(92)
                kiosk: home.kiosk
                columns: 1
            }
        }
    }

    ScrollCue {
        anchors.fill: page
        anchors.rightMargin: Theme.margin - Theme.px(20)
        flickable: page
    }

    ScrollCue {
        visible: home.landscape && scrolls
        x: column.x + categories.x
        y: page.y + column.y + categories.y
        width: categories.width - Theme.gap
        height: categories.height - Theme.gap
        flickable: categories
    }

    TopTenPanel {
        active: home.landscape && home.hasTopTen
        x: home.width - Theme.margin - width
        y: topBar.height + Theme.px(32)
        width: home.sideWidth
        height: home.height - y - Theme.px(32)
        kiosk: home.kiosk
        columns: 1
    }

    // Nothing on show (every item is outside its validity window): say so kindly.
    Card {
        objectName: "homeEmpty"
        anchors.centerIn: parent
        visible: !home.hasCategories && !home.hasOffers
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(900))
        height: Theme.px(300)
        elevation: 2

        Column {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.px(16)

            Icon {
                anchors.horizontalCenter: parent.horizontalCenter
                name: "counter"
                color: Theme.teal
                size: Theme.px(72)
            }

            Label {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("New services are on their way")
                color: Theme.ink
                font.pixelSize: Theme.fontHeading
                font.bold: true
                wrapMode: Text.Wrap
            }

            Label {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Our staff at the service counter will be glad to help you.")
                color: Theme.inkSoft
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
        }
    }
}
