"""Field tables: a JSON value checked against a table of its fields, every problem recorded.

A table maps each key an object may have to a `Field`: the parser of its value and whether
it is required. `Checker.obj` walks an object by its table and records every problem it
finds, each as (file, field path, reason in plain words): unknown keys (with the near
name the author probably meant), missing required keys, and whatever each value's parser
refuses. It never stops at the first problem and never lets bad input raise out of it.
The pack reader (`kiosk.packs.loader`) and the kiosk's settings (`kiosk.config`) both check
their input this way; docs/architecture.md says why this is not pydantic.

A parser is `parse(checker, value, file, path) -> parsed`. It refuses its own value by
raising `FieldError` with the reason; a parser of a nested object records its problems
itself and raises `RecordedError` so that the item is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.errors import KioskError
from kiosk.packs.errors import Problem


class FieldError(KioskError):
    """The value being parsed is wrong; the message is the reason, for the author."""


class RecordedError(KioskError):
    """The value had problems, already recorded in detail; the item it is in is left out."""


#: parse(checker, value, file, path) -> the parsed value, or FieldError / RecordedError.
Parse = Callable[[Any, Any, str, str], Any]


@dataclass(frozen=True)
class Field:
    parse: Parse
    required: bool = False


class Checker:
    """Checks values against field tables and holds the problems found so far."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, file: str, path: str, reason: str, warning: bool = False) -> None:
        self.problems.append(Problem(file, path, reason, warning))

    def field(self, parse: Parse, value: Any, file: str, path: str) -> Any:
        """Run one field parser, turning `FieldError` into a recorded problem; raises RecordedError."""
        try:
            return parse(self, value, file, path)
        except FieldError as e:
            self.problem(file, path, str(e))
            raise RecordedError from e

    def obj(
        self, raw: Any, file: str, path: str, spec: Mapping[str, Field], partial: bool = False
    ) -> dict[str, Any]:
        """Parse a JSON object by `spec`, recording every problem; raises RecordedError if any.

        `partial`: required fields may be left out (an override names only what it changes).
        """
        if not isinstance(raw, dict):
            self.problem(file, path, f"must be an object, not {kind(raw)}")
            raise RecordedError
        ok = True
        out: dict[str, Any] = {}
        for key in raw:
            if key not in spec:
                self.unknown(file, path, key, spec)
                ok = False
        for key, f in spec.items():
            if key not in raw:
                if f.required and not partial:
                    self.problem(file, join(path, key), "is required")
                    ok = False
                continue
            try:
                out[key] = self.field(f.parse, raw[key], file, join(path, key))
            except RecordedError:
                ok = False
        if not ok:
            raise RecordedError
        return out

    def unknown(self, file: str, path: str, key: str, spec: Mapping[str, Field]) -> None:
        """Record a key `spec` does not have, suggesting the name the author probably meant."""
        import difflib  # only when an author misspells a key, not at every start

        match = difflib.get_close_matches(key, list(spec), n=1, cutoff=0.75)
        hint = f" (did you mean '{match[0]}'?)" if match else ""
        self.problem(file, join(path, key), f"unknown field{hint}")

    def items(self, raw: Any, file: str, path: str, build: Callable[[Any, str], Any]) -> list[Any]:
        """A JSON array of items, each built by `build(raw_item, path)`; ids must be unique.

        An item with problems is left out; the others are kept.
        """
        if not isinstance(raw, list):
            self.problem(file, path, f"must be an array of items, not {kind(raw)}")
            return []
        seen: dict[str, str] = {}
        out = []
        for i, item in enumerate(raw):
            where = f"{path}[{i}]" if path else f"[{i}]"
            try:
                built = build(item, where)
            except RecordedError:
                continue
            if built.id in seen:
                self.problem(file, where + ".id", f"duplicate id '{built.id}' (also at {seen[built.id]})")
                continue
            seen[built.id] = where
            out.append(built)
        return out


def kind(v: Any) -> str:
    """What a JSON value is, in an author's words ("an object", "a string", ...)."""
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        type(None): "null",
        int: "a number",
        float: "a number",
    }.get(type(v), type(v).__name__)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
