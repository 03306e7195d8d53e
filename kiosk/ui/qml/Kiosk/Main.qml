pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import KioskBackend

// The kiosk window: one StackView of screens that follows the Navigator, and the idle
// warning over everything.
ApplicationWindow {
    id: window

    required property KioskController kiosk

    function screenFor(name: string): Component {
        switch (name) {
        case "attract": return attractScreen
        case "home": return homeScreen
        case "category": return categoryScreen
        case "service": return serviceScreen
        case "demo": return demoScreen
        case "video": return videoScreen
        case "subscribe": return subscribeScreen
        default: return outOfServiceScreen
        }
    }

    function follow(op: string, name: string) {
        const screen = window.screenFor(name)
        switch (op) {
        case "push": stack.push(screen); break
        case "pop": stack.pop(); break
        case "home": stack.popToIndex(0); break
        case "swap": stack.replaceCurrentItem(screen); break
        default: stack.replace(null, screen)
        }
    }

    width: 1920
    height: 1080
    visible: false
    title: qsTr("Experience Zone")
    color: Theme.brandNight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody

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

    StackView {
        id: stack

        objectName: "stack"
        anchors.fill: parent
        initialItem: window.screenFor(window.kiosk.nav.screen)

        pushEnter: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: stack.width * 0.25; to: 0; duration: Theme.durationNormal; easing.type: Easing.OutCubic }
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.durationNormal; easing.type: Easing.OutCubic }
            }
        }
        pushExit: Transition {
            NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Theme.durationNormal }
        }
        popEnter: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.durationNormal }
        }
        popExit: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: 0; to: stack.width * 0.25; duration: Theme.durationNormal; easing.type: Easing.InCubic }
                NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Theme.durationNormal; easing.type: Easing.InCubic }
            }
        }
        replaceEnter: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.durationSlow; easing.type: Easing.OutCubic }
        }
        replaceExit: Transition {
            NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Theme.durationNormal }
        }
    }

    IdleOverlay {
        anchors.fill: parent
        kiosk: window.kiosk
    }

    Component {
        id: attractScreen

        AttractScreen { kiosk: window.kiosk }
    }

    Component {
        id: homeScreen

        HomeScreen { kiosk: window.kiosk }
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
        id: demoScreen

        DemoScreen { kiosk: window.kiosk }
    }

    Component {
        id: videoScreen

        VideoScreen { kiosk: window.kiosk }
    }

    Component {
        id: subscribeScreen

        SubscribeScreen { kiosk: window.kiosk }
    }

    Component {
        id: outOfServiceScreen

        OutOfServiceScreen {}
    }
}
