"""Declarative read-only properties for the QObjects QML binds to.

`readonly(kind, "attr.path", notify)` declares a property QML can read and bind to, backed
by an attribute of the object (a dotted path reaches into a held row or state machine):
the controller changes the attribute and emits the signal, one signal per group of
properties that change together. Without `notify` the property is constant.

`RowView` shows one frozen dataclass row to QML as an object with a property per field
(`service_id` as `serviceId`), all notified by its `changed` signal.
"""

from __future__ import annotations

import typing
from dataclasses import fields
from operator import attrgetter
from typing import Any, ClassVar

from PySide6.QtCore import Property, QObject, Signal


def camel(name: str) -> str:
    """A Python field name as QML spells it: `service_count` -> `serviceCount`."""
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def readonly(kind: type | str, source: str, notify: Signal | None = None) -> Property:
    """A read-only property that reads the attribute `source` of the object."""
    get = attrgetter(source)

    def getter(self: QObject) -> Any:
        return get(self)

    if notify is None:
        return Property(kind, getter, constant=True)
    return Property(kind, getter, notify=notify)


def field_kinds(row: type) -> dict[str, type]:
    """Each field of the dataclass `row` and its type (str, int, float or bool)."""
    hints = typing.get_type_hints(row)
    return {f.name: hints[f.name] for f in fields(row)}


class _RowViewType(type(QObject)):  # type: ignore[misc]
    # The properties must be in the class body when Qt builds the meta-object, so they are
    # added here, from the dataclass named by `row=`, before the class is made.
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any], row: type | None = None):
        if row is not None:
            ns["ROW"] = row
            ns["changed"] = changed = Signal()
            for field, kind in field_kinds(row).items():
                ns[camel(field)] = readonly(kind, f"_row.{field}", changed)
        return super().__new__(mcs, name, bases, ns)


class RowView(QObject, metaclass=_RowViewType):
    """One row on show (the open service, the open category); `show(None)` shows the row's
    defaults. Subclasses name their dataclass: `class ServiceDetail(RowView, row=ServicePage)`."""

    ROW: ClassVar[type]
    changed: ClassVar[Signal]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._row: Any = self.ROW()

    def show(self, row: Any | None) -> None:
        new = row if row is not None else self.ROW()
        if new != self._row:
            self._row = new
            self.changed.emit()
