import QtQuick
import Kiosk

// The brand's backdrop: deep blue with two soft circles. Behind the attract loop's first
// item, and the window's first frame when there is no picture from the last run.
Rectangle {
    gradient: Gradient {
        GradientStop { position: 0; color: Theme.brandDeep }
        GradientStop { position: 1; color: Theme.brandNight }
    }

    Rectangle {
        x: parent.width * 0.55
        y: -parent.height * 0.3
        width: parent.height * 1.2
        height: width
        radius: width / 2
        color: Theme.brand
        opacity: 0.35
    }

    Rectangle {
        x: -parent.height * 0.35
        y: parent.height * 0.55
        width: parent.height * 0.8
        height: width
        radius: width / 2
        color: Theme.teal
        opacity: 0.18
    }
}
