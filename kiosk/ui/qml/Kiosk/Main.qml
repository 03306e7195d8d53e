pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The kiosk UI, built by Boot.qml into the window: one StackView of screens that follows
// the Navigator, the idle warning over it, and the staff's PIN pad over everything. In reach
// mode (kiosk.access.reach: portrait only) the screens, top bar and all, lie in the lower
// two thirds of the window, and the top third shows the screen's title, nothing to touch;
// the attract loop keeps the whole window.
Control {
    id: window

    required property KioskController kiosk
    // The screen on show has something to show (the attract loop waits for its first item),
    // so the window may uncover it.
    readonly property bool presentable: stack.currentItem !== null
            && (stack.currentItem.presentable === undefined || stack.currentItem.presentable)
    // The next session's home screen, made in the background (a little in each frame) while
    // the attract loop runs, so that a touch on the attract loop only has to show it.
    property var homeIncubator: null
    // The next home screen is ready (made, or taken by a touch).
    property bool homeReady: false
    // The PIN pad may be made: the next home screen is ready and no screen is moving (not
    // in the frames that answer the first touch), or the pad is asked for. Once made, it
    // stays.
    property bool padWanted: false
    readonly property bool padShown: window.kiosk.maintenance.pad.shown
    readonly property bool padDue: window.homeReady && !stack.busy
    // Reach mode's layout is on: the screens in the lower two thirds.
    readonly property bool reaching: window.kiosk.access.reach
            && window.kiosk.nav.screen !== window.screens.attract

    // The staff's overlays (sign-in pad, badge menu, My figures): made when first shown.
    property bool staffPadWanted: false
    property bool staffMenuWanted: false
    property bool staffFiguresWanted: false
    readonly property bool staffPadShown: window.kiosk.staff.pad.shown
    readonly property bool staffMenuShown: window.kiosk.staff.menuShown
    readonly property bool staffFiguresShown: window.kiosk.staff.figures.shown
    onStaffPadShownChanged: if (window.staffPadShown) window.staffPadWanted = true
    onStaffMenuShownChanged: if (window.staffMenuShown) window.staffMenuWanted = true
    onStaffFiguresShownChanged: if (window.staffFiguresShown) window.staffFiguresWanted = true

    onPadShownChanged: if (window.padShown) window.padWanted = true
    onPadDueChanged: if (window.padDue) window.padWanted = true

    // The Navigator's names for screens and StackView operations.
    readonly property var screens: window.kiosk.nav.screens
    readonly property var ops: window.kiosk.nav.ops

    // The screens that play media (and the attract loop's video, see AttractSlot) are made
    // from their files rather than declared below: declaring them would load QtMultimedia,
    // some 25 ms, before the attract loop can be touched. Their files are compiled in the
    // background once the next home screen is ready (prepareMedia).
    readonly property var mediaFiles: ({
        [window.screens.demo]: "screens/DemoScreen.qml",
        [window.screens.video]: "screens/VideoScreen.qml",
        attractVideo: "components/AttractVideo.qml"
    })
    property var mediaComponents: ({})

    function screenFor(name: string): Component {
        switch (name) {
        case window.screens.attract: return attractScreen
        case window.screens.home: return homeScreen
        case window.screens.category: return categoryScreen
        case window.screens.service: return serviceScreen
        case window.screens.demo: return window.mediaComponent(name, Component.PreferSynchronous)
        case window.screens.video: return window.mediaComponent(name, Component.PreferSynchronous)
        case window.screens.subscribe: return subscribeScreen
        case window.screens.maintenance: return maintenanceScreen
        default: return outOfServiceScreen
        }
    }

    // What a screen made from its file is given (the declared ones have it already).
    function propertiesFor(name: string): var {
        return name in window.mediaFiles ? { kiosk: window.kiosk } : {}
    }

    // `name`'s component, compiled now (PreferSynchronous: one still compiling in the
    // background is finished at once) or in the background (Asynchronous).
    function mediaComponent(name: string, mode: int): Component {
        let component = window.mediaComponents[name]
        if (component === undefined || (mode === Component.PreferSynchronous && component.status === Component.Loading)) {
            component = Qt.createComponent(Qt.resolvedUrl(window.mediaFiles[name]), mode, window)
            window.mediaComponents[name] = component
        }
        return component
    }

    function prepareMedia() {
        for (const name in window.mediaFiles)
            window.mediaComponent(name, Component.Asynchronous)
    }

    function follow(op: string, name: string) {
        if (op === window.ops.reset && name === window.screens.home) {
            // The session begins: show the home screen made while the attract loop ran.
            stack.replace(null, window.takeHome())
            return
        }
        const screen = window.screenFor(name)
        const properties = window.propertiesFor(name)
        switch (op) {
        case window.ops.push: stack.push(screen, properties); break
        case window.ops.pop: stack.pop(); break
        case window.ops.home: stack.popToIndex(0); break
        case window.ops.swap: stack.replaceCurrentItem(screen, properties); break
        default: stack.replace(null, screen, properties)
        }
        if (name === window.screens.attract)
            window.prepareHome()
    }

    function prepareHome() {
        if (window.homeIncubator !== null)
            return
        const incubator = preparedHomeScreen.incubateObject(nursery, { kiosk: window.kiosk }, Qt.Asynchronous)
        window.homeIncubator = incubator
        // Then the PIN pad and the media screens, so that making them does not slow the
        // first touch.
        if (incubator.status === Component.Loading)
            incubator.onStatusChanged = () => window.prepareRest()
        else
            window.prepareRest()
    }

    function prepareRest() {
        // Later: a touch that took the home screen is about to set the stack moving.
        Qt.callLater(() => window.homeReady = true)
        window.prepareMedia()
    }

    function takeHome(): var {
        const incubator = window.homeIncubator
        window.homeIncubator = null
        if (incubator === null)
            return homeScreen
        if (incubator.status === Component.Loading)
            incubator.forceCompletion()
        if (incubator.status !== Component.Ready)
            return homeScreen
        return incubator.object
    }

    padding: 0
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody

    Binding {
        target: window.Window.window
        property: "title"
        value: qsTr("Experience Zone")
    }

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.3, Math.min(window.width, window.height) / 1080)
    }

    Connections {
        target: window.kiosk.nav

        function onNavigated(op: string, name: string) {
            window.follow(op, name)
        }
    }

    // Where the next home screen waits until a touch shows it: laid out at the window's
    // size, under the screens, hidden and blind to input.
    Item {
        id: nursery

        objectName: "homeNursery"
        anchors.fill: screenArea
        visible: false
        enabled: false
    }

    // Where the screens are: the whole window, or its lower two thirds in reach mode.
    Item {
        id: screenArea

        objectName: "screenArea"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: window.reaching ? Math.round(parent.height * 2 / 3) : parent.height
        clip: window.reaching

        // Screens move in fully opaque and briefly, the new one covering nearly all of the old
        // from the first frame: forward from the right, back from the left. No two full-window
        // layers are blended (the software renderer pays for every blended pixel).
        StackView {
            id: stack

            objectName: "stack"
            anchors.fill: parent
            initialItem: window.screenFor(window.kiosk.nav.screen)

            pushEnter: Transition {
                NumberAnimation { property: "x"; from: stack.width * Theme.screenSlide; to: 0; duration: Theme.durationScreen; easing.type: Easing.OutCubic }
            }
            pushExit: Transition {
                PauseAnimation { duration: Theme.durationScreen }
            }
            popEnter: Transition {
                NumberAnimation { property: "x"; from: -stack.width * Theme.screenSlide; to: 0; duration: Theme.durationScreen; easing.type: Easing.OutCubic }
            }
            popExit: Transition {
                // Under the screen coming back, which slides over it.
                PropertyAction { property: "z"; value: -1 }
                PauseAnimation { duration: Theme.durationScreen }
            }
            replaceEnter: Transition {
                NumberAnimation { property: "x"; from: stack.width * Theme.screenSlide; to: 0; duration: Theme.durationScreen; easing.type: Easing.OutCubic }
            }
            replaceExit: Transition {
                PropertyAction { property: "z"; value: -1 }
                PauseAnimation { duration: Theme.durationScreen }
            }
        }
    }

    // Made when reach mode is first on: nothing of it costs the start.
    Loader {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: screenArea.top
        active: window.reaching
        visible: window.reaching
        sourceComponent: ReachHeader {
            kiosk: window.kiosk
        }
    }

    Component.onCompleted: {
        if (window.kiosk.nav.screen === window.screens.attract)
            window.prepareHome()
        else
            window.padWanted = true
    }

    // The register of interested customers (staff), over the screens, under the idle warning;
    // made only while open (nothing of it at start, nothing of the number after).
    Loader {
        objectName: "registerLoader"
        anchors.fill: parent
        active: window.kiosk.register.active
        sourceComponent: RegisterForm {
            kiosk: window.kiosk
        }
    }

    IdleOverlay {
        anchors.fill: parent
        kiosk: window.kiosk
    }

    // Captions of the spoken guides and demo narration (over the screens and the idle
    // warning, under the PIN pad); self-contained, so it can be moved.
    CaptionBar {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        kiosk: window.kiosk
    }

    // The staff session's overlays, over the screens and captions, under the maintenance PIN
    // pad: made when first shown (none of them costs the start).
    Loader {
        objectName: "staffFiguresLoader"
        anchors.fill: parent
        active: window.staffFiguresWanted
        sourceComponent: StaffFigures {
            kiosk: window.kiosk
        }
    }

    Loader {
        objectName: "staffMenuLoader"
        anchors.fill: parent
        active: window.staffMenuWanted
        sourceComponent: StaffMenu {
            kiosk: window.kiosk
        }
    }

    Loader {
        objectName: "staffPadLoader"
        anchors.fill: parent
        active: window.staffPadWanted
        sourceComponent: StaffPad {
            kiosk: window.kiosk
        }
    }

    // The staff's PIN pad, over everything (the idle warning included). Not needed before
    // the first touch, and some 10 ms to make: made in the background once the next home
    // screen is ready (see prepareHome), or at once should it be asked for sooner.
    Loader {
        objectName: "pinPadLoader"
        anchors.fill: parent
        active: window.padWanted
        asynchronous: !window.padShown
        sourceComponent: PinPad {
            kiosk: window.kiosk
        }
        // Laid out now rather than before the next frame: made at once, it may be touched
        // (by a test's click) before any frame.
        onLoaded: item.layOut()
    }

    Component {
        id: attractScreen

        AttractScreen { kiosk: window.kiosk }
    }

    Component {
        id: homeScreen

        HomeScreen { kiosk: window.kiosk }
    }

    // Made by prepareHome() rather than by the StackView, so the StackView does not own it:
    // it goes when it leaves the stack (the end of the session).
    Component {
        id: preparedHomeScreen

        HomeScreen {
            kiosk: window.kiosk
            width: stack.width
            height: stack.height
            StackView.onRemoved: destroy()
        }
    }

    Component {
        id: categoryScreen

        CategoryScreen { kiosk: window.kiosk }
    }

    Component {
        id: serviceScreen

        ServiceScreen { kiosk: window.kiosk }
    }



    Component {
        id: subscribeScreen

        SubscribeScreen { kiosk: window.kiosk }
    }

    Component {
        id: maintenanceScreen

        MaintenanceScreen { kiosk: window.kiosk }
    }

    Component {
        id: outOfServiceScreen

        OutOfServiceScreen {}
    }
}
