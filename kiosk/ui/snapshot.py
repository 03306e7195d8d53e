"""Read-only QObjects that show one record to QML (the open service, the open category).

A `Snapshot` holds a dict of values; `assign()` replaces them and emits one `changed`
signal when anything differs. Subclasses declare their properties with `field()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Property, QObject, Signal


class Snapshot(QObject):
    DEFAULTS: ClassVar[dict[str, Any]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, Any] = dict(self.DEFAULTS)

    def assign(self, values: dict[str, Any] | None) -> None:
        new = dict(self.DEFAULTS)
        new.update(values or {})
        if new != self._values:
            self._values = new
            self._emit()

    def value(self, name: str) -> Any:
        return self._values[name]

    def _emit(self) -> None:
        raise NotImplementedError


def field(kind: type | str, name: str, notify: Signal) -> Property:
    """A read-only property that reads `name` from the snapshot's values."""
    getter: Callable[[Snapshot], Any] = lambda self: self._values[name]  # noqa: E731
    return Property(kind, getter, notify=notify)
