"""List models QML shows: categories, services, campaigns and demo hotspots.

Each model is a `QAbstractListModel` with named roles (a nested `Role` enum). Rows are plain
dicts keyed by role name, built by the controllers for the current language. `sync()`
brings a model to a new list of rows with precise signals (remove, move, insert,
dataChanged for the roles that changed), so views keep their place when content changes
under them: a language switch or a validity window closing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

_USER = int(Qt.ItemDataRole.UserRole)

Row = dict[str, Any]


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(p.capitalize() for p in rest)


class RowModel(QAbstractListModel):
    """A list of rows keyed by `KEY`; subclasses declare `Role` (the first role is the key)."""

    Role: ClassVar[type[IntEnum]]
    countChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._names = {role: _camel(role.name) for role in self.Role}
        self._key = next(iter(self._names.values()))

    # -- QAbstractListModel ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(name.encode()) for role, name in self._names.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        try:
            name = self._names[self.Role(role)]
        except ValueError:
            return None
        return self._rows[index.row()].get(name)

    # -- for QML and Python ---------------------------------------------------------------
    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> Row:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}

    def rows(self) -> list[Row]:
        return [dict(r) for r in self._rows]

    def ids(self) -> list[str]:
        return [r[self._key] for r in self._rows]

    def sync(self, rows: list[Row]) -> None:
        """Become `rows`, signalling only what differs (rows are matched by key)."""
        before = len(self._rows)
        wanted = {r[self._key] for r in rows}
        for i in reversed(range(len(self._rows))):
            if self._rows[i][self._key] not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        for i, row in enumerate(rows):
            key = row[self._key]
            here = [r[self._key] for r in self._rows]
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
                self._rows.insert(i, dict(row))
                self.endInsertRows()
        if len(self._rows) != before:
            self.countChanged.emit()

    def _update(self, i: int, row: Row) -> None:
        old = self._rows[i]
        changed = [int(role) for role, name in self._names.items() if old.get(name) != row.get(name)]
        if changed:
            self._rows[i] = dict(row)
            idx = self.index(i, 0)
            self.dataChanged.emit(idx, idx, changed)


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class CategoryModel(RowModel):
    """Visible categories: tiles on the home screen."""

    class Role(IntEnum):
        CATEGORY_ID = _USER + 1
        NAME = _USER + 2
        COLOR = _USER + 3
        ICON = _USER + 4
        SERVICE_COUNT = _USER + 5


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class ServiceModel(RowModel):
    """Services as cards or ranked rows (TOP-10), with their price texts for now."""

    class Role(IntEnum):
        SERVICE_ID = _USER + 1
        NAME = _USER + 2
        PITCH = _USER + 3
        IMAGE = _USER + 4
        PRICE_NOW = _USER + 5
        PRICE_REGULAR = _USER + 6
        DISCOUNTED = _USER + 7
        OFFER_TITLE = _USER + 8
        RANK = _USER + 9
        CATEGORY_NAME = _USER + 10
        CATEGORY_COLOR = _USER + 11


@QmlElement
@QmlUncreatable("Made by the kiosk's controllers")
class OfferModel(RowModel):
    """Current campaigns and daily deals, with the sentence that explains the discount."""

    class Role(IntEnum):
        OFFER_ID = _USER + 1
        TITLE = _USER + 2
        DESCRIPTION = _USER + 3
        EXPLANATION = _USER + 4
        BANNER = _USER + 5
        DAILY_DEAL = _USER + 6
        SERVICE_ID = _USER + 7
        SERVICE_NAME = _USER + 8
        COLOR = _USER + 9


@QmlElement
@QmlUncreatable("Made by the demo controller")
class HotspotModel(RowModel):
    """The tappable areas of the current demo scene, as fractions of the scene."""

    class Role(IntEnum):
        HOTSPOT_ID = _USER + 1
        LABEL = _USER + 2
        RECT_X = _USER + 3
        RECT_Y = _USER + 4
        RECT_W = _USER + 5
        RECT_H = _USER + 6
