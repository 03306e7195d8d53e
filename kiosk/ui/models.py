"""List models QML shows: categories, services, campaigns and demo hotspots.

Each model is a `QAbstractListModel` over frozen dataclass rows (built in
`kiosk.present`); its roles are the row's fields, named as QML spells them
(`service_count` -> `serviceCount`), the first field being the key. `sync()` brings a
model to a new list of rows with precise signals (remove, move, insert, dataChanged for the
roles that changed), so views keep their place when content changes under them: a language
switch or a validity window closing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.present.catalog import CategoryRow, OfferRow, ServiceRow
from kiosk.present.demo import HotspotRow
from kiosk.ui.props import camel, field_kinds

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

# Qt.ItemDataRole.UserRole, by number: naming it would make PySide build every enum of
# Qt's namespace (some 20-25 ms) while the kiosk starts.
_USER = 0x0100


class RowModel(QAbstractListModel):
    """A list of `ROW` dataclasses keyed by their first field; subclasses name `ROW`."""

    ROW: ClassVar[type]
    #: The roles, one per field of `ROW` (`Role.SERVICE_COUNT` for `service_count`).
    Role: ClassVar[type[IntEnum]]
    _fields: ClassVar[tuple[str, ...]]
    countChanged = Signal()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(field_kinds(cls.ROW))
        cls.Role = IntEnum("Role", {f.upper(): _USER + 1 + i for i, f in enumerate(cls._fields)})  # type: ignore[misc]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._key = self._fields[0]

    # -- QAbstractListModel ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {_USER + 1 + i: QByteArray(camel(f).encode()) for i, f in enumerate(self._fields)}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        i = role - _USER - 1
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= i < len(self._fields):
            return None
        return getattr(self._rows[index.row()], self._fields[i])

    # -- for QML and Python ---------------------------------------------------------------
    count = Property(int, lambda self: len(self._rows), notify=countChanged)

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> dict[str, Any]:
        """The row at `row` keyed as QML names its roles ({} out of range)."""
        if not 0 <= row < len(self._rows):
            return {}
        return {camel(k): v for k, v in asdict(self._rows[row]).items()}

    def ids(self) -> list[str]:
        return [getattr(r, self._key) for r in self._rows]

    def sync(self, rows: Sequence[Any]) -> None:
        """Become `rows`, signalling only what differs (rows are matched by key)."""
        before = len(self._rows)
        wanted = {getattr(r, self._key) for r in rows}
        for i in reversed(range(len(self._rows))):
            if getattr(self._rows[i], self._key) not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        for i, row in enumerate(rows):
            key = getattr(row, self._key)
            here = self.ids()
            if i < len(here) and here[i] == key:
                self._update(i, row)
            elif key in here[i:]:
                j = here.index(key, i)
                self.beginMoveRows(QModelIndex(), j, j, QModelIndex(), i)
                self._rows.insert(i, self._rows.pop(j))
                self.endMoveRows()
                self._update(i, row)
            else:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, row)
                self.endInsertRows()
        if len(self._rows) != before:
            self.countChanged.emit()

    def _update(self, i: int, row: Any) -> None:
        old = self._rows[i]
        changed = [_USER + 1 + n for n, f in enumerate(self._fields) if getattr(old, f) != getattr(row, f)]
        if changed:
            self._rows[i] = row
            idx = self.index(i, 0)
            self.dataChanged.emit(idx, idx, changed)


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class CategoryModel(RowModel):
    """Visible categories: tiles on the home screen."""

    ROW = CategoryRow


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class ServiceModel(RowModel):
    """Services as cards or ranked rows (TOP-10), with their price texts for now."""

    ROW = ServiceRow


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class OfferModel(RowModel):
    """Current campaigns and daily deals, with the sentence that explains the discount."""

    ROW = OfferRow


@QmlElement
@QmlUncreatable("Made by the demo controller")
class HotspotModel(RowModel):
    """The tappable areas of the current demo scene, as fractions of the scene."""

    ROW = HotspotRow
