"""The kiosk's layers import downwards only, none of them Qt or HQ: packs <- domain <- services,
and the UI's Qt-free halves: packs, domain <- flow (the machines) <- present (the rows);
the kiosk's side of HQ (sync) sits on services. One named exception: the order book
(services) implements the subscription flow's port and stores its types.

Read from the source (every import statement, those inside functions too), so a lazy import
that breaks the direction fails here as surely as one at the top of a module.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"

#: Each layer and the kiosk modules it may import; what is not listed is refused.
MAY_IMPORT = {
    "kiosk.errors": (),
    "kiosk.packs": ("kiosk.errors", "kiosk.datadir", "kiosk.packs"),
    "kiosk.domain": ("kiosk.errors", "kiosk.packs", "kiosk.domain"),
    # The order book is the adapter of the subscription flow's OrderBook port: it stores the
    # port's own types (Order, Answer), and nothing else of the flow; the register likewise
    # stores the register form's `Lead`.
    "kiosk.services": (
        "kiosk.errors",
        "kiosk.packs",
        "kiosk.domain",
        "kiosk.services",
        "kiosk.flow.subscribe",
        "kiosk.flow.register",
    ),
    # The store a kiosk stands in comes from its identity at HQ once it is enrolled.
    "kiosk.config": ("kiosk.errors", "kiosk.packs", "kiosk.datadir", "kiosk.sync.identity"),
    # The subscription checks numbers as typed with the domain's rule (kiosk.domain.phone).
    "kiosk.flow": ("kiosk.errors", "kiosk.packs", "kiosk.domain", "kiosk.flow"),
    "kiosk.present": ("kiosk.errors", "kiosk.packs", "kiosk.domain", "kiosk.flow", "kiosk.present"),
    "kiosk.protocol": (),
    # The dataclass methods kept compiled: standard library and the data folder's writes only.
    "kiosk.methodcache": ("kiosk.datadir",),
    "kiosk.sync": (
        "kiosk.errors",
        "kiosk.datadir",
        "kiosk.methodcache",
        "kiosk.protocol",
        "kiosk.packs",
        "kiosk.domain",
        "kiosk.services",
        "kiosk.config",
        "kiosk.commands",
        "kiosk.flow",
        "kiosk.sync",
    ),
}
#: Third-party stacks no layer below the UI may load: Qt, and HQ's server.
FOREIGN = ("PySide6", "shiboken6", "fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg")


def modules(layer: str) -> list[Path]:
    path = KIOSK.parent / Path(*layer.split("."))
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def imported(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def imports_of(layer: str, wrong: Callable[[str], bool]) -> list[str]:
    """`file imports name` for each import in `layer` that `wrong` refuses."""
    return sorted(
        f"{source.relative_to(KIOSK.parent)} imports {name}"
        for source in modules(layer)
        for name in imported(source)
        if wrong(name)
    )


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    assert (
        imports_of(layer, lambda name: within(name, ("kiosk",)) and not within(name, MAY_IMPORT[layer])) == []
    )


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_no_layer_below_the_ui_loads_qt_or_the_hq_server(layer: str) -> None:
    assert imports_of(layer, lambda name: within(name, FOREIGN)) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from kiosk.domain.pricing import quote\n", encoding="utf-8")
    assert imported(source) == {"kiosk.domain.pricing"}
