"""Dataclasses' generated methods compiled once, then kept beside the package's bytecode.

`@dataclass` writes the source of each class's methods (`__init__`, `__repr__`, `__eq__`,
and for a frozen class `__setattr__`, `__delattr__`, `__hash__`) and compiles it every time
the class is made, that is at every import: about half a millisecond a class, 25-30 ms for
the fifty-odd classes the kiosk imports before its UI can be built (`benchmarks/cold_start.py`),
30-40 ms of `kiosk sync --once`'s start (`benchmarks/sync_first.py`).
That source depends only on the class's fields and options, so what it compiles to can be
kept like a `.pyc`: while a `MethodCache` is `installed`, the compiling `dataclasses` asks for
is looked up by the exact source text, and `save` keeps what was used for the next start.
A class that changed writes another text, which is compiled afresh: nothing stale is used,
and a missing or damaged file only means compiling as before.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import logging
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

from kiosk.datadir import replace_whole

log = logging.getLogger(__name__)

#: Code objects are only valid for the Python that wrote them (its bytecode's magic number).
MAGIC = b"kiosk-dataclass-methods-1:" + importlib.util.MAGIC_NUMBER


def default_path(program: str) -> Path | None:
    """The file of `program` (one per program: each keeps what its own imports use) beside
    the kiosk's own bytecode (`__pycache__`, or under `sys.pycache_prefix`); None where this
    Python keeps no bytecode."""
    package = Path(__file__).resolve().parent / "__init__.py"
    try:
        pyc = Path(importlib.util.cache_from_source(str(package)))
    except NotImplementedError:  # no cache tag
        return None
    return pyc.parent / f"dataclass-methods-{program}.{sys.implementation.cache_tag}.bin"


class MethodCache:
    """Compiled dataclass methods by their source text, read from and saved to `path`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known = self._read()
        self._used: dict[str, CodeType] = {}
        #: Sources compiled since this cache was made (none: the file had them all).
        self.misses = 0

    def _read(self) -> dict[str, CodeType]:
        if self.path is None:
            return {}
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if not data.startswith(MAGIC):
            return {}
        try:
            codes = marshal.loads(data[len(MAGIC) :])
        except (EOFError, ValueError, TypeError):
            return {}
        if not isinstance(codes, dict):
            return {}
        return {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
        """`exec` as `dataclasses` calls it, with the compiling done once."""
        if not isinstance(source, str) or globals is None:
            # Not the call this cache is for: as the builtin would, in dataclasses' namespace.
            exec(source, vars(dataclasses) if globals is None else globals, locals)
            return
        code = self._known.get(source) or self._used.get(source)
        if code is None:
            code = compile(source, "<string>", "exec")
            self.misses += 1
        self._used[source] = code
        exec(code, globals, locals)

    @contextlib.contextmanager
    def installed(self) -> Iterator[MethodCache]:
        """While inside, every dataclass made (on any thread) compiles through this cache."""
        dataclasses.exec = self.exec  # type: ignore[attr-defined]  # shadows the builtin
        try:
            yield self
        finally:
            if vars(dataclasses).get("exec") == self.exec:
                del dataclasses.exec  # type: ignore[attr-defined]

    def save(self) -> None:
        """Keep the methods used, if any had to be compiled (and bytecode may be written)."""
        if not self.misses or self.path is None or sys.dont_write_bytecode:
            return
        try:
            replace_whole(self.path, MAGIC + marshal.dumps(self._used))
        except OSError as e:
            log.debug("cannot keep the compiled dataclass methods in %s: %s", self.path, e)
