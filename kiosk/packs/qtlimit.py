"""Qt's limit on one decoded picture, shared by the validator and the kiosk's window.

A module of its own, importing nothing: the kiosk's window sets the limit before its first
frame (kiosk.ui.boot), when nothing of the pack validator is imported yet.
"""

#: Qt's limit on one decoded image, in MB (`QImageReader.allocationLimit()`): the kiosk
#: decodes every picture with Qt, which refuses one larger than this and shows nothing.
#: The kiosk sets this limit itself at start (kiosk/ui/boot.py), so the validator and every
#: kiosk agree whatever Qt's default or QT_IMAGEIO_MAXALLOC.
QT_ALLOCATION_LIMIT_MB = 256
