import QtQuick
import Kiosk

// The light page behind session screens, with a faint brand glow in one corner.
Rectangle {
    color: Theme.background

    Rectangle {
        width: parent.width
        height: Theme.px(420)
        gradient: Gradient {
            GradientStop { position: 0; color: Theme.backgroundGlow }
            GradientStop { position: 1; color: Theme.background }
        }
    }
}
