import QtQuick
import QtMultimedia
import KioskBackend

// The video half of an AttractSlot, made from this file the first time the slot is given a
// video: loading QtMultimedia takes some 25 ms, which a loop opening with a picture need
// not wait for. It plays what `play` is given and reports what the player does to the
// slot's `plan`: `ready` when the first frame has arrived (a video that is not `live` then
// waits, paused on that frame), `ended`, or `failed`.
Item {
    id: video

    required property AttractSlotView plan
    // Kept clear of a video shown whole (the "Touch to start" button's band).
    property real bottomInset: 0
    // Bound by the slot to kiosk.voice.mediaVolume (0 while the kiosk speaks).
    property real volume: 0

    // A video made for the other orientation is shown whole, as AttractPicture shows stills.
    readonly property bool landscape: width > height
    readonly property bool mismatch: output.sourceRect.width > 0
            && (output.sourceRect.width > output.sourceRect.height) !== landscape

    function play(source: url) {
        player.source = source
        player.play()
    }

    function resume() {
        player.play()
    }

    function stop() {
        player.stop()
        player.source = ""
    }

    // The player's signals about a source that is no longer the slot's item do not count.
    function isCurrent(): bool {
        return video.plan.video && String(player.source) === String(video.plan.source)
    }

    VideoOutput {
        id: output

        anchors.fill: parent
        anchors.bottomMargin: video.mismatch ? video.bottomInset : 0
        fillMode: video.mismatch ? VideoOutput.PreserveAspectFit : VideoOutput.PreserveAspectCrop
        endOfStreamPolicy: VideoOutput.KeepLastFrame
    }

    MediaPlayer {
        id: player

        videoOutput: output
        audioOutput: AudioOutput { volume: video.volume }
        onErrorOccurred: (error, errorString) => {
            if (video.isCurrent())
                video.plan.reportFailed(errorString !== "" ? errorString : "media error " + error)
        }
        onMediaStatusChanged: {
            if (!video.isCurrent())
                return
            if (mediaStatus === MediaPlayer.InvalidMedia)
                video.plan.reportFailed("the video cannot be decoded")
            else if (mediaStatus === MediaPlayer.EndOfMedia)
                video.plan.reportEnded()
        }
    }

    Connections {
        target: output.videoSink

        function onVideoFrameChanged() {
            if (video.plan.ready || !video.plan.video || player.playbackState !== MediaPlayer.PlayingState)
                return
            if (!video.plan.live)
                player.pause()
            video.plan.reportReady()
        }
    }
}
