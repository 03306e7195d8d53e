"""Imports without PySide reading each imported module's source.

Once PySide6 is imported, it looks at every module imported after it: to decide whether the
module may switch PySide's optional features (`from __feature__ import snake_case`, ...), it
reads the module's whole source file (`inspect.getsource`) and searches it for the word
"PySide6"; a module that has it is given "no feature" (0), any other "ignore me" (-1). For the
ninety-odd modules the kiosk imports before it can be touched, that reading is some 15-25 ms
of the start (`benchmarks/cold_start.py`), a fifth of the importing.

The kiosk uses no PySide feature, and with none in use the two values act alike: the feature
set in force is always "none". So while `no_source_scan` is in force, a newly imported module
is given "no feature" without its source being read: the value PySide itself gives every
module that uses it, and the right one should a module of the kiosk ever select a feature
(PySide then switches back to "none" in code of the others, as it does now). A PySide whose
feature module is not where this expects is left to read the sources as before.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from types import ModuleType

#: The value PySide gives a module that uses it and selects no feature.
NO_FEATURE = 0


@contextlib.contextmanager
def no_source_scan() -> Iterator[None]:
    """While in force (in any thread), PySide reads no imported module's source."""
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    scan = getattr(feature, "feature_imported", None)
    if feature is None or not isinstance(table, dict) or not callable(scan):
        yield
        return

    def imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str):
            table.setdefault(name, NO_FEATURE)

    feature.feature_imported = imported  # type: ignore[attr-defined]
    try:
        yield
    finally:
        feature.feature_imported = scan  # type: ignore[attr-defined]
