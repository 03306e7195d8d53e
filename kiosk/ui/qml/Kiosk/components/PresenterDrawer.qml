pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import KioskBackend

// The presenter drawer (staff only): the quarter's focus services with the sentence to say
// first, this demo scene's talking points, and the customers' questions with their answers.
// It slides in from the side (landscape) or the bottom (portrait) over the screen it is put
// on (fill the screen with it). Nothing of it shows unless a staff member is signed in
// (`staffSignedIn`, which the screen sets from kiosk.staff) and opened it with the handle;
// it closes on sign-out, and kiosk.presenter closes it at every customer session's start
// and end.
//
// Searching: the kiosk has no on-screen keyboard, so the questions are a list to tap (a
// question opens its answer, large); the search box filters them by any word of a question
// or an answer for staff with a hardware keyboard (a scanner's keyboard, a service
// keyboard), in the language on show.
Item {
    id: drawer

    required property KioskController kiosk
    // Set by the screen: `kiosk.staff ? kiosk.staff.signedIn : false`.
    property bool staffSignedIn: false
    readonly property var presenter: kiosk.presenter
    readonly property bool landscape: width > height
    readonly property bool open: staffSignedIn && presenter.open
    // The question whose answer shows; with a single match its answer shows anyway.
    property string openQuestion: ""
    // The focus service whose pitch staff tapped open ("": the one kiosk.presenter leads with).
    property string openFocus: ""
    // The pitch shown under the focus chips (the expanded chip's).
    property string focusPitch: ""
    // Below the screen's top bar, which stays usable.
    property int topInset: 0
    // Portrait: where the drawer's top may come (the demo keeps its scene in sight above
    // it); 0 for 40% of the height. In reach mode never below half the screen's height: the
    // screen starts a third down and its scene sits low, and a drawer under the scene held
    // the focus chips and little else.
    property int portraitTop: 0
    readonly property int portraitDrawerTop: {
        const top = Math.max(portraitTop, Math.round(height * 0.4))
        return drawer.kiosk.access.reach ? Math.min(top, Math.round(height / 2)) : top
    }

    objectName: "presenterDrawer"

    onStaffSignedInChanged: if (!staffSignedIn) presenter.close()
    onOpenChanged: if (!open) { openQuestion = ""; openFocus = "" }

    // The handle: a tab hanging from the top bar at the right, where no screen puts
    // anything to touch (the drawer itself comes from the side or the bottom).
    Rectangle {
        id: handle

        objectName: "presenterHandle"
        visible: drawer.staffSignedIn && !drawer.open
        width: handleRow.implicitWidth + Theme.px(48)
        height: Theme.touchMin
        x: drawer.width - width - Theme.margin
        y: drawer.topInset
        radius: Theme.radiusSmall
        color: Theme.brandDeep
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Presenter notes")

        // Square at the top, where it meets the top bar.
        Rectangle {
            width: parent.width
            height: parent.radius
            color: parent.color
        }

        RowLayout {
            id: handleRow

            x: Theme.px(24)
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.px(12)

            Icon {
                name: "hand"
                color: Theme.onDark
                size: Theme.px(36)
            }

            Label {
                text: qsTr("Notes")
                color: Theme.onDark
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }
        }

        TapHandler {
            onTapped: drawer.presenter.setOpen(true)
        }
    }

    Rectangle {
        id: panel

        objectName: "presenterPanel"
        visible: drawer.open
        width: drawer.landscape ? Math.max(Theme.px(700), Math.round(drawer.width * 0.38)) : drawer.width
        height: drawer.landscape ? drawer.height - drawer.topInset
                                 : drawer.height - drawer.portraitDrawerTop
        x: drawer.landscape ? drawer.width - width : 0
        y: drawer.landscape ? drawer.topInset : drawer.height - height
        color: Theme.surface
        radius: drawer.landscape ? 0 : Theme.radius

        // Touches on the drawer stay in it (the screen under it does not take them).
        MouseArea {
            anchors.fill: parent
        }

        // Its edge towards the screen, so it reads as a layer over the screen.
        Rectangle {
            width: drawer.landscape ? Theme.px(6) : parent.width
            height: drawer.landscape ? parent.height : Theme.px(6)
            color: Theme.brand
        }

        Rectangle {
            id: header

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.leftMargin: drawer.landscape ? Theme.px(6) : 0
            anchors.topMargin: drawer.landscape ? 0 : Theme.px(6)
            height: Theme.touchMin + 2 * Theme.px(20)
            color: Theme.brandDeep

            RowLayout {
                id: headerRow

                anchors.fill: parent
                anchors.leftMargin: Theme.px(32)
                anchors.rightMargin: Theme.px(16)
                spacing: Theme.px(16)

                Icon {
                    id: headerIcon

                    name: "hand"
                    color: Theme.onDark
                    size: Theme.px(40)
                }

                Label {
                    id: headerTitle

                    objectName: "presenterTitle"
                    Layout.fillWidth: true
                    text: qsTr("Presenter notes")
                    color: Theme.onDark
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                    // Smaller rather than cut, down to two thirds (easy mode's 150% in the
                    // landscape drawer, beside Close).
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Math.round(Theme.fontHeading * 2 / 3)
                    elide: Text.ElideRight
                }

                Label {
                    // The quarter gives way to the title where both do not fit (easy mode's
                    // larger text in the landscape drawer): the focus section names it too.
                    visible: drawer.presenter.quarter !== ""
                             && headerRow.width - headerIcon.width - headerClose.implicitWidth - 3 * headerRow.spacing
                                >= headerTitle.implicitWidth + implicitWidth
                    text: drawer.presenter.quarter
                    color: Theme.onDarkSoft
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }

                KioskButton {
                    id: headerClose

                    objectName: "presenterClose"
                    kind: "glass"
                    iconName: "close"
                    text: qsTr("Close")
                    implicitHeight: Theme.touchMin
                    onClicked: drawer.presenter.setOpen(false)
                }
            }
        }

        Flickable {
            id: body

            objectName: "presenterBody"
            anchors.top: header.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.leftMargin: Theme.px(6)
            contentHeight: column.implicitHeight + 2 * Theme.px(28)
            boundsBehavior: Flickable.StopAtBounds
            interactive: contentHeight > height
            clip: true

            ColumnLayout {
                id: column

                x: Theme.px(32)
                y: Theme.px(28)
                width: body.width - 2 * Theme.px(32)
                spacing: Theme.px(18)

                // Packs without staff notes (published before the format had them): said,
                // not a blank panel.
                Label {
                    objectName: "presenterNothing"
                    Layout.fillWidth: true
                    visible: focusList.count === 0 && drawer.presenter.qaTotal === 0 && drawer.presenter.sceneId === ""
                    text: qsTr("The content packs on this kiosk carry no presenter notes for this service yet: no focus, no talking points, no customer questions.")
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                // -- the quarter's focus ------------------------------------------------
                Label {
                    Layout.fillWidth: true
                    visible: focusList.count > 0
                    text: qsTr("This quarter's focus")
                    color: Theme.accentDeep
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }

                // The focus services as chips, and under them the pitch of one (the
                // service on show, else the quarter's first, or the one staff tapped): the
                // drawer's other parts stay in sight.
                Flow {
                    Layout.fillWidth: true
                    visible: focusList.count > 0
                    spacing: Theme.px(12)

                    Repeater {
                        id: focusList

                        model: drawer.presenter.focus

                        delegate: Rectangle {
                            id: chip

                            required property string serviceId
                            required property string name
                            required property string pitch
                            required property bool current
                            required property bool lead
                            readonly property bool expanded: drawer.openFocus === "" ? lead
                                                                                  : drawer.openFocus === serviceId

                            objectName: "presenterFocus"
                            width: Math.min(chipText.implicitWidth + 2 * Theme.px(24), column.width)
                            height: Theme.touchMin
                            radius: height / 2
                            color: chip.expanded ? Theme.accentDeep : Theme.surfaceAlt
                            border.width: chip.current && !chip.expanded ? Theme.px(3) : 0
                            border.color: Theme.accent
                            Accessible.role: Accessible.Button
                            Accessible.name: chip.name

                            onExpandedChanged: if (expanded) drawer.focusPitch = pitch
                            onPitchChanged: if (expanded) drawer.focusPitch = pitch
                            Component.onCompleted: if (expanded) drawer.focusPitch = pitch

                            TapHandler {
                                onTapped: drawer.openFocus = chip.serviceId
                            }

                            Label {
                                id: chipText

                                anchors.centerIn: parent
                                width: Math.min(implicitWidth, parent.width - 2 * Theme.px(24))
                                text: chip.name
                                color: chip.expanded ? Theme.onDark : Theme.ink
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                elide: Text.ElideRight
                            }
                        }
                    }
                }

                Rectangle {
                    Layout.fillWidth: true
                    visible: focusList.count > 0 && drawer.focusPitch !== ""
                    implicitHeight: pitchText.implicitHeight + 2 * Theme.px(16)
                    radius: Theme.radiusSmall
                    color: Theme.accentSoft

                    Label {
                        id: pitchText

                        objectName: "presenterPitch"
                        x: Theme.px(20)
                        y: Theme.px(16)
                        width: parent.width - 2 * Theme.px(20)
                        text: drawer.focusPitch
                        color: Theme.ink
                        font.pixelSize: Theme.fontLead
                        lineHeight: 1.1
                        wrapMode: Text.Wrap
                    }
                }

                // -- this scene's talking points ----------------------------------------
                // Only on a demo's scene: the service's page leaves the room to its questions.
                Label {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.px(14)
                    visible: drawer.presenter.sceneId !== ""
                    text: qsTr("Point out in this scene")
                    color: Theme.accentDeep
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }

                Label {
                    Layout.fillWidth: true
                    visible: drawer.presenter.sceneId !== "" && pointList.count === 0
                    text: qsTr("Nothing to point out in this scene.")
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                Repeater {
                    id: pointList

                    model: drawer.presenter.points

                    delegate: RowLayout {
                        id: point

                        required property string text
                        required property int index

                        objectName: "presenterPoint"
                        Layout.fillWidth: true
                        spacing: Theme.px(14)

                        Rectangle {
                            Layout.alignment: Qt.AlignTop
                            Layout.topMargin: Theme.px(4)
                            // Grows with the text in easy mode, so its number stays inside it.
                            implicitWidth: Theme.px(40) + Theme.textGrowth(40)
                            implicitHeight: implicitWidth
                            radius: width / 2
                            color: Theme.teal

                            Label {
                                anchors.centerIn: parent
                                text: point.index + 1
                                color: Theme.onDark
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                            }
                        }

                        Label {
                            Layout.fillWidth: true
                            text: point.text
                            color: Theme.ink
                            font.pixelSize: Theme.fontLead
                            lineHeight: 1.1
                            wrapMode: Text.Wrap
                        }
                    }
                }

                // -- the customers' questions ---------------------------------------------
                Label {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.px(14)
                    visible: drawer.presenter.qaTotal > 0
                    text: qsTr("Customers ask (%1)").arg(drawer.presenter.qaTotal)
                    color: Theme.accentDeep
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }

                TextField {
                    id: searchBox

                    objectName: "presenterSearch"
                    Layout.fillWidth: true
                    implicitHeight: Theme.touchMin
                    visible: drawer.presenter.qaTotal > 0
                    placeholderText: qsTr("Search the questions and answers")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: Theme.ink
                    leftPadding: Theme.px(24)
                    rightPadding: Theme.px(24)
                    Accessible.name: qsTr("Search the questions and answers")
                    text: drawer.presenter.query
                    onTextEdited: drawer.presenter.search(text)
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: Theme.surfaceAlt
                        border.width: Theme.px(2)
                        border.color: searchBox.activeFocus ? Theme.brand : Theme.line
                    }
                }

                Label {
                    Layout.fillWidth: true
                    visible: drawer.presenter.qaTotal > 0 && qaList.count === 0
                    text: qsTr("No question or answer has “%1”.").arg(drawer.presenter.query)
                    color: Theme.inkSoft
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }

                Repeater {
                    id: qaList

                    model: drawer.presenter.qa

                    delegate: Rectangle {
                        id: qaRow

                        required property string key
                        required property string question
                        required property string answer
                        readonly property bool expanded: drawer.openQuestion === key || qaList.count === 1

                        objectName: "presenterQuestion"
                        Layout.fillWidth: true
                        implicitHeight: Math.max(Theme.touchMin, qaColumn.implicitHeight + 2 * Theme.px(16))
                        radius: Theme.radiusSmall
                        color: qaRow.expanded ? Theme.tealSoft : (tap.pressed ? Theme.backgroundGlow : Theme.surfaceAlt)
                        Accessible.role: Accessible.Button
                        Accessible.name: qaRow.question

                        TapHandler {
                            id: tap

                            onTapped: drawer.openQuestion = qaRow.expanded ? "" : qaRow.key
                        }

                        ColumnLayout {
                            id: qaColumn

                            x: Theme.px(20)
                            width: parent.width - 2 * Theme.px(20)
                            anchors.verticalCenter: parent.verticalCenter
                            spacing: Theme.px(8)

                            RowLayout {
                                Layout.fillWidth: true
                                spacing: Theme.px(12)

                                Label {
                                    objectName: "presenterQuestionText"
                                    Layout.fillWidth: true
                                    text: qaRow.question
                                    color: Theme.ink
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    wrapMode: Text.Wrap
                                }

                                Icon {
                                    Layout.alignment: Qt.AlignTop
                                    name: "chevron-right"
                                    color: Theme.inkSoft
                                    size: Theme.px(32)
                                    rotation: qaRow.expanded ? 90 : 0
                                }
                            }

                            Label {
                                objectName: "presenterAnswer"
                                Layout.fillWidth: true
                                visible: qaRow.expanded
                                text: qaRow.answer
                                color: Theme.ink
                                font.pixelSize: Theme.fontLead
                                lineHeight: 1.1
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }

        // Every note shows whole, however many lines easy mode's larger text takes: the
        // body scrolls (a staff member's pitch cut to "...for 6 mon…" helps nobody).
        ScrollCue {
            anchors.fill: body
            flickable: body
            fadeColor: Theme.surface
        }
    }
}
