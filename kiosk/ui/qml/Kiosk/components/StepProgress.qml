pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// "Step 2 of 5", with a bar per step.
Column {
    id: progress

    property int step: 1
    property int count: 1
    property bool done: false

    objectName: "stepProgress"
    spacing: Theme.px(12)

    Label {
        objectName: "stepLabel"
        text: progress.done ? qsTr("All steps done") : qsTr("Step %1 of %2").arg(progress.step).arg(progress.count)
        color: Theme.teal
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }

    Row {
        spacing: Theme.px(8)

        Repeater {
            model: progress.count

            delegate: Rectangle {
                required property int index

                width: Math.min(Theme.px(64), (progress.width - (progress.count - 1) * Theme.px(8)) / Math.max(1, progress.count))
                height: Theme.px(10)
                radius: height / 2
                color: progress.done || index < progress.step ? Theme.teal : Theme.line

                Behavior on color {
                    ColorAnimation { duration: Theme.durationNormal }
                }
            }
        }
    }
}
