"""Request bodies as HQ reads them: strict JSON, every fault located, at a bounded cost.

`read(raw)` accepts UTF-8 JSON only, and refuses what JSON parsers disagree on or what the
databases cannot keep, instead of silently choosing:
- a key twice in one object (parsers differ on which one wins);
- NaN and Infinity (not JSON), and integers too long to read (over 4,300 digits);
- the NUL character, which PostgreSQL can store neither in text nor in JSON;
- half of a surrogate pair (`\\ud800` alone), which is no character and cannot be stored.

Malformed bodies raise `Malformed` (400). Faults in a readable body come back located, in
`Document.problems`, for the route to decide: the events route refuses just the events they
are in. The cost is one parse for an ordinary body; a body that shows one of the escapes
above is walked once more, and a body with a repeated key parsed once more. All of it is
linear in the body's size, and no answer lists more than a few KB (see `problems`).

`free_json_problem(value)` checks what a schema leaves open (an event's `data`): nesting
depth, integers that fit 64 bits (bigger ones would silently become floats elsewhere),
finite numbers.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kiosk.hq.errors import Malformed

#: Deepest nesting of a free-form value (an event's data is level 1).
MAX_FREE_DEPTH = 8
I64_MIN, I64_MAX = -(2**63), 2**63 - 1

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Only these escapes can put NUL or a lone surrogate into a parsed string: raw UTF-8 can
# hold neither (the decoder refuses encoded surrogates; JSON refuses raw control characters).
_RISKY_ESCAPES = (b"\\u0000", b"\\ud", b"\\uD")


@dataclass
class Document:
    value: Any
    #: (where, reason) for every fault found; empty for nearly every body.
    problems: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)


def read(raw: bytes) -> Document:
    """The JSON document in `raw`, with its located faults; Malformed if it is not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Malformed(f"the request body is not UTF-8 text (byte {e.start} cannot be read)") from e
    try:
        try:
            value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
            repeated = False
        except _RepeatedKey:
            # Rare: parse again keeping every object's repeated keys, to say where they are.
            value = json.loads(text, object_pairs_hook=_Repeats.of, parse_constant=_no_constant)
            repeated = True
    except json.JSONDecodeError as e:
        raise Malformed(
            "the request body is not valid JSON", [f"line {e.lineno} column {e.colno}: {e.msg}"]
        ) from e
    except RecursionError as e:
        raise Malformed("the request body is not valid JSON: it is nested too deeply") from e
    except ValueError as e:
        # NaN or Infinity (_no_constant), or an integer of more than 4,300 digits.
        raise Malformed(f"the request body is not valid JSON: {_value_error(e)}") from e
    document = Document(value)
    if repeated or any(escape in raw for escape in _RISKY_ESCAPES):
        document.problems = list(_faults(value))
    return document


def free_json_problem(value: dict[str, Any] | list[Any]) -> tuple[tuple[str | int, ...], str] | None:
    """Where inside a free-form JSON value, and why, it cannot be kept exactly; or None.

    Called for every event's data, so the common case (a flat object of strings and small
    numbers) is one pass over its values.
    """
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(value, 1, ())]
    while stack:
        container, depth, loc = stack.pop()
        pairs = container.items() if isinstance(container, dict) else enumerate(container)
        for key, item in pairs:
            kind = type(item)
            if kind is str or kind is bool or item is None:
                continue
            if kind is int:
                if not I64_MIN <= item <= I64_MAX:
                    return (*loc, key), "integer outside the 64-bit range HQ keeps exactly"
            elif kind is float:
                if not math.isfinite(item):
                    return (*loc, key), "number too large to keep"
            elif isinstance(item, dict | list):
                if depth >= MAX_FREE_DEPTH:
                    return (*loc, key), f"nested deeper than {MAX_FREE_DEPTH} levels"
                stack.append((item, depth + 1, (*loc, key)))
    return None


class _RepeatedKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _RepeatedKey
    return document


class _Repeats(dict):  # type: ignore[type-arg]
    """An object as JSON gave it, with the keys it held more than once."""

    repeated: tuple[str, ...] = ()

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        document = cls(pairs)
        if len(document) != len(pairs):
            seen: set[str] = set()
            document.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _value_error(e: ValueError) -> str:
    text = str(e)
    if "digits" in text:
        return "a number has more than 4,300 digits"
    return text


def _faults(value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Repeated keys, NUL and lone surrogates, each with its place; iterative, as JSON
    nesting can be as deep as the parser allowed."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, loc = stack.pop()
        if isinstance(item, str):
            if reason := _text_fault(item):
                yield loc, reason
        elif isinstance(item, dict):
            for key in getattr(item, "repeated", ()):
                yield (*loc, key), "this key appears more than once in its object"
            for key, inner in reversed(item.items()):
                if reason := _text_fault(key):
                    yield (*loc, key), f"key: {reason}"
                stack.append((inner, (*loc, key)))
        elif isinstance(item, list):
            stack.extend((inner, (*loc, i)) for i, inner in reversed(list(enumerate(item))))


def _text_fault(text: str) -> str | None:
    if "\x00" in text:
        return "text may not contain NUL (\\u0000)"
    if _LONE_SURROGATE.search(text):
        return "text holds half of a surrogate pair, which is no character"
    return None
