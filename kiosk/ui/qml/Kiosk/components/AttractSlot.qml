import QtQuick
import QtMultimedia
import Kiosk

// One of the attract loop's two slots. `load(item)` prepares an item out of sight; the slot
// becomes `ready` when an image has loaded, or when a video has started and its first frame
// has arrived (the video then waits, paused on that frame, until `play()`). `finished`
// fires when the item's time is up or its video ends; `failed` when it cannot be shown.
Item {
    id: slot

    property var item: ({})
    property bool ready: false
    // This slot is on screen: a video that becomes ready plays on instead of waiting.
    property bool live: false
    // `failed` was already signalled for the item loaded now.
    property bool hasFailed: false
    readonly property bool isVideo: item.video === true
    readonly property string itemId: item.itemId !== undefined ? item.itemId : ""

    signal finished()
    signal failed(string message)

    function load(next) {
        slot.stop()
        slot.ready = false
        slot.hasFailed = false
        slot.item = next || ({})
        picture.source = ""
        player.source = ""
        if (slot.itemId === "")
            return
        if (slot.isVideo) {
            player.source = slot.item.source
            player.play()
            startWatch.restart()
        } else {
            picture.source = slot.item.source
        }
    }

    function play() {
        if (slot.isVideo)
            player.play()
        if (!slot.isVideo || slot.item.durationMs > 0)
            timeUp.restart()
    }

    function fail(message: string) {
        if (slot.hasFailed || slot.itemId === "")
            return
        slot.hasFailed = true
        startWatch.stop()
        slot.failed(message)
    }

    // The player's signals about a source that is no longer the slot's item do not count.
    function isCurrent(): bool {
        return slot.isVideo && String(player.source) === String(slot.item.source)
    }

    function stop() {
        timeUp.stop()
        startWatch.stop()
        player.stop()
    }

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
        onLoaded: if (!slot.isVideo) slot.ready = true
        onBroken: if (!slot.isVideo) slot.fail("image cannot be read")
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
                slot.fail(errorString !== "" ? errorString : "media error " + error)
        }
        onMediaStatusChanged: {
            if (!slot.isCurrent())
                return
            if (mediaStatus === MediaPlayer.InvalidMedia)
                slot.fail("the video cannot be decoded")
            else if (mediaStatus === MediaPlayer.EndOfMedia && slot.live)
                slot.finished()
        }
    }

    Connections {
        target: output.videoSink

        function onVideoFrameChanged() {
            if (slot.ready || !slot.isVideo || player.playbackState !== MediaPlayer.PlayingState)
                return
            startWatch.stop()
            if (!slot.live)
                player.pause()
            slot.ready = true
        }
    }

    // A video that never delivers a frame is as good as broken.
    Timer {
        id: startWatch

        interval: 10000
        onTriggered: slot.fail("no picture after 10 s")
    }

    // How long an image shows, or where a video is cut short.
    Timer {
        id: timeUp

        interval: slot.item.durationMs > 0 ? slot.item.durationMs : 8000
        onTriggered: if (slot.live) slot.finished()
    }
}
