pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtMultimedia
import Kiosk
import KioskBackend

// A service's promo video: the poster first, then play/pause, a seek bar, the time and
// subtitles (the current cue comes from the video controller). At the end the navigator
// returns to the service.
Item {
    id: screen

    required property KioskController kiosk
    readonly property var video: kiosk.video
    readonly property bool landscape: width > height
    readonly property bool playing: player.playbackState === MediaPlayer.PlayingState

    function clock(ms: int): string {
        const s = Math.max(0, Math.floor(ms / 1000))
        const sec = s % 60
        return Math.floor(s / 60) + ":" + (sec < 10 ? "0" : "") + sec
    }

    function toggle() {
        if (screen.playing)
            player.pause()
        else
            player.play()
    }

    objectName: "videoScreen"

    Rectangle {
        anchors.fill: parent
        color: Theme.brandNight
    }

    TopBar {
        id: topBar

        width: parent.width
        kiosk: screen.kiosk
        title: screen.video.title
        showHome: false
    }

    Item {
        id: frame

        // Landscape: the picture fills the room above the controls at the bottom.
        // Portrait: the picture and the controls under it are centred together.
        readonly property int room: screen.height - topBar.height - controls.height - Theme.px(32) - 2 * Theme.px(28)
        readonly property int group: height + Theme.px(40) + controls.height

        x: (screen.width - width) / 2
        y: screen.landscape ? topBar.height + Theme.px(28) + (room - height) / 2
                            : topBar.height + (screen.height - topBar.height - group) / 2
        width: Math.min(screen.width - (screen.landscape ? 2 * Theme.margin : 0), room * 16 / 9)
        height: Math.round(width * 9 / 16)

        // The poster lies under the video: it shows until the first frame is drawn, and
        // wherever frames cannot be drawn (the software renderer), never a black box.
        Image {
            objectName: "videoPoster"
            anchors.fill: parent
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            sourceSize: Qt.size(width, height)
            source: screen.video.poster
        }

        VideoOutput {
            id: output

            anchors.fill: parent
            fillMode: VideoOutput.PreserveAspectFit
        }

        // Big play button over the poster before playback and when paused.
        Rectangle {
            anchors.centerIn: parent
            width: Theme.px(168)
            height: width
            radius: width / 2
            color: Theme.accent
            visible: !screen.playing
            opacity: 0.95

            Icon {
                anchors.centerIn: parent
                anchors.horizontalCenterOffset: Theme.px(6)
                name: "play"
                color: Theme.onDark
                size: Theme.px(80)
            }
        }

        MouseArea {
            objectName: "videoSurface"
            anchors.fill: parent
            Accessible.role: Accessible.Button
            Accessible.name: screen.playing ? qsTr("Pause") : qsTr("Play")
            Accessible.onPressAction: screen.toggle()
            onClicked: screen.toggle()
        }

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.px(36)
            width: Math.min(parent.width - 2 * Theme.margin, subtitle.implicitWidth + Theme.px(48))
            height: subtitle.implicitHeight + Theme.px(20)
            radius: Theme.radiusSmall
            color: Theme.imageScrim
            visible: screen.video.cue !== ""

            Label {
                id: subtitle

                objectName: "videoSubtitle"
                anchors.centerIn: parent
                width: Math.min(implicitWidth, parent.parent.width - 2 * Theme.margin - Theme.px(48))
                horizontalAlignment: Text.AlignHCenter
                text: screen.video.cue
                color: Theme.onDark
                font.pixelSize: Theme.fontLead
                wrapMode: Text.Wrap
            }
        }
    }

    RowLayout {
        id: controls

        x: Theme.margin
        y: screen.landscape ? screen.height - height - Theme.px(32) : frame.y + frame.height + Theme.px(40)
        width: screen.width - 2 * Theme.margin
        height: Theme.buttonHeight
        spacing: Theme.gap

        KioskButton {
            objectName: "playPauseButton"
            Layout.preferredWidth: Theme.buttonHeight
            kind: "accent"
            iconName: screen.playing ? "pause" : "play"
            text: ""
            Accessible.name: screen.playing ? qsTr("Pause") : qsTr("Play")
            onClicked: screen.toggle()
        }

        Label {
            objectName: "videoTime"
            text: screen.clock(seek.pressed ? seek.value : player.position)
            color: Theme.onDark
            font.pixelSize: Theme.fontBody
            font.bold: true
        }

        SeekBar {
            id: seek

            Layout.fillWidth: true
            Accessible.name: qsTr("Position in the video")
            to: Math.max(1, player.duration)
            enabled: player.seekable
            onMoved: player.position = value

            Binding on value {
                value: player.position
                when: !seek.pressed
            }
        }

        Label {
            text: screen.clock(player.duration)
            color: Theme.onDarkSoft
            font.pixelSize: Theme.fontBody
        }
    }

    MediaPlayer {
        id: player

        objectName: "videoPlayer"
        source: screen.video.source
        videoOutput: output
        // Silent while the kiosk speaks (kiosk.voice: one audio focus).
        audioOutput: AudioOutput {
            objectName: "videoAudio"
            volume: screen.kiosk.voice.mediaVolume
        }
        onPositionChanged: screen.kiosk.video.reportPosition(player.position)
        onPlaybackStateChanged: screen.kiosk.video.reportPlaying(player.playbackState === MediaPlayer.PlayingState)
        onMediaStatusChanged: if (player.mediaStatus === MediaPlayer.EndOfMedia) screen.kiosk.video.reportEnd()
        onErrorOccurred: (error, errorString) => screen.kiosk.video.reportError(errorString)
    }

    // The customer asked for the video: it starts at once (the poster shows until its
    // first frame).
    Component.onCompleted: player.play()
}
