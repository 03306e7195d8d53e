import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Shapes
import Kiosk

// Seconds left, as a number inside a ring that empties.
Item {
    id: ring

    property int value: 0
    property int total: 1
    property color color: Theme.accent
    property int thickness: Theme.px(14)

    implicitWidth: Theme.px(200)
    implicitHeight: implicitWidth

    Shape {
        anchors.fill: parent
        preferredRendererType: Shape.CurveRenderer

        ShapePath {
            fillColor: "transparent"
            strokeColor: Theme.line
            strokeWidth: ring.thickness
            capStyle: ShapePath.RoundCap

            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: (ring.width - ring.thickness) / 2
                radiusY: radiusX
                startAngle: 0
                sweepAngle: 360
            }
        }

        ShapePath {
            fillColor: "transparent"
            strokeColor: ring.color
            strokeWidth: ring.thickness
            capStyle: ShapePath.RoundCap

            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: (ring.width - ring.thickness) / 2
                radiusY: radiusX
                startAngle: -90
                sweepAngle: 360 * Math.max(0, ring.value) / Math.max(1, ring.total)

                Behavior on sweepAngle {
                    NumberAnimation { duration: 900; easing.type: Easing.Linear }
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        text: ring.value
        color: Theme.ink
        font.pixelSize: Math.round(ring.height * 0.4)
        font.bold: true
    }
}
