"""Problems found in a pack, and the error that carries them to a person.

A `Problem` names the file, the field (a path such as `services[3].price.amount`) and a plain
reason, so an author can fix it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import KioskError


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    reason: str
    warning: bool = False

    @property
    def located(self) -> str:
        """`file: field: reason` (`file: reason` when the problem is the whole file)."""
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.reason}"

    def __str__(self) -> str:
        label = "warning" if self.warning else "error"
        return f"{label}: {self.located}"


class PackError(KioskError):
    """A pack that cannot be used, with every problem found in it."""

    def __init__(self, root: str, problems: list[Problem]) -> None:
        self.root = root
        self.problems = [p for p in problems if not p.warning]
        count = len(self.problems)
        first = self.problems[0] if self.problems else "no details"
        super().__init__(f"{root}: {count} problem(s), first: {first}")
