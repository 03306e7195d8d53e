"""Dataclass methods compiled once and kept (kiosk.methodcache): the classes made through
the cache are the classes `dataclasses` makes, and a second start compiles nothing."""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any

import pytest

import kiosk
from kiosk.methodcache import MAGIC, MethodCache, default_path


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


def test_each_program_keeps_its_own_file_beside_the_bytecode() -> None:
    run, commands = default_path("run"), default_path("sync")

    assert run is not None and commands is not None and run != commands
    assert run.parent == commands.parent
    assert run.parent == Path(importlib.util.cache_from_source(kiosk.__file__)).parent


def test_an_hq_command_keeps_its_methods_and_runs_again_compiling_nothing(tmp_path: Path) -> None:
    # Bytecode (and so the kept methods) under a folder of the test's own, not the checkout's.
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"),
    }
    command = [sys.executable, "-m", "kiosk.cli", "--data-dir", str(tmp_path / "data"), "status"]

    def kept() -> bytes:
        found = list((tmp_path / "pycache").rglob("dataclass-methods-status.*.bin"))
        assert len(found) == 1, found
        return found[0].read_bytes()

    subprocess.run(command, env=env, capture_output=True, check=False, timeout=120)
    first = kept()
    subprocess.run(command, env=env, capture_output=True, check=False, timeout=120)

    assert first.startswith(MAGIC) and len(first) > 1000
    # Written only when something had to be compiled: unchanged means nothing was.
    assert kept() == first
