"""What staff say, in the pack format: a scene's talking points, a service's questions and
answers, and the quarter's focus (focus.json), read, validated, layered and measured."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from kiosk.packs.glyphs import missing_glyphs
from kiosk.packs.layering import layer
from kiosk.packs.limits import text_problems
from kiosk.packs.loader import load_pack, read_pack
from kiosk.packs.model import QA
from tests.packfactory import make_pack, model_text, national_files, text
from tests.test_layering import manifest

POINTS = [
    text("先让客户自己点一首。", "Let them pick a song themselves."),
    text("提一句可以随时换。", "Say songs change free."),
]
QAS = [
    {
        "q": text("贵不贵？", "Is it expensive?"),
        "a": text("每月5元，换歌免费。", "5 yuan a month, songs change free."),
    },
    {"q": text("怎么退订？", "How do I cancel?"), "a": text("发0000到10086。", "Text 0000 to 10086.")},
]
FOCUS = {
    "quarter": "2026Q4",
    "services": [{"service": "svc.ringback", "pitch": text("来电先听你选的歌。", "Callers hear your song.")}],
}


def staff_files() -> dict[str, Any]:
    files = national_files()
    files["demos.json"][0]["scenes"][0]["talking_points"] = POINTS
    files["services.json"][0]["qa"] = QAS
    files["focus.json"] = FOCUS
    return copy.deepcopy(files)


def problems(tmp_path: Path, media_dir: Path, files: dict[str, Any]) -> list[str]:
    _, found = read_pack(make_pack(tmp_path / "p", media_dir, files))
    return [str(p).removeprefix("error: ") for p in found]


def test_talking_points_qa_and_focus_are_read_into_the_model(tmp_path: Path, media_dir: Path) -> None:
    pack = load_pack(make_pack(tmp_path / "p", media_dir, staff_files()))

    scene = pack.demos[0].scenes[0]
    assert [t.get("en") for t in scene.talking_points] == [
        "Let them pick a song themselves.",
        "Say songs change free.",
    ]
    assert pack.demos[0].scenes[1].talking_points == ()
    assert pack.services[0].qa[1] == QA(
        model_text("怎么退订？", "How do I cancel?"), model_text("发0000到10086。", "Text 0000 to 10086.")
    )
    assert pack.services[1].qa == ()
    assert pack.focus is not None and pack.focus.quarter == "2026Q4"
    assert [(f.service, f.pitch.get("zh-CN")) for f in pack.focus.services] == [
        ("svc.ringback", "来电先听你选的歌。")
    ]


def test_misspelt_keys_name_the_field_meant(tmp_path: Path, media_dir: Path) -> None:
    files = staff_files()
    scene = files["demos.json"][0]["scenes"][0]
    scene["talking_point"] = scene.pop("talking_points")
    files["services.json"][0]["qa"][0]["answer"] = "x"
    files["focus.json"] = {"quarter": "2026Q4", "servics": FOCUS["services"]}

    found = problems(tmp_path, media_dir, files)

    assert "demos.json: [0].scenes[0].talking_point: unknown field (did you mean 'talking_points'?)" in found
    assert "services.json: [0].qa[0].answer: unknown field" in found
    assert "focus.json: servics: unknown field (did you mean 'services'?)" in found
    assert "focus.json: services: is required" in found


def test_every_text_needs_both_languages_and_the_lists_their_shape(tmp_path: Path, media_dir: Path) -> None:
    files = staff_files()
    files["demos.json"][0]["scenes"][0]["talking_points"] = [{"zh-CN": "只有中文"}]
    files["demos.json"][0]["scenes"][1]["talking_points"] = [text("一", "one")] * 7
    files["services.json"][0]["qa"] = [{"q": text("问", "Q?")}]
    files["services.json"][1]["qa"] = []
    files["focus.json"] = {
        "quarter": "2026-Q4",
        "services": [{"service": "svc.ringback", "pitch": {"en": "Only English"}}],
    }

    found = problems(tmp_path, media_dir, files)

    assert "demos.json: [0].scenes[0].talking_points[0]: has no text in en" in found
    assert "demos.json: [0].scenes[1].talking_points: has 7 texts; at most 6" in found
    assert "services.json: [0].qa[0].a: is required" in found
    assert 'services.json: [1].qa: must be a non-empty array of {"q": text, "a": text}' in found
    assert 'focus.json: quarter: "2026-Q4" is not a quarter such as "2026Q4"' in found
    assert "focus.json: services[0].pitch: has no text in zh-CN" in found


def test_a_focus_service_listed_twice_is_refused(tmp_path: Path, media_dir: Path) -> None:
    files = staff_files()
    files["focus.json"]["services"].append(dict(FOCUS["services"][0]))

    assert "focus.json: services[1].service: lists service 'svc.ringback' twice" in problems(
        tmp_path, media_dir, files
    )


def test_a_focus_service_that_does_not_exist_is_a_problem_naming_it(tmp_path: Path, media_dir: Path) -> None:
    files = staff_files()
    files["focus.json"]["services"].append({"service": "svc.nowhere", "pitch": text("无", "None.")})

    found = problems(tmp_path, media_dir, files)

    assert any(
        p.startswith("focus.json: services[1].service: refers to service 'svc.nowhere', which does not exist")
        for p in found
    ), found


def test_the_latest_layer_with_a_focus_wins_and_a_layer_naming_a_missing_service_is_left_out(
    tmp_path: Path, media_dir: Path
) -> None:
    national = load_pack(make_pack(tmp_path / "n", media_dir, staff_files()))
    gd_focus = {
        "quarter": "2027Q1",
        "services": [{"service": "svc.data10", "pitch": text("够用", "Enough.")}],
    }
    gd = load_pack(
        make_pack(
            tmp_path / "gd", media_dir, {"pack.json": manifest("gd", "province:GD"), "focus.json": gd_focus}
        )
    )
    city = load_pack(make_pack(tmp_path / "sz", media_dir, {"pack.json": manifest("sz", "city:GD-SZ")}))
    bad_focus = {"quarter": "2027Q1", "services": [{"service": "svc.gone", "pitch": text("无", "None.")}]}
    store = load_pack(
        make_pack(
            tmp_path / "st",
            media_dir,
            {"pack.json": manifest("st", "store:GD-SZ-0001"), "focus.json": bad_focus},
        )
    )

    assert layer([national]).content.focus == national.focus
    result = layer([national, gd, city, store])

    assert result.content.focus == gd.focus
    assert [p.id for p, _ in result.skipped] == ["st"]
    assert "svc.gone" in str(result.skipped[0][1][0])


def test_hiding_a_service_takes_it_out_of_the_focus_below(tmp_path: Path, media_dir: Path) -> None:
    national = load_pack(make_pack(tmp_path / "n", media_dir, staff_files()))
    hide = [{"section": "services", "id": "svc.ringback", "hide": True}]
    gd = load_pack(
        make_pack(
            tmp_path / "gd", media_dir, {"pack.json": manifest("gd", "province:GD"), "overrides.json": hide}
        )
    )

    result = layer([national, gd])

    assert result.skipped == []
    assert result.content.focus is not None and result.content.focus.services == ()


def test_an_override_may_set_a_services_qa_checked_as_the_section_checks_it(
    tmp_path: Path, media_dir: Path
) -> None:
    national = load_pack(make_pack(tmp_path / "n", media_dir, staff_files()))
    new_qa = [
        {
            "q": text("广东有优惠吗？", "Any deal in Guangdong?"),
            "a": text("有，首月1元。", "Yes, 1 yuan the first month."),
        }
    ]
    ok = [{"section": "services", "id": "svc.ringback", "set": {"qa": new_qa}}]
    gd = load_pack(
        make_pack(
            tmp_path / "gd", media_dir, {"pack.json": manifest("gd", "province:GD"), "overrides.json": ok}
        )
    )

    assert [x.q.get("en") for x in layer([national, gd]).content.services["svc.ringback"].qa] == [
        "Any deal in Guangdong?"
    ]
    bad = [
        {
            "section": "services",
            "id": "svc.ringback",
            "set": {"qa": [{"q": text("问", "Q?"), "aa": T_EN_ONLY}]},
        }
    ]
    found = problems(
        tmp_path / "bad", media_dir, {"pack.json": manifest("gd", "province:GD"), "overrides.json": bad}
    )
    assert (
        "overrides.json: [0].set.qa[0].aa: unknown field (did you mean 'a'?)" not in found
    )  # too short to be near
    assert "overrides.json: [0].set.qa[0].aa: unknown field" in found
    assert "overrides.json: [0].set.qa[0].a: is required" in found


T_EN_ONLY = {"en": "only"}


def test_texts_over_their_maximum_are_warned_about_by_file_field_and_language(
    tmp_path: Path, media_dir: Path
) -> None:
    files = staff_files()
    files["demos.json"][0]["scenes"][0]["talking_points"] = [text("短", "x" * 121)]
    files["services.json"][0]["qa"] = [{"q": text("问" * 41, "Q?"), "a": text("答", "y" * 241)}]
    files["focus.json"]["services"][0]["pitch"] = text("焦" * 41, "Short.")
    pack = load_pack(make_pack(tmp_path / "p", media_dir, files))

    found = {(p.file, p.field) for p in text_problems(pack)}

    assert found == {
        ("demos.json", "[0].scenes[0].talking_points[0].en"),
        ("services.json", "[0].qa[0].q.zh-CN"),
        ("services.json", "[0].qa[0].a.en"),
        ("focus.json", "services[0].pitch.zh-CN"),
    }


def test_characters_the_fonts_cannot_draw_are_warned_about_in_the_staffs_texts(
    tmp_path: Path, media_dir: Path
) -> None:
    files = staff_files()
    files["demos.json"][0]["scenes"][0]["talking_points"] = [text("看\U000f0000", "ok")]
    files["services.json"][0]["qa"] = [{"q": text("问", "Q?"), "a": text("答\U000f0001", "A.")}]
    files["focus.json"]["services"][0]["pitch"] = text("焦点", "Focus \U000f0002")
    pack = load_pack(make_pack(tmp_path / "p", media_dir, files))

    found = {(p.file, p.field) for p in missing_glyphs(pack)}

    assert found == {
        ("demos.json", "[0].scenes[0].talking_points[0].zh-CN"),
        ("services.json", "[0].qa[0].a.zh-CN"),
        ("focus.json", "services[0].pitch.en"),
    }


def test_a_focus_service_that_has_ended_is_warned_about(tmp_path: Path, media_dir: Path) -> None:
    from datetime import date

    from kiosk.packs.unshown import unshown

    files = staff_files()
    files["services.json"][0]["valid"] = {"until": "2020-12-31"}
    pack = load_pack(make_pack(tmp_path / "p", media_dir, files))

    found = [str(p) for p in unshown(pack, today=date(2026, 11, 23)) if p.file == "focus.json"]

    assert found == [
        "warning: focus.json: services[0].service: service 'svc.ringback' has ended (2020-12-31): "
        "staff will never see it in the quarter's focus"
    ]


def test_kiosk_pack_validate_says_the_packs_focus(tmp_path: Path, media_dir: Path, capsys: Any) -> None:
    from kiosk.cli import main

    root = make_pack(tmp_path / "p", media_dir, staff_files())

    assert main(["pack", "validate", str(root)]) == 0
    assert ", the focus of 2026Q4 (1 services)" in capsys.readouterr().out
