import QtQuick
import QtMultimedia
import Kiosk
import KioskBackend

// One of the attract loop's two slots. It loads what its `plan` (an AttractSlotView) says
// whenever the plan's generation changes, and reports what the media does: `ready` when an
// image has loaded or a video's first frame has arrived (a video that is not `live` then
// waits, paused on that frame), `ended` when a video ends, `failed` when the item cannot be
// shown. When the slot goes live, its video plays on. Durations and the "no picture"
// watch are the controller's.
Item {
    id: slot

    required property AttractSlotView plan
    readonly property bool ready: plan.ready
    readonly property bool live: plan.live
    readonly property string itemId: plan.itemId
    readonly property bool isVideo: plan.video
    readonly property int generation: plan.generation
    // On show with its first picture: a video plays on.
    readonly property bool showing: live && ready

    function load() {
        player.stop()
        picture.source = ""
        player.source = ""
        if (slot.plan.itemId === "")
            return
        if (slot.plan.video) {
            player.source = slot.plan.source
            player.play()
        } else {
            picture.source = slot.plan.source
        }
    }

    // The player's signals about a source that is no longer the slot's item do not count.
    function isCurrent(): bool {
        return slot.plan.video && String(player.source) === String(slot.plan.source)
    }

    onGenerationChanged: slot.load()
    onShowingChanged: if (slot.showing && slot.plan.video) player.play()

    // A video made for the other orientation is shown whole, as AttractPicture shows stills.
    readonly property bool landscape: width > height
    readonly property bool videoMismatch: output.sourceRect.width > 0
            && (output.sourceRect.width > output.sourceRect.height) !== landscape

    // Opaque, so the slot underneath never shows through letterboxing.
    Rectangle {
        anchors.fill: parent
        color: Theme.brandNight
    }

    AttractPicture {
        id: picture

        anchors.fill: parent
        visible: !slot.isVideo
        asynchronous: true
        onLoaded: if (!slot.plan.video) slot.plan.reportReady()
        onBroken: if (!slot.plan.video) slot.plan.reportFailed("image cannot be read")
    }

    VideoOutput {
        id: output

        anchors.fill: parent
        visible: slot.isVideo
        fillMode: slot.videoMismatch ? VideoOutput.PreserveAspectFit : VideoOutput.PreserveAspectCrop
        endOfStreamPolicy: VideoOutput.KeepLastFrame
    }

    MediaPlayer {
        id: player

        videoOutput: output
        onErrorOccurred: (error, errorString) => {
            if (slot.isCurrent())
                slot.plan.reportFailed(errorString !== "" ? errorString : "media error " + error)
        }
        onMediaStatusChanged: {
            if (!slot.isCurrent())
                return
            if (mediaStatus === MediaPlayer.InvalidMedia)
                slot.plan.reportFailed("the video cannot be decoded")
            else if (mediaStatus === MediaPlayer.EndOfMedia)
                slot.plan.reportEnded()
        }
    }

    Connections {
        target: output.videoSink

        function onVideoFrameChanged() {
            if (slot.plan.ready || !slot.plan.video || player.playbackState !== MediaPlayer.PlayingState)
                return
            if (!slot.plan.live)
                player.pause()
            slot.plan.reportReady()
        }
    }
}
