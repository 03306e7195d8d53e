pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The TOP-10 services, hottest first, in one column (landscape) or two (portrait).
Card {
    id: panel

    required property KioskController kiosk
    property int columns: 1
    // The home screen holds a panel for each orientation; the one not in use makes no rows
    // (rows cost the first touch their making and their pictures).
    property bool active: true
    // Ten rows fill the panel; never shorter than a finger (the smallest target allowed).
    readonly property int rowHeight: Math.max(Theme.px(72), Math.floor(grid.height / Math.ceil(10 / columns)))

    objectName: "topTenPanel"
    visible: panel.active
    elevation: 2

    SectionHeader {
        id: panelHeader

        x: Theme.px(28)
        y: Theme.px(16)
        room: panel.width - 2 * x
        text: qsTr("TOP 10")
        note: qsTr("Most popular in our stores")
        iconName: "flame"
        color: Theme.accent
    }

    GridView {
        id: grid

        objectName: "topTenList"
        anchors.top: panelHeader.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.px(16)
        anchors.topMargin: Theme.px(6)
        anchors.bottomMargin: Theme.px(10)
        // Ranked top to bottom, then the next column: 1-5 on the left, 6-10 on the right.
        flow: panel.columns > 1 ? GridView.FlowTopToBottom : GridView.FlowLeftToRight
        interactive: false
        clip: true
        cellWidth: Math.floor(width / panel.columns)
        cellHeight: panel.rowHeight
        model: panel.active ? panel.kiosk.content.top10 : null

        delegate: TopTenRow {
            width: grid.cellWidth
            height: grid.cellHeight
            onActivated: panel.kiosk.nav.openService(serviceId, "top10")
        }
    }
}
