"""`kiosk dialtest`: journeys read from data, run by touch on the real window, reported step
by step; a bad journey file is refused with where and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.dialtest import (
    BUILT_IN,
    Report,
    Runner,
    ScriptError,
    Step,
    StepResult,
    fill,
    journey_values,
    parse_steps,
    read_script,
)
from kiosk.ui.shell import KioskShell
from tests.ui.kit import kinds

TO_THE_DEMO = [
    {"expect": "attract"},
    {"tap": "attractTouchArea"},
    {"expect": "home"},
    {"tap": "topTen_svc.ringback"},
    {"expect": "service"},
    {"tap": "tryDemoButton"},
    {"expect": "demo"},
    {"demo": "finish"},
    {"expect": "demoEndPanel"},
]


def test_a_journey_runs_by_touch_to_the_end_of_a_demo(ui: KioskShell, tmp_path: Path) -> None:
    report = Runner(ui, tmp_path).run(parse_steps(TO_THE_DEMO, "test"))

    assert report.ok, "\n".join(report.lines())
    assert [r.ok for r in report.results] == [True] * len(TO_THE_DEMO)
    assert ui.kiosk.navigator.screen == "demo"
    recorded = kinds(ui)
    assert recorded.count("demo_scene") >= 3 and "demo_end" in recorded


def test_the_first_failing_step_is_named_with_what_showed_and_the_rest_are_not_run(
    ui: KioskShell, tmp_path: Path
) -> None:
    steps = parse_steps(
        [{"tap": "attractTouchArea"}, {"tap": "noSuchButton", "timeout_ms": 300}, {"expect": "home"}], "test"
    )
    report = Runner(ui, tmp_path).run(steps)

    assert not report.ok
    assert [r.ok for r in report.results] == [True, False, None]
    problem = report.results[1].problem
    assert "no item 'noSuchButton' showed within 0.3 s" in problem
    assert "homeButton" in problem or "categoryTile_" in problem, problem
    assert "PROBLEM" in "\n".join(report.lines()) and report.lines()[-1].startswith("dial test FAILED")


def test_order_without_a_receipt_on_screen_says_there_is_no_order_to_follow(
    ui: KioskShell, tmp_path: Path
) -> None:
    report = Runner(ui, tmp_path).run(parse_steps([{"order": "accepted"}], "t"))

    assert report.results[0].problem == "no receipt shows, so there is no order to follow"


def test_shot_writes_the_window_as_a_png(ui: KioskShell, tmp_path: Path) -> None:
    report = Runner(ui, tmp_path).run(parse_steps([{"expect": "attract"}, {"shot": "a/attract.png"}], "t"))

    assert report.ok
    with Image.open(tmp_path / "a" / "attract.png") as image:
        assert image.size == (1920, 1080)


def test_type_taps_the_keys_shown_and_says_which_digit_had_no_key(ui: KioskShell, tmp_path: Path) -> None:
    report = Runner(ui, tmp_path).run(parse_steps([{"type": "138", "timeout_ms": 200}], "t"))

    assert not report.ok
    assert report.results[0].problem.startswith("typing digit 1 of 3: no item '*Key<digit>' showed")


def test_the_report_says_how_many_digits_were_typed_never_which() -> None:
    # A PIN or a customer's number: the report may be pasted anywhere.
    [pin, code] = fill(parse_steps([{"type": "234036"}, {"type": "$code"}], "t"), {"code": "123456"})
    assert (pin.describe(), code.describe()) == ("type 6 digits", "type 6 digits")
    assert "234036" not in json.dumps(Report([StepResult(1, pin.describe(), True)]).as_json())


def test_the_json_report_names_each_step_its_result_and_time(ui: KioskShell, tmp_path: Path) -> None:
    report = Runner(ui, tmp_path).run(parse_steps([{"expect": "attract"}, {"wait_ms": 50}], "t"))

    doc = report.as_json()
    assert doc["ok"] is True
    assert [s["result"] for s in doc["steps"]] == ["ok", "ok"]
    assert doc["steps"][1]["what"] == "wait_ms 50" and doc["steps"][1]["seconds"] > 0


# -- the journey as data ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ([], "a journey is a non-empty list of steps"),
        ({"steps": "tap"}, "a journey is a non-empty list of steps"),
        (["tap"], "step 1: a step is an object"),
        ([{"tap": "a"}, {"press": "b"}], "step 2: unknown key 'press'"),
        ([{"tap": "a", "expect": "home"}], "step 1: a step has exactly one of"),
        ([{"wait_ms": -1}], "wait_ms must be a whole number of milliseconds, 0 to 600000"),
        ([{"wait_ms": True}], "wait_ms must be a whole number"),
        ([{"tap": ""}], "tap needs a non-empty string"),
        ([{"type": "138-0000"}], "type takes digits (or $phone, $code), not '138-0000'"),
        ([{"demo": "start"}], 'the demo step is {"demo": "finish"}'),
        ([{"tap": "a", "timeout_ms": 0}], "timeout_ms must be a whole number of milliseconds, 1 to 600000"),
        ([{"order": "done"}], "order takes one of accepted, rejected, failed, declined, expired, not 'done'"),
    ],
)
def test_a_bad_journey_is_refused_naming_the_step_and_why(doc: Any, says: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse_steps(doc, "journey.json")
    assert says in str(caught.value)
    assert str(caught.value).startswith("journey.json")


def test_a_journey_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_text('[\n{"tap": "a"},\n{"tap" "b"}\n]')
    with pytest.raises(ScriptError, match=r"j.json: not JSON \(line 3, column 8"):
        read_script(path)
    with pytest.raises(ScriptError, match="cannot be read"):
        read_script(tmp_path / "missing.json")


def test_placeholders_are_filled_and_a_missing_one_says_how_to_give_it() -> None:
    steps = parse_steps([{"tap": "serviceCard_$service"}, {"type": "$phone"}], "t")
    filled = fill(steps, {"service": "svc.a", "phone": "13800000000"})
    assert [s.value for s in filled] == ["serviceCard_svc.a", "13800000000"]
    with pytest.raises(ScriptError, match=r"step 2 \(type \$phone\) needs \$phone: give --phone"):
        fill(steps, {"service": "svc.a"})


def test_the_journey_picks_a_shown_service_with_a_demo_top_ten_first(ui: KioskShell) -> None:
    view = ui.kiosk.content_controller.view
    values = journey_values(view, "13800000000", "123456")
    service = view.service(values["service"])
    assert service is not None and service.demo
    assert values["category"] == service.category
    assert values["service"] == next(s.id for s in view.top10 if s.demo)


def test_the_built_in_journey_is_a_valid_journey() -> None:
    steps = read_script(BUILT_IN)
    assert steps[0] == Step("expect", "attract")
    assert {s.kind for s in steps} >= {"tap", "expect", "demo", "shot"}
    assert json.loads(BUILT_IN.read_text())["about"]


def test_an_item_below_the_fold_is_scrolled_into_view_before_the_tap(make_ui: Any, tmp_path: Path) -> None:
    # Portrait, easy mode's larger type and reach mode's empty top third: the categories are
    # below the fold, as a customer finds them by swiping.
    ui = make_ui(size=(1080, 1920))
    steps = [
        {"tap": "attractTouchArea"},
        {"expect": "home"},
        {"tap": "easyToggle"},
        {"tap": "reachToggle"},
        {"tap": "categoryTile_cat.pay"},
        {"expect": "category"},
    ]
    report = Runner(ui, tmp_path).run(parse_steps(steps, "test"))

    assert report.ok, "\n".join(report.lines())
    assert ui.kiosk.content_controller.category_id == "cat.pay"


def test_the_staff_journey_in_docs_staff_md_is_a_valid_journey(tmp_path: Path) -> None:
    # Run by hand against a real HQ when it was written; here it must at least stay valid.
    doc = (Path(__file__).parents[2] / "docs" / "staff.md").read_text(encoding="utf-8")
    block = doc.split("### A dial test of staff mode")[1].split("```json\n")[1].split("```")[0]
    (tmp_path / "staff.json").write_text(block, encoding="utf-8")
    steps = read_script(tmp_path / "staff.json")
    values = {"phone": "13800000000", "code": "123456", "category": "c", "service": "s"}
    assert [s.value for s in fill(steps, values) if s.kind == "expect"][-1] == "staffFiguresSheet"
