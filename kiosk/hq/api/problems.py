"""The `problems` of a refusal: `path: reason` lines, as many as help a person and no more.

A hostile body can hold a million faults, or keys a megabyte long; the answer stays a few
KB whatever was sent: at most `MAX_PROBLEMS` lines, then one saying how many more there
were, and every path cut to a readable length.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

MAX_PROBLEMS = 20
#: Longest key shown in a path, and longest problem line.
MAX_KEY_CHARS = 40
MAX_LINE_CHARS = 300

Loc = Sequence[str | int]


def path_text(loc: Loc) -> str:
    """`events[3].data.query` from ("events", 3, "data", "query")."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
            continue
        key = part if len(part) <= MAX_KEY_CHARS else part[:MAX_KEY_CHARS] + "…"
        # A key may hold anything: show control characters (NUL among them) as escapes.
        if not key.isprintable():
            key = key.encode("unicode_escape", "backslashreplace").decode("ascii")
        path += f".{key}" if path else key
    return path


def line(loc: Loc, reason: str, *, where: str = "body") -> str:
    return _short(f"{path_text(loc) or where}: {reason}")


def listed(located: Iterable[tuple[Loc, str]]) -> list[str]:
    """`path: reason` for the first MAX_PROBLEMS of `located`, and a count of the rest
    (counted, not formatted: a hostile body can hold hundreds of thousands)."""
    located = iter(located)
    shown = [line(loc, reason) for loc, reason in islice(located, MAX_PROBLEMS)]
    rest = sum(1 for _ in located)
    return [*shown, f"… and {rest} more"] if rest else shown


def bounded(lines: list[str]) -> list[str]:
    """`lines` as an answer may carry them: a `listed` list passes as it is, any other is
    cut to MAX_PROBLEMS lines and a count."""
    if len(lines) > MAX_PROBLEMS + 1:
        lines = [*lines[:MAX_PROBLEMS], f"… and {len(lines) - MAX_PROBLEMS} more"]
    return [_short(text) for text in lines]


def _short(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"
