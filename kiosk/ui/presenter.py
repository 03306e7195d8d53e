"""PresenterController (`kiosk.presenter`): the presenter drawer's rows for QML, and whether
staff opened it.

The rows follow the open service, the demo's scene and the language
(`kiosk.present.presenter`); the query is what staff typed in the drawer's search box. The
drawer is closed, and its search cleared, when a customer's session starts or ends, so the
next customer never finds it open; QML shows it only while a staff member is signed in, and
closes it when they sign out (`close`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.present.presenter import FocusRow, PointRow, PresenterPanel, QaRow, presenter_rows
from kiosk.ui.catalog import ContentController
from kiosk.ui.demo import DemoController
from kiosk.ui.language import LanguageController
from kiosk.ui.models import RowModel
from kiosk.ui.props import readonly
from kiosk.ui.session import SessionController

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


class FocusModel(RowModel):
    ROW = FocusRow


class PointModel(RowModel):
    ROW = PointRow


class QaModel(RowModel):
    ROW = QaRow


@QmlElement
@QmlUncreatable("Made by the kiosk")
class PresenterController(QObject):
    #: The rows' texts changed (service, scene, language, query).
    changed = Signal()
    openChanged = Signal()

    def __init__(
        self,
        content: ContentController,
        demo: DemoController,
        language: LanguageController,
        session: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._demo = demo
        self._language = language
        self._open = False
        self._query = ""
        self._panel = PresenterPanel()
        self._focus = FocusModel(self)
        self._points = PointModel(self)
        self._qa = QaModel(self)
        content.viewChanged.connect(self.refresh)
        content.service.changed.connect(self.refresh)
        demo.changed.connect(self.refresh)
        language.languageChanged.connect(self.refresh)
        session.started.connect(self.close)
        session.ended.connect(lambda _reason: self.close())
        self.refresh()

    open = readonly(bool, "_open", openChanged)
    quarter = readonly(str, "_panel.quarter", changed)
    serviceName = readonly(str, "_panel.service_name", changed)
    sceneId = readonly(str, "_panel.scene_id", changed)
    query = readonly(str, "_panel.query", changed)
    qaTotal = readonly(int, "_panel.qa_total", changed)
    focus = readonly(QObject, "_focus")
    points = readonly(QObject, "_points")
    qa = readonly(QObject, "_qa")

    @property
    def panel(self) -> PresenterPanel:
        return self._panel

    @Slot(bool)
    def setOpen(self, value: bool) -> None:
        if value != self._open:
            self._open = value
            self.openChanged.emit()

    @Slot()
    def close(self) -> None:
        """Closed, its search cleared: at a session's start and end, and at sign-out."""
        self.setOpen(False)
        self.search("")

    @Slot(str)
    def search(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.refresh()

    def refresh(self) -> None:
        run = self._demo.run
        service_id = self._content.service_id
        scene_id = run.scene.id if run.running and run.scene and run.service_id == service_id else ""
        panel = presenter_rows(self._content.view, service_id, scene_id, self._language.language, self._query)
        self._focus.sync(panel.focus)
        self._points.sync(panel.talking_points)
        self._qa.sync(panel.qa)
        if panel != self._panel:
            self._panel = panel
            self.changed.emit()
