"""The open service and the open category, each one row shown to QML as an object."""

from __future__ import annotations

from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.present.catalog import CategoryRow, ServicePage
from kiosk.ui.props import RowView

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the content controller")
class ServiceDetail(RowView, row=ServicePage):
    """The service the customer opened, in the current language, with its price now."""


@QmlElement
@QmlUncreatable("Made by the content controller")
class CategoryDetail(RowView, row=CategoryRow):
    """The category the customer opened."""
