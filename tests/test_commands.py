"""kiosk.commands: how both programs end a subcommand, whatever escapes its handler."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

import pytest

from kiosk.commands import ExitCode, Program, run
from kiosk.errors import KioskError


class _Planned(KioskError):
    problems = ("first problem", "second problem")


PROGRAM = Program("prog", exit_codes=((_Planned, ExitCode.PROBLEMS), (KioskError, ExitCode.REFUSED)))


def _parser(
    handler: Callable[[argparse.Namespace], int],
) -> Callable[[Sequence[str] | None], argparse.Namespace]:
    p = argparse.ArgumentParser(prog="prog")
    p.set_defaults(func=handler)
    return p.parse_args


def _raises(error: BaseException) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        raise error

    return handler


def test_a_handler_s_exit_code_is_the_program_s(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(PROGRAM, _parser(lambda args: 0), []) == 0
    assert run(PROGRAM, _parser(lambda args: ExitCode.PROBLEMS), []) == 1
    assert capsys.readouterr().err == ""


def test_a_planned_error_ends_in_its_message_and_the_code_its_class_is_mapped_to(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(PROGRAM, _parser(_raises(KioskError("the pack is wrong"))), []) == ExitCode.REFUSED
    assert capsys.readouterr().err == "prog: the pack is wrong\n"


def test_the_most_specific_class_listed_first_wins_and_its_problems_come_before_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(PROGRAM, _parser(_raises(_Planned("two problems"))), []) == ExitCode.PROBLEMS
    assert capsys.readouterr().err == "first problem\nsecond problem\nprog: two problems\n"


def test_an_unplanned_error_is_one_line_and_its_own_exit_code_never_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(PROGRAM, _parser(_raises(ZeroDivisionError("division by zero"))), []) == ExitCode.SOFTWARE
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("prog: unexpected error (ZeroDivisionError: division by zero)")
    assert err.count("\n") == 1


def test_a_file_error_names_the_file_and_the_reason_when_oserror_is_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    program = Program("prog", exit_codes=((OSError, ExitCode.REFUSED),))
    missing = FileNotFoundError(2, "No such file or directory", "/nowhere/pack.json")
    assert run(program, _parser(_raises(missing)), []) == ExitCode.REFUSED
    assert capsys.readouterr().err == "prog: /nowhere/pack.json: No such file or directory\n"


def test_ctrl_c_ends_quietly_with_130(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(PROGRAM, _parser(_raises(KeyboardInterrupt())), []) == 130
    assert capsys.readouterr().err == ""


def test_a_reader_that_goes_away_ends_the_command_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    # `kiosk status | head -2`: the pipe closes under the command's output.
    assert run(PROGRAM, _parser(_raises(BrokenPipeError(32, "Broken pipe"))), []) == 0
    assert capsys.readouterr().err == ""


def test_a_program_can_translate_a_foreign_error_into_one_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def translate(error: Exception) -> Exception | None:
        return KioskError("needs the extra") if isinstance(error, ModuleNotFoundError) else None

    program = Program("prog", exit_codes=((KioskError, ExitCode.REFUSED),), translate=translate)
    assert run(program, _parser(_raises(ModuleNotFoundError("no fastapi"))), []) == ExitCode.REFUSED
    assert capsys.readouterr().err == "prog: needs the extra\n"
    assert run(program, _parser(_raises(LookupError("x"))), []) == ExitCode.SOFTWARE
