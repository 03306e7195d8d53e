"""The presenter drawer's rows: the quarter's focus, the scene's talking points and the
service's questions, searched in the language on show."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.domain.catalog import Catalog, View
from kiosk.packs.layering import layer
from kiosk.packs.loader import load_pack
from kiosk.present.presenter import FocusRow, PresenterPanel, matches, presenter_rows
from tests.packfactory import make_pack, text
from tests.test_staff_content import staff_files

NOON = datetime(2026, 11, 23, 12, 0)


@pytest.fixture
def view(tmp_path: Path, media_dir: Path) -> View:
    files = staff_files()
    files["services.json"][0]["qa"].append(
        {
            "q": text("能给家人设不同的歌吗？", "Different songs for family?"),
            "a": text("可以，按号码分别设置。", "Yes, set one per caller."),
        }
    )
    files["focus.json"]["services"].append(
        {"service": "svc.data10", "pitch": text("月底不慌。", "No end-of-month panic.")}
    )
    return Catalog(layer([load_pack(make_pack(tmp_path / "n", media_dir, files))]).content).at(NOON)


def test_the_focus_lists_each_focus_service_with_its_name_and_pitch_and_marks_the_one_on_show(
    view: View,
) -> None:
    panel = presenter_rows(view, "svc.data10", "", "en", "")

    assert panel.quarter == "2026Q4"
    assert panel.focus == (
        FocusRow("svc.ringback", "Ring-back tones", "Callers hear your song.", False, False),
        FocusRow("svc.data10", "10 GB data", "No end-of-month panic.", True, True),
    )
    # Off a focus service, the drawer opens with the quarter's first.
    assert [(f.current, f.lead) for f in presenter_rows(view, "", "", "en", "").focus] == [
        (False, True),
        (False, False),
    ]


def test_on_a_demo_scene_its_talking_points_show_and_on_another_scene_none(view: View) -> None:
    on_first = presenter_rows(view, "svc.ringback", "s1", "zh-CN", "")
    on_second = presenter_rows(view, "svc.ringback", "s2", "zh-CN", "")
    on_the_page = presenter_rows(view, "svc.ringback", "", "zh-CN", "")

    assert [p.text for p in on_first.talking_points] == ["先让客户自己点一首。", "提一句可以随时换。"]
    assert (on_first.scene_id, on_first.service_name) == ("s1", "彩铃")
    assert on_second.talking_points == () and on_second.scene_id == "s2"
    assert on_the_page.talking_points == () and on_the_page.scene_id == ""


def test_an_empty_query_lists_every_question_in_the_language_shown(view: View) -> None:
    zh = presenter_rows(view, "svc.ringback", "", "zh-CN", "")
    en = presenter_rows(view, "svc.ringback", "", "en", "  ")

    assert [q.question for q in zh.qa] == ["贵不贵？", "怎么退订？", "能给家人设不同的歌吗？"]
    assert [q.answer for q in en.qa] == [
        "5 yuan a month, songs change free.",
        "Text 0000 to 10086.",
        "Yes, set one per caller.",
    ]
    assert zh.qa_total == en.qa_total == 3


@pytest.mark.parametrize(
    ("lang", "query", "found"),
    [
        ("en", "CANCEL", ["1"]),  # in a question, whatever the case
        ("en", "10086", ["1"]),  # in an answer
        ("en", "songs", ["0", "2"]),
        ("en", "songs family", ["2"]),  # every word
        ("zh-CN", "退订", ["1"]),  # Chinese, with no spaces
        ("zh-CN", "家人", ["2"]),
        ("zh-CN", "cancel", []),  # the language shown only
        ("en", "退订", []),
        ("en", "roaming", []),
    ],
)
def test_a_query_keeps_the_questions_whose_question_or_answer_has_every_word(
    view: View, lang: str, query: str, found: list[str]
) -> None:
    panel = presenter_rows(view, "svc.ringback", "", lang, query)

    assert [q.key for q in panel.qa] == found
    assert panel.query == query and panel.qa_total == 3


def test_a_service_not_on_show_or_without_qa_shows_only_the_focus(view: View) -> None:
    assert presenter_rows(view, "svc.nowhere", "s1", "en", "").service_id == ""
    assert [f.service_id for f in presenter_rows(view, "", "", "en", "").focus] == [
        "svc.ringback",
        "svc.data10",
    ]
    assert presenter_rows(view, "svc.data10", "", "en", "").qa == ()
    assert presenter_rows(None, "svc.ringback", "s1", "en", "x") == PresenterPanel(query="x")


def test_a_focus_service_that_is_not_on_show_now_is_left_out(tmp_path: Path, media_dir: Path) -> None:
    files = staff_files()
    files["services.json"][0]["valid"] = {"until": "2026-11-01"}
    del files["top10.json"]
    del files["offers.json"]
    view = Catalog(layer([load_pack(make_pack(tmp_path / "n", media_dir, files))]).content).at(NOON)

    assert presenter_rows(view, "", "", "en", "").focus == ()


def test_matching_ignores_case_and_needs_every_word() -> None:
    assert matches("", "anything") and matches("  ", "")
    assert matches("Ring BACK", "ring-back tones", "callers hear BACK")
    assert not matches("ring video", "ring-back tones")
