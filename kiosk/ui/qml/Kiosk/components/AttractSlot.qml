import QtQuick
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
    // The band at the bottom that a picture or video shown whole keeps clear of.
    property real safeBottom: 0
    // The sound of a video (kiosk.voice.mediaVolume: 0 while the kiosk speaks).
    property real volume: 0

    function load() {
        if (video.item !== null)
            video.item.stop()
        picture.source = ""
        if (slot.plan.itemId === "")
            return
        if (slot.plan.video) {
            if (video.item === null)  // made now, at once
                video.setSource(Qt.resolvedUrl("AttractVideo.qml"), { plan: slot.plan })
            video.item.play(slot.plan.source)
        } else {
            picture.source = slot.plan.source
        }
    }

    onGenerationChanged: slot.load()
    onShowingChanged: if (slot.showing && slot.plan.video && video.item !== null) video.item.resume()

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
        bottomInset: slot.safeBottom
        onLoaded: if (!slot.plan.video) slot.plan.reportReady()
        onBroken: if (!slot.plan.video) slot.plan.reportFailed("image cannot be read")
    }

    // An AttractVideo, made from its file (so that this file does not import QtMultimedia)
    // when the slot is first given a video, and kept.
    Loader {
        id: video

        anchors.fill: parent
        visible: slot.isVideo
    }

    Binding {
        target: video.item
        property: "volume"
        value: slot.volume
        when: video.item !== null
    }

    Binding {
        target: video.item
        property: "bottomInset"
        value: slot.safeBottom
        when: video.item !== null
    }
}
