import QtQuick
import Kiosk

// The kiosk's window, on screen the moment the application starts. It shows the picture the
// attract loop opened with last time (or the brand's backdrop) while `start()` builds the
// kiosk UI behind it, and uncovers the UI once that has something to show: no white or
// half-built frame ever reaches the screen.
Window {
    id: boot

    // The attract loop's first picture from the last run; empty when there is none.
    property url picture
    readonly property Item ui: stage.item
    readonly property bool covered: stage.item === null || !stage.item.presentable
    // The first item is on screen before the UI is (read by the start-up benchmark).
    readonly property bool pictureShown: covered && first.status === Image.Ready
    // Main.qml being compiled ahead of `start` (see `prepare`).
    property Component compiling: null
    // The modules the kiosk UI imports, loaded on Qt's loader thread from the start (see
    // Imports.qml); kept, so that Qt keeps them loaded.
    property Component imports: null

    // Set once the first frame is out (Boot.wait_for_first_frame in Python).
    property bool fontsWanted: false

    Component.onCompleted: boot.imports = Qt.createComponent(Qt.resolvedUrl("Imports.qml"), Component.Asynchronous, boot)

    // Starts compiling the kiosk UI (Main.qml and the screens it names) on Qt's loader
    // thread, so that `start` finds it compiled: meanwhile Python loads the content.
    function prepare() {
        boot.compiling = Qt.createComponent(Qt.resolvedUrl("Main.qml"), Component.Asynchronous, boot)
    }

    // Builds the kiosk UI (Main.qml) under the cover; false if it cannot be built.
    function start(kiosk: QtObject): bool {
        stage.setSource(Qt.resolvedUrl("Main.qml"), { kiosk: kiosk })
        return stage.status === Loader.Ready
    }

    width: 1920
    height: 1080
    visible: false
    color: Theme.brandNight

    Loader {
        id: stage

        objectName: "stage"
        anchors.fill: parent
    }

    // Once the first frame is out, while the rest of the kiosk is imported: the kiosk's font
    // loaded on this thread, where the attract loop's first text will find it (the fonts'
    // list, the font files, in the weights it prints), some 10 ms less before the kiosk can
    // be touched. Measures text, draws nothing.
    Loader {
        objectName: "bootFonts"
        active: boot.fontsWanted
        asynchronous: true
        sourceComponent: QtObject {
            readonly property TextMetrics title: TextMetrics {
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                text: "点击屏幕开始"
            }
            readonly property TextMetrics body: TextMetrics {
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                text: "Touch to start"
            }
        }
    }

    BrandBackdrop {
        objectName: "bootBackdrop"
        anchors.fill: parent
        visible: boot.covered && first.status !== Image.Ready
    }

    // Loaded at once (not on a thread): the first frame shows it. (Decoded on Qt's picture
    // thread instead, with the window shown once it is done, it gained nothing measurable
    // on a loaded machine and lost 20-40 ms to the hand-over.)
    AttractPicture {
        id: first

        objectName: "bootPicture"
        anchors.fill: parent
        asynchronous: false
        // Where the attract loop will show it: a picture shown whole keeps above the button.
        bottomInset: Theme.attractButtonBand(Math.min(boot.width, boot.height))
        visible: boot.covered && status === Image.Ready
        source: boot.covered ? boot.picture : ""
    }
}
