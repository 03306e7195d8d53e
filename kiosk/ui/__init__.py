"""The customer-facing touch UI: a Qt Quick front end over the kiosk's domain.

Python here is the bridge (models and controllers registered for QML under
`KioskBackend`); the presentation lives in the QML module `qml/Kiosk/`. Entry points:
`kiosk.ui.app.run` (the kiosk window) and `kiosk.ui.screenshot.screenshot` (one screen to a
PNG, offscreen).
"""
