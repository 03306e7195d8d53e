"""Request bodies as HQ reads them: strict JSON, every fault located, at a bounded cost.

`read(raw)` accepts UTF-8 JSON only, and refuses what JSON parsers disagree on or what the
databases cannot keep, instead of silently choosing:
- a key twice in one object (parsers differ on which one wins);
- NaN and Infinity (not JSON);
- the NUL character, which PostgreSQL can store neither in text nor in JSON;
- half of a surrogate pair (`\\ud800` alone), which is no character and cannot be stored;
- integers beyond 64 bits, which elsewhere would silently become floats (`HUGE` stands in
  for them, so that the field or event holding one is refused, not the whole body).

MalformedError bodies raise `MalformedError` (400). Faults in a readable body are found on demand:
`Document.faults()` walks the whole document, `first_fault(part)` one part until its first
fault (the events route asks once per event, so one bad event costs one problem). The
cost is one parse for an ordinary body; only a body whose bytes show a risky escape or a
repeated key is walked at all, and every walk is linear in the body's size.

`free_json_problem(value)` checks what a schema leaves open (an event's `data`): nesting
depth, integers that fit 64 bits, finite numbers.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.hq.errors import MalformedError

#: Deepest nesting of a free-form value (an event's data is level 1).
MAX_FREE_DEPTH = 8
I64_MIN, I64_MAX = -(2**63), 2**63 - 1

Loc = tuple[str | int, ...]
_CONTAINERS = (dict, list)
Fault = tuple[Loc, str]

REPEATED = "this key appears more than once in its object"
_NUL = "text may not contain NUL (\\u0000)"
_HALF = "text holds half of a surrogate pair, which is no character"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Huge:
    """An integer literal too long for 64 bits, kept as a marker instead of read: CPython
    takes quadratic time to read long numbers, and no field of ours may hold one."""

    def __repr__(self) -> str:
        return "<integer beyond 64 bits>"


HUGE = _Huge()


@dataclass(frozen=True)
class Document:
    value: Any
    #: The bytes show a NUL escape; a half surrogate pair's escape; a key given twice.
    nul: bool = False
    surrogates: bool = False
    repeated: bool = False

    @property
    def suspect(self) -> bool:
        return self.nul or self.surrogates or self.repeated

    def faults(self) -> Iterator[Fault]:
        """Every fault in the document, with its place."""
        return _faults(self.value, self) if self.suspect else iter(())

    def first_fault(self, part: Any, loc: Loc = ()) -> Fault | None:
        """The first fault found in `part` (a piece of `value` found at `loc`), or None."""
        if not self.suspect:
            return None
        return next(_faults(part, self, loc), None)


def read(raw: bytes) -> Document:
    """The JSON document in `raw`; MalformedError if it is not UTF-8 JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise MalformedError(f"the request body is not UTF-8 text (byte {e.start} cannot be read)") from e
    strict = {"parse_constant": _no_constant, "parse_int": _int}
    try:
        try:
            value = json.loads(text, object_pairs_hook=_unique_keys, **strict)
            repeated = False
        except _RepeatedKeyError:
            # Rare: parse again keeping every object's repeated keys, to say where they are.
            value = json.loads(text, object_pairs_hook=_Repeats.of, **strict)
            repeated = True
    except json.JSONDecodeError as e:
        raise MalformedError(
            "the request body is not valid JSON", [f"line {e.lineno} column {e.colno}: {e.msg}"]
        ) from e
    except RecursionError as e:
        raise MalformedError("the request body is not valid JSON: it is nested too deeply") from e
    except ValueError as e:  # NaN or Infinity (_no_constant)
        raise MalformedError(f"the request body is not valid JSON: {e}") from e
    # Only these escapes put NUL or a lone surrogate into a parsed string: UTF-8 holds
    # neither (the decoder refuses encoded surrogates; JSON refuses raw control characters).
    return Document(
        value,
        nul=b"\\u0000" in raw,
        surrogates=b"\\ud" in raw or b"\\uD" in raw,
        repeated=repeated,
    )


def free_json_problem(value: dict[str, Any] | list[Any]) -> Fault | None:
    """Where inside a free-form JSON value, and why, it cannot be kept exactly; or None.

    Called for every event's data, so the common case (a flat object of strings and small
    numbers) is one pass over its values.
    """
    stack: list[tuple[Any, int, Loc]] = [(value, 1, ())]
    pop, push = stack.pop, stack.append
    while stack:
        container, depth, loc = pop()
        pairs = enumerate(container) if type(container) is list else container.items()
        for key, item in pairs:
            kind = type(item)
            if kind is str or item is None or kind is bool:
                continue
            if kind is int:
                if not I64_MIN <= item <= I64_MAX:
                    return (*loc, key), "integer outside the 64-bit range HQ keeps exactly"
            elif kind is float:
                if not math.isfinite(item):
                    return (*loc, key), "number too large to keep"
            elif kind is list or kind is dict or isinstance(item, _CONTAINERS):
                if depth >= MAX_FREE_DEPTH:
                    return (*loc, key), f"nested deeper than {MAX_FREE_DEPTH} levels"
                push((item, depth + 1, (*loc, key)))
            else:  # HUGE
                return (*loc, key), "integer outside the 64-bit range HQ keeps exactly"
    return None


class _RepeatedKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _RepeatedKeyError
    return document


class _Repeats(dict):  # type: ignore[type-arg]
    """An object as JSON gave it, with the first key it held more than once."""

    repeated: str | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        document = cls(pairs)
        if len(document) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    document.repeated = key
                    break
                seen.add(key)
        return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _int(text: str) -> int | _Huge:
    # 20 characters hold every 64-bit integer ("-9223372036854775808"); JSON has no
    # leading zeros, so anything longer is beyond 64 bits.
    return int(text) if len(text) <= 20 else HUGE


def _faults(value: Any, found: Document, loc: Loc = ()) -> Iterator[Fault]:
    """Repeated keys, NUL and lone surrogates under `value`, each with its place.

    Iterative, as JSON nesting can be as deep as the parser allowed; scalars are checked
    where they stand, only containers go on the stack.
    """
    nul, half = found.nul, found.surrogates

    def fault(text: str) -> str | None:
        if nul and "\x00" in text:
            return _NUL
        if half and not text.isascii() and _LONE_SURROGATE.search(text):
            return _HALF
        return None

    if isinstance(value, str):
        if reason := fault(value):
            yield loc, reason
        return
    if not isinstance(value, _CONTAINERS):
        return
    stack: list[tuple[Any, Loc]] = [(value, loc)]
    while stack:
        item, here = stack.pop()
        nested: list[tuple[Any, Loc]] = []
        if isinstance(item, dict):
            if (key := getattr(item, "repeated", None)) is not None:
                yield (*here, key), REPEATED
            pairs = item.items()
        else:
            pairs = enumerate(item)
        # The checks are written out, not called: this loop runs once per string.
        for key, inner in pairs:
            if type(key) is str and (
                (nul and "\x00" in key) or (half and not key.isascii() and _LONE_SURROGATE.search(key))
            ):
                yield (*here, key), f"key: {fault(key)}"
            if type(inner) is str:
                if (nul and "\x00" in inner) or (
                    half and not inner.isascii() and _LONE_SURROGATE.search(inner)
                ):
                    yield (*here, key), fault(inner)  # type: ignore[misc]
            elif isinstance(inner, _CONTAINERS):
                nested.append((inner, (*here, key)))
        stack.extend(reversed(nested))
