pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtMultimedia
import Kiosk
import KioskBackend

// The scripted demo: the scene with its hotspots, the caption and narration, the step,
// and Back / Restart / Exit (and Next when the scene has no hotspots). The demo controller
// decides everything; this screen draws it and passes taps on.
Item {
    id: screen

    required property KioskController kiosk
    readonly property var demo: kiosk.demo
    readonly property bool landscape: width > height
    readonly property bool sceneIsVideo: demo.video !== ""
    // The panel's height under the stage (portrait; taller in easy mode, for its texts).
    readonly property int portraitPanel: Theme.px(720) + Theme.textGrowth(500)
    // The panel's width beside the stage (landscape; wider in easy mode).
    readonly property int sidePanel: Theme.px(560) + Theme.textGrowth(240)
    // The scene picture's area on the stage, which hotspot fractions are of.
    readonly property rect sceneArea: sceneIsVideo
            ? sceneVideo.contentRect
            : Qt.rect((sceneImage.width - sceneImage.paintedWidth) / 2,
                      (sceneImage.height - sceneImage.paintedHeight) / 2,
                      sceneImage.paintedWidth, sceneImage.paintedHeight)

    objectName: "demoScreen"

    ScreenBackground {
        anchors.fill: parent
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: screen.kiosk
        title: screen.demo.title
        showHome: false
        backText: qsTr("Exit demo")
        backIcon: "close"
        backName: "demoExitButton"
    }

    // The stage: a dark frame the scene sits in, letterboxed.
    Rectangle {
        id: stage

        objectName: "demoStage"
        readonly property int room: screen.height - topBar.height - 2 * Theme.px(40)
        // Portrait: the stage and the panel under it (a fixed height, so nothing jumps
        // between scenes) are centred together.
        readonly property int portraitGroup: height + Theme.px(36) + screen.portraitPanel

        x: Theme.margin
        y: screen.landscape ? topBar.height + Theme.px(40) + Math.max(0, (room - height) / 2)
                            : topBar.height + Math.max(Theme.px(36), (screen.height - topBar.height - portraitGroup) / 2)
        width: screen.landscape
               ? Math.min(screen.width - 2 * Theme.margin - Theme.gapLarge - screen.sidePanel, room * 16 / 9)
               : screen.width - 2 * Theme.margin
        height: Math.round(width * 9 / 16)
        radius: Theme.radius
        color: Theme.brandNight

        Image {
            id: sceneImage

            objectName: "demoSceneImage"
            anchors.fill: parent
            anchors.margins: Theme.px(8)
            visible: !screen.sceneIsVideo
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            sourceSize: Qt.size(width, height)
            source: screen.demo.image
        }

        VideoOutput {
            id: sceneVideo

            anchors.fill: parent
            anchors.margins: Theme.px(8)
            visible: screen.sceneIsVideo
            fillMode: VideoOutput.PreserveAspectFit
        }

        MediaPlayer {
            id: scenePlayer

            source: screen.demo.video
            videoOutput: sceneVideo
            // Silent while a guide or the narration speaks (kiosk.voice: one audio focus).
            audioOutput: AudioOutput { volume: screen.kiosk.voice.mediaVolume }
            loops: MediaPlayer.Infinite
            onSourceChanged: if (String(source) !== "") play()
            onErrorOccurred: (error, errorString) => screen.kiosk.demo.reportMediaError(String(source), errorString)
        }

        Item {
            id: hotspotLayer

            // The hotspots' areas except the index-th: what its label keeps off.
            function othersThan(index: int): var {
                const out = []
                for (let i = 0; i < markers.count; i++) {
                    const m = markers.itemAt(i)
                    if (i !== index && m !== null)
                        out.push(Qt.rect(m.x, m.y, m.width, m.height))
                }
                return out
            }

            // The hotspot a touch at `p` is for: one whose area holds it, else whose label
            // does, else whose finger-sized margin does (nearest first); null for none.
            function hotspotAt(p: point): var {
                let best = null, bestReach = 3, bestDistance = 0
                for (let i = 0; i < markers.count; i++) {
                    const m = markers.itemAt(i)
                    const r = m === null ? -1 : m.reach(p)
                    if (r < 0)
                        continue
                    const d = Math.hypot(p.x - (m.x + m.width / 2), p.y - (m.y + m.height / 2))
                    if (r < bestReach || (r === bestReach && d < bestDistance)) {
                        best = m
                        bestReach = r
                        bestDistance = d
                    }
                }
                return best
            }

            anchors.fill: sceneImage
            // Its touch area stands for the hotspots, each a button of its own to a reader.
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("The demo's picture: touch a highlighted area")

            // One touch area for all the hotspots, so that a hotspot's margin (a finger's
            // size round a small area) or label never takes a touch meant for a neighbour.
            MouseArea {
                property var held: null

                anchors.fill: parent
                onPressed: mouse => {
                    held = hotspotLayer.hotspotAt(Qt.point(mouse.x, mouse.y))
                    if (held !== null)
                        held.pressed = true
                    else
                        mouse.accepted = false
                }
                onReleased: if (held !== null) held.pressed = false
                onCanceled: if (held !== null) held.pressed = false
                onClicked: mouse => {
                    const m = hotspotLayer.hotspotAt(Qt.point(mouse.x, mouse.y))
                    if (m !== null && m === held)
                        m.activated()
                    held = null
                }
            }

            Repeater {
                id: markers

                model: screen.demo.hotspots

                delegate: HotspotMarker {
                    required property int index

                    area: screen.sceneArea
                    others: hotspotLayer.othersThan(index)
                    onActivated: screen.kiosk.demo.tap(hotspotId)
                }
            }
        }

        // Auto-advance: a bar that fills until the scene moves on (the timer is the
        // controller's; this only shows it).
        Rectangle {
            id: autoBar

            anchors.left: parent.left
            anchors.bottom: parent.bottom
            anchors.margins: Theme.px(8)
            height: Theme.px(8)
            radius: height / 2
            color: Theme.teal
            visible: screen.demo.autoAdvanceMs > 0

            NumberAnimation on width {
                id: autoFill

                from: 0
                to: stage.width - 2 * Theme.px(8)
                duration: Math.max(1, screen.demo.autoAdvanceMs)
                running: false
            }
        }

    }

    // Caption, narration and controls: beside the stage (landscape) or under it (portrait).
    ColumnLayout {
        id: side

        // Landscape: as tall as the stage; in easy mode, all the height there is.
        x: screen.landscape ? stage.x + stage.width + Theme.gapLarge : Theme.margin
        y: screen.landscape ? (Theme.easy ? topBar.height + Theme.px(40) : stage.y) : stage.y + stage.height + Theme.px(36)
        width: screen.landscape ? screen.width - x - Theme.margin : screen.width - 2 * Theme.margin
        height: screen.landscape ? (Theme.easy ? stage.room : stage.height)
                                 : Math.min(screen.portraitPanel, screen.height - y - Theme.px(40))
        spacing: Theme.px(24)

        StepProgress {
            Layout.fillWidth: true
            step: screen.demo.step
            count: screen.demo.stepCount
            done: screen.demo.finished
        }

        // The step's texts scroll when long (a long narration, or large text), so the
        // buttons below always stay in place.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Flickable {
                id: sideTexts

                anchors.fill: parent
                contentHeight: sideColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                interactive: contentHeight > height
                clip: true

                ColumnLayout {
                    id: sideColumn

                    width: sideTexts.width
                    spacing: Theme.px(24)

                    Label {
                        objectName: "demoCaption"
                        Layout.fillWidth: true
                        text: screen.demo.caption
                        color: Theme.ink
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        Layout.preferredHeight: narrationText.implicitHeight + Theme.px(40)
                        visible: screen.demo.narration !== ""
                        radius: Theme.radius
                        color: Theme.surface
                        border.width: Theme.px(2)
                        border.color: Theme.line

                        Icon {
                            id: speaker

                            x: Theme.px(22)
                            y: Theme.px(22)
                            name: "speaker"
                            color: Theme.teal
                            size: Theme.px(36)
                        }

                        Label {
                            id: narrationText

                            objectName: "demoNarration"
                            anchors.left: speaker.right
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            anchors.leftMargin: Theme.px(16)
                            anchors.rightMargin: Theme.px(24)
                            text: screen.demo.narration
                            color: Theme.inkSoft
                            font.pixelSize: Theme.fontBody
                            lineHeight: 1.15
                            wrapMode: Text.Wrap
                        }
                    }

                    Label {
                        Layout.fillWidth: true
                        visible: screen.demo.hotspots.count > 0 && !screen.demo.finished
                        text: qsTr("Touch a highlighted area to continue.")
                        color: Theme.inkFaint
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
            }

            ScrollCue {
                anchors.fill: sideTexts
                flickable: sideTexts
            }
        }

        KioskButton {
            objectName: "demoNextButton"
            Layout.fillWidth: true
            visible: screen.demo.hasNext
            kind: "primary"
            iconName: screen.demo.nextEnds ? "check" : "chevron-right"
            text: screen.demo.nextEnds ? qsTr("Finish") : qsTr("Next")
            onClicked: screen.kiosk.demo.next()
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap

            KioskButton {
                objectName: "demoBackButton"
                Layout.fillWidth: true
                kind: "secondary"
                iconName: "back"
                text: qsTr("Back")
                enabled: screen.demo.canGoBack
                onClicked: screen.kiosk.demo.back()
            }

            KioskButton {
                objectName: "demoRestartButton"
                Layout.fillWidth: true
                kind: "secondary"
                iconName: "restart"
                text: qsTr("Restart")
                onClicked: screen.kiosk.demo.restart()
            }
        }
    }

    DemoEndPanel {
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: screen.demo.finished
        kiosk: screen.kiosk
    }

    // Staff only: the presenter drawer and its handle, shown while a staff member is signed
    // in (kiosk.staff, when the kiosk has one) and only once they open it.
    PresenterDrawer {
        anchors.fill: parent
        topInset: topBar.height
        portraitTop: stage.y + stage.height + Theme.px(12)
        kiosk: screen.kiosk
        staffSignedIn: screen.kiosk.staff ? screen.kiosk.staff.signedIn : false
    }

    // The scene's narration is said by kiosk.voice (its recording, or its words as a
    // caption), taking turns with the screen's guide and silencing the scene's video.

    Connections {
        target: screen.kiosk.demo

        function onChanged() {
            autoFill.stop()
            autoBar.width = 0
            if (screen.kiosk.demo.autoAdvanceMs > 0)
                autoFill.restart()
        }
    }

    Component.onCompleted: if (screen.demo.autoAdvanceMs > 0) autoFill.restart()
}
