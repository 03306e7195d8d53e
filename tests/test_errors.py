"""One error tree for the kiosk program: every exception it defines is a KioskError, named ...Error."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import kiosk.domain
import kiosk.packs
import kiosk.services
from kiosk.errors import KioskError


def kiosk_modules() -> list[str]:
    names = ["kiosk.config", "kiosk.datadir", "kiosk.errors"]
    for package in (kiosk.packs, kiosk.domain, kiosk.services):
        names += [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]
    return sorted(names)


def exceptions_defined_in(module_name: str) -> list[type[BaseException]]:
    module = importlib.import_module(module_name)
    return [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, BaseException) and c.__module__ == module_name
    ]


@pytest.mark.parametrize("module_name", kiosk_modules())
def test_every_exception_the_kiosk_defines_is_a_kiosk_error_named_error(module_name: str) -> None:
    for cls in exceptions_defined_in(module_name):
        assert issubclass(cls, KioskError), f"{module_name}.{cls.__name__} is not a KioskError"
        assert cls.__name__.endswith("Error"), f"{module_name}.{cls.__name__} does not end in Error"


def test_the_tree_is_seen_where_its_errors_are_defined() -> None:
    found = {c.__name__ for m in kiosk_modules() for c in exceptions_defined_in(m)}
    assert {"ConfigError", "PackError", "PhoneError", "SubtitleError", "FieldError", "RecordedError"} <= found
