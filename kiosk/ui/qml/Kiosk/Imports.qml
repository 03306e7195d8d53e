import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Shapes

// Nothing to show: the QML modules the kiosk UI imports beyond QtQuick, named so that Boot.qml
// can have Qt load them (their plugins, their type tables) while the window's first frame is
// drawn and the rest of the kiosk is imported. Main.qml cannot be compiled before then (it
// needs the kiosk's Python types), but then finds these loaded: some 20 ms less before the
// kiosk can be touched.
QtObject {}
