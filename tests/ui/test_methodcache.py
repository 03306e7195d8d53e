"""Dataclass methods compiled once and kept (kiosk.ui.methodcache): the classes made through
the cache are the classes `dataclasses` makes, and a second start compiles nothing."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.methodcache import MAGIC, MethodCache


def make_classes() -> tuple[type, type]:
    @dataclass(frozen=True)
    class Row:
        name: str
        price_fen: int = 0
        tags: tuple[str, ...] = ()

    @dataclass
    class Basket:
        owner: str
        rows: list[Any] = field(default_factory=list)

    return Row, Basket


def check_behaviour(row: type, basket: type) -> None:
    a = row("plan", 1990)
    assert a == row("plan", 1990) and a != row("plan", 1)
    assert hash(a) == hash(row("plan", 1990))
    assert repr(a) == "make_classes.<locals>.Row(name='plan', price_fen=1990, tags=())"
    with pytest.raises(FrozenInstanceError):
        a.name = "other"  # type: ignore[misc]
    b1, b2 = basket("me"), basket("me")
    b1.rows.append(a)
    assert b2.rows == [] and b1 != b2


def test_classes_made_through_the_cache_behave_as_dataclasses_makes_them(tmp_path: Path) -> None:
    cache = MethodCache(tmp_path / "methods.bin")

    with cache.installed():
        row, basket = make_classes()

    check_behaviour(row, basket)
    assert cache.misses > 0
    assert "exec" not in vars(dataclasses)


def test_the_next_start_compiles_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    first = MethodCache(tmp_path / "methods.bin")
    with first.installed():
        make_classes()
    first.save()

    second = MethodCache(tmp_path / "methods.bin")
    with second.installed():
        row, basket = make_classes()

    assert second.misses == 0
    check_behaviour(row, basket)


def test_a_damaged_or_foreign_file_means_compiling_as_before(tmp_path: Path) -> None:
    path = tmp_path / "methods.bin"
    for content in (b"", b"not a cache", MAGIC + b"\x00garbage"):
        path.write_bytes(content)
        cache = MethodCache(path)
        with cache.installed():
            row, basket = make_classes()
        check_behaviour(row, basket)
        assert cache.misses > 0


def test_nothing_is_kept_where_bytecode_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    cache = MethodCache(tmp_path / "methods.bin")
    with cache.installed():
        make_classes()

    cache.save()

    assert not (tmp_path / "methods.bin").exists()
