"""The broken-pack corpus: each kind of mistake an author makes, and the message it gets.

Every case starts from a valid pack, breaks one thing, and pins the file, the field and the
words of the reason, so a message cannot silently become vague.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.packs.errors import PackError
from kiosk.packs.loader import load_pack, read_pack
from tests.packfactory import VOICE, T, make_pack, narrated_files, national_files, text

Files = dict[str, Any]


def _set(fn: Callable[[Files], None]) -> Callable[[Files], Files]:
    def apply(files: Files) -> Files:
        fn(files)
        return files

    return apply


def svc(files: Files) -> dict:
    return files["services.json"][0]


def scene(files: Files, i: int) -> dict:
    return files["demos.json"][0]["scenes"][i]


def narrated(fn: Callable[[Files], None]) -> Callable[[Files], Files]:
    """The change `fn` made to the pack with narration and guides (`narrated_files`)."""

    def apply(files: Files) -> Files:
        files = narrated_files()
        fn(files)
        return files

    return apply


def guide(files: Files, i: int) -> dict:
    return files["guides.json"]["guides"][i]


# (name, change to the valid pack, file, field, words of the reason)
CORPUS: list[tuple[str, Callable[[Files], Files], str, str, str]] = [
    (
        "json_syntax",
        _set(lambda f: f.update({"services.json": '[\n  {"id": "svc.a",\n  oops}\n]'})),
        "services.json",
        "line 3 column 3",
        "is not valid JSON",
    ),
    (
        "missing_media",
        _set(lambda f: svc(f).update(images=["media/nope.jpg"])),
        "services.json",
        "[0].images[0]",
        "'media/nope.jpg' does not exist in the pack",
    ),
    (
        "unknown_category",
        _set(lambda f: svc(f).update(category="cat.nope")),
        "services.json",
        "svc.ringback.category",
        "refers to category 'cat.nope', which does not exist",
    ),
    (
        "unknown_demo",
        _set(lambda f: svc(f).update(demo="demo.nope")),
        "services.json",
        "svc.ringback.demo",
        "refers to demo 'demo.nope'",
    ),
    (
        "offer_unknown_service",
        _set(lambda f: f["offers.json"][0].update(services=["svc.gone"])),
        "offers.json",
        "off.daily.services",
        "refers to service 'svc.gone'",
    ),
    (
        "top10_unknown_service",
        _set(lambda f: f.update({"top10.json": {"services": ["svc.gone"]}})),
        "top10.json",
        "services",
        "refers to service 'svc.gone'",
    ),
    (
        "duplicate_id",
        _set(lambda f: f["services.json"].append(dict(svc(f)))),
        "services.json",
        "[2].id",
        "duplicate id 'svc.ringback' (also at [0])",
    ),
    (
        "invalid_date",
        _set(lambda f: f["offers.json"][0]["valid"].update({"from": "2026-02-30"})),
        "offers.json",
        "[0].valid.from",
        "'2026-02-30' is not a valid date",
    ),
    (
        "window_ends_before_start",
        _set(lambda f: f["offers.json"][0].update(valid={"from": "2026-05-01", "until": "2026-04-01"})),
        "offers.json",
        "[0].valid",
        "ends (2026-04-01) before it starts (2026-05-01)",
    ),
    (
        "bad_hours",
        _set(lambda f: svc(f).update(valid={"hours": ["25:00-02:00"]})),
        "services.json",
        "[0].valid.hours",
        "'25:00' is not a time of day",
    ),
    (
        "bad_weekday",
        _set(lambda f: svc(f).update(valid={"days": ["monday"]})),
        "services.json",
        "[0].valid.days",
        '"monday" is not a weekday',
    ),
    (
        "text_missing_language",
        _set(lambda f: svc(f).update(pitch={"zh-CN": "好听"})),
        "services.json",
        "[0].pitch",
        "has no text in en",
    ),
    (
        "text_empty",
        _set(lambda f: svc(f).update(name={"zh-CN": "彩铃", "en": "  "})),
        "services.json",
        "[0].name",
        "has no text in en",
    ),
    (
        "image_unopenable",
        _set(lambda f: svc(f).update(images=["media/not-an-image.jpg"])),
        "services.json",
        "[0].images[0]",
        "is not an image the kiosk can open: its content is not PNG, JPEG or WebP",
    ),
    (
        "image_too_small_for_1080p",
        _set(lambda f: f["attract.json"]["items"][0].update(image="media/small.jpg")),
        "attract.json",
        "items[0].image",
        "is 640x360, too small for a full-screen image: at least 1920x1080",
    ),
    (
        "video_codec_av1",
        _set(lambda f: f["videos.json"][0].update(file="media/clip-av1.mp4")),
        "videos.json",
        "[0].file",
        "is AV1 video, which the kiosk cannot decode",
    ),
    (
        "video_not_a_video",
        _set(lambda f: f["videos.json"][0].update(file="media/full.jpg")),
        "videos.json",
        "[0].file",
        "a video must be MP4, WebM, MKV or OGV",
    ),
    (
        "path_escapes_pack",
        _set(lambda f: svc(f).update(images=["../outside.jpg"])),
        "services.json",
        "[0].images[0]",
        "leads outside the pack folder",
    ),
    (
        "absolute_path",
        _set(lambda f: svc(f).update(images=["/etc/passwd"])),
        "services.json",
        "[0].images[0]",
        "leads outside the pack folder",
    ),
    (
        "unknown_field",
        _set(lambda f: svc(f).update(pich=T)),
        "services.json",
        "[0].pich",
        "unknown field (did you mean 'pitch'?)",
    ),
    (
        "missing_required_field",
        _set(lambda f: svc(f).pop("price")),
        "services.json",
        "[0].price",
        "is required",
    ),
    (
        "bad_amount",
        _set(lambda f: svc(f)["price"].update(amount="5.001")),
        "services.json",
        "[0].price.amount",
        "at most two decimals",
    ),
    (
        "bad_period",
        _set(lambda f: svc(f)["price"].update(period="weekly")),
        "services.json",
        "[0].price.period",
        "must be one of once, day, month, year",
    ),
    ("bad_id", _set(lambda f: svc(f).update(id="Svc Ringback")), "services.json", "[0].id", "is not an id"),
    (
        "bad_colour",
        _set(lambda f: f["categories.json"][0].update(color="red")),
        "categories.json",
        "[0].color",
        "must be a colour like",
    ),
    (
        "section_not_array",
        _set(lambda f: f.update({"services.json": {"id": "x"}})),
        "services.json",
        "",
        "must be an array of items, not an object",
    ),
    (
        "manifest_wrong_format",
        _set(lambda f: f["pack.json"].update(format=2)),
        "pack.json",
        "format",
        "this kiosk reads format 1",
    ),
    (
        "manifest_bad_scope",
        _set(lambda f: f["pack.json"].update(scope="county:X")),
        "pack.json",
        "scope",
        'must be "national", "province:ID"',
    ),
    (
        "manifest_missing_language",
        _set(lambda f: f["pack.json"].update(languages=["zh-CN"])),
        "pack.json",
        "languages",
        "must list at least zh-CN, en",
    ),
    (
        "daily_deal_without_window",
        _set(lambda f: f["offers.json"][0].pop("valid")),
        "offers.json",
        "[0].valid",
        "is required for a daily deal",
    ),
    (
        "percent_out_of_range",
        _set(lambda f: f["offers.json"][0]["rule"].update(percent=120)),
        "offers.json",
        "[0].rule.percent",
        "must be a whole number from 1 to 100",
    ),
    (
        "hotspot_to_unknown_scene",
        _set(lambda f: scene(f, 0)["hotspots"][0].update(next="s9")),
        "demos.json",
        "[0].scenes[0].hotspots[0].next",
        "names scene 's9', which is not in this demo",
    ),
    (
        "unreachable_scene",
        _set(lambda f: (scene(f, 0)["hotspots"][1].update(next="s2"), scene(f, 1).update(next="s4"))),
        "demos.json",
        "[0].scenes[2]",
        "scene 's3' cannot be reached from the start",
    ),
    ("demo_never_ends", _set(lambda f: scene(f, 3).update(next="s1")), "demos.json", "[0]", "never ends"),
    (
        "demo_bad_start",
        _set(lambda f: f["demos.json"][0].update(start="nope")),
        "demos.json",
        "[0].start",
        "names scene 'nope'",
    ),
    (
        "scene_image_and_video",
        _set(lambda f: scene(f, 1).update(video="media/clip.mp4")),
        "demos.json",
        "[0].scenes[1]",
        'needs exactly one of "image" and "video"',
    ),
    (
        "hotspot_outside_scene",
        _set(lambda f: scene(f, 0)["hotspots"][0].update(rect=[0.8, 0.1, 0.5, 0.2])),
        "demos.json",
        "[0].scenes[0].hotspots[0].rect",
        "must lie inside the scene",
    ),
    (
        "narration_audio_missing_language",
        _set(lambda f: scene(f, 0)["narration"].update(audio={"zh-CN": "media/voice.ogg"})),
        "demos.json",
        "[0].scenes[0].narration.audio",
        "has no file for en",
    ),
    (
        "narration_audio_not_audio",
        _set(lambda f: scene(f, 0)["narration"]["audio"].update(en="media/subs.vtt")),
        "demos.json",
        "[0].scenes[0].narration.audio.en",
        "narration must be WAV, MP3, OGG",
    ),
    (
        "category_narration_audio_not_audio",
        narrated(lambda f: f["categories.json"][0]["narration"]["audio"].update(en="media/full.jpg")),
        "categories.json",
        "[0].narration.audio.en",
        "narration must be WAV, MP3, OGG",
    ),
    (
        "category_narration_not_an_object",
        narrated(lambda f: f["categories.json"][0].update(narration="Music")),
        "categories.json",
        "[0].narration",
        "must be an object, not a string",
    ),
    (
        "service_narration_empty",
        narrated(lambda f: svc(f).update(narration={})),
        "services.json",
        "[0].narration",
        'needs "text", "audio" or both',
    ),
    (
        "service_narration_misspelt",
        narrated(lambda f: svc(f)["narration"].update(audoi=VOICE)),
        "services.json",
        "[0].narration.audoi",
        "unknown field (did you mean 'audio'?)",
    ),
    (
        "service_narration_text_missing_language",
        narrated(lambda f: svc(f)["narration"].update(text={"zh-CN": "彩铃"})),
        "services.json",
        "[0].narration.text",
        "has no text in en",
    ),
    (
        "offer_narration_audio_missing_language",
        narrated(lambda f: f["offers.json"][0]["narration"].update(audio={"en": "media/voice.ogg"})),
        "offers.json",
        "[0].narration.audio",
        "has no file for zh-CN",
    ),
    (
        "offer_narration_audio_missing_file",
        narrated(lambda f: f["offers.json"][0]["narration"]["audio"].update({"zh-CN": "media/zh/daily.ogg"})),
        "offers.json",
        "[0].narration.audio.zh-CN",
        "'media/zh/daily.ogg' does not exist in the pack",
    ),
    (
        "guides_not_an_object",
        narrated(lambda f: f.update({"guides.json": [guide(f, 0)]})),
        "guides.json",
        "",
        'must be an object {"guides": [...]}',
    ),
    (
        "guides_not_an_array",
        narrated(lambda f: f.update({"guides.json": {"guides": guide(f, 0)}})),
        "guides.json",
        "guides",
        "must be an array of items, not an object",
    ),
    (
        "guide_of_a_misspelt_screen",
        narrated(lambda f: guide(f, 0).update(id="hom")),
        "guides.json",
        "guides[0].id",
        "'hom' is not a screen with a guide (did you mean 'home'?)",
    ),
    (
        "guide_of_an_unknown_screen",
        narrated(lambda f: guide(f, 1).update(id="checkout")),
        "guides.json",
        "guides[1].id",
        "'checkout' is not a screen with a guide: one of attract, home, category, service, demo, video, "
        "subscribe.number, subscribe.review, subscribe.code, subscribe.offline, subscribe.receipt, idle, "
        "or digit.0 to digit.9",
    ),
    (
        "guide_of_a_digit_that_is_not_one",
        narrated(lambda f: guide(f, 1).update(id="digit.10")),
        "guides.json",
        "guides[1].id",
        "'digit.10' is not a screen with a guide (did you mean 'digit.1'?)",
    ),
    (
        "guide_id_not_a_string",
        narrated(lambda f: guide(f, 1).update(id=7)),
        "guides.json",
        "guides[1].id",
        'must be the id of a screen, such as "home"',
    ),
    (
        "guide_twice_for_one_screen",
        narrated(lambda f: guide(f, 1).update(id="home")),
        "guides.json",
        "guides[1].id",
        "duplicate id 'home' (also at guides[0])",
    ),
    (
        "guide_without_narration",
        narrated(lambda f: guide(f, 0).pop("narration")),
        "guides.json",
        "guides[0].narration",
        "is required",
    ),
    (
        "guide_with_an_unknown_field",
        narrated(lambda f: guide(f, 0).update(screen="home")),
        "guides.json",
        "guides[0].screen",
        "unknown field",
    ),
    (
        "guide_audio_not_audio",
        narrated(lambda f: guide(f, 0)["narration"]["audio"].update({"zh-CN": "media/clip.mp4"})),
        "guides.json",
        "guides[0].narration.audio.zh-CN",
        "narration must be WAV, MP3, OGG",
    ),
    (
        "guide_text_in_an_unknown_language",
        narrated(lambda f: guide(f, 1)["narration"]["text"].update(fr="sept")),
        "guides.json",
        "guides[1].narration.text",
        "has unknown language 'fr'",
    ),
    (
        "guides_json_that_does_not_parse",
        narrated(lambda f: f.update({"guides.json": '{"guides": [}'})),
        "guides.json",
        "line 1 column 13",
        "is not valid JSON",
    ),
    (
        "bad_subtitles",
        _set(lambda f: f["videos.json"][0]["subtitles"].update(en="media/bad.vtt")),
        "videos.json",
        "[0].subtitles.en",
        "is not valid WebVTT",
    ),
    (
        "attract_image_without_duration",
        _set(lambda f: f["attract.json"]["items"][0].pop("duration_s")),
        "attract.json",
        "items[0].duration_s",
        "is required for an image",
    ),
    (
        "top10_too_long",
        _set(lambda f: f.update({"top10.json": {"services": [f"svc.s{i}" for i in range(11)]}})),
        "top10.json",
        "services",
        "lists 11 services; at most 10",
    ),
    (
        "national_with_overrides",
        _set(
            lambda f: f.update(
                {"overrides.json": [{"section": "services", "id": "svc.ringback", "hide": True}]}
            )
        ),
        "overrides.json",
        "",
        "a national pack has no lower layer to override",
    ),
    (
        "stray_json_file",
        _set(lambda f: f.update({"service.json": []})),
        "service.json",
        "",
        "is not a file of the pack format",
    ),
]


@pytest.mark.parametrize(
    ("change", "file", "field", "reason"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS]
)
def test_broken_pack_is_refused_with_a_clear_message(
    tmp_path: Path, media_dir: Path, change: Callable, file: str, field: str, reason: str
) -> None:
    root = make_pack(tmp_path / "pack", media_dir, change(national_files()))

    pack, problems = read_pack(root)

    assert pack is None
    messages = [(p.file, p.field, p.reason) for p in problems if not p.warning]
    assert any(f == file and fld == field and reason in r for f, fld, r in messages), messages


def test_valid_pack_loads_with_no_problems(national: Path) -> None:
    pack, problems = read_pack(national)

    assert problems == []
    assert pack is not None
    assert [s.id for s in pack.services] == ["svc.ringback", "svc.data10"]
    assert pack.services[0].price.amount_fen == 500


def test_narration_on_items_and_the_guides_of_screens_are_read(tmp_path: Path, media_dir: Path) -> None:
    root = make_pack(tmp_path / "pack", media_dir, narrated_files())

    pack, problems = read_pack(root)

    assert problems == []
    assert pack is not None
    cat, svc_, offer = pack.categories[0], pack.services[0], pack.offers[0]
    assert cat.narration is not None and cat.narration.text is not None and cat.narration.audio is not None
    assert cat.narration.text.get("en") == "Ring-back and music."
    assert cat.narration.audio.get("zh-CN") == root / "media" / "voice.ogg"
    assert svc_.narration is not None and svc_.narration.audio is None
    assert svc_.narration.text is not None and svc_.narration.text.get("zh-CN") == "彩铃：来电听歌。"
    assert offer.narration is not None and offer.narration.text is None
    assert (
        offer.narration.audio is not None and offer.narration.audio.get("en") == root / "media" / "voice.ogg"
    )
    assert pack.categories[1].narration is None and pack.services[1].narration is None
    assert [g.id for g in pack.guides] == ["home", "digit.7"]
    assert (
        pack.guides[0].narration.text is not None
        and pack.guides[0].narration.text.get("en") == "Pick a service."
    )
    assert pack.guides[1].narration.audio is None


def test_a_pack_without_guides_has_none(national: Path) -> None:
    pack, _ = read_pack(national)

    assert pack is not None and pack.guides == ()


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    svc(files).update(pitch={"zh-CN": "x"}, images=["media/nope.jpg"])
    files["categories.json"][1]["color"] = "blue"
    root = make_pack(tmp_path / "pack", media_dir, files)

    _, problems = read_pack(root)

    fields = {p.field for p in problems}
    assert {"[0].pitch", "[0].images[0]", "[1].color"} <= fields


def test_link_leading_out_of_the_pack_is_refused(tmp_path: Path, media_dir: Path) -> None:
    outside = tmp_path / "secret.jpg"
    outside.write_bytes((media_dir / "picture.jpg").read_bytes())
    root = make_pack(tmp_path / "pack", media_dir)
    os.symlink(outside, root / "media" / "link.jpg")
    files = national_files()
    svc(files)["images"] = ["media/link.jpg"]
    make_pack(root, media_dir, files)

    _, problems = read_pack(root)

    assert any("leads outside the pack folder (through a link)" in p.reason for p in problems)


def test_missing_manifest_is_named(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    del files["pack.json"]
    root = make_pack(tmp_path / "pack", media_dir, files)

    with pytest.raises(PackError) as err:
        load_pack(root)

    assert any(p.file == "pack.json" and "is missing" in p.reason for p in err.value.problems)


def test_json_that_is_not_utf8_is_named(tmp_path: Path, media_dir: Path) -> None:
    root = make_pack(tmp_path / "pack", media_dir)
    (root / "services.json").write_bytes(b'[{"id": "\xff"}]')

    _, problems = read_pack(root)

    assert any(p.file == "services.json" and "is not UTF-8" in p.reason for p in problems)


def test_reserved_section_is_a_warning_and_the_pack_stays_valid(national: Path) -> None:
    (national / "handsets.json").write_text("[]", encoding="utf-8")

    pack, problems = read_pack(national)

    assert pack is not None
    assert pack.reserved == ("handsets",)
    assert [p.warning for p in problems] == [True]
    assert "reserved for a later format version" in problems[0].reason


def test_portrait_full_screen_image_is_accepted(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["attract.json"]["items"][0]["image"] = "media/portrait.jpg"

    pack, _ = read_pack(make_pack(tmp_path / "pack", media_dir, files))

    assert pack is not None


#: A province pack's manifest, for packs that override the national one.
GD_PACK = {
    "format": 1,
    "id": "gd",
    "version": 1,
    "scope": "province:GD",
    "title": text("广东", "Guangdong"),
    "languages": ["zh-CN", "en"],
}


def test_overrides_set_narration_checked_as_the_section_checks_it(tmp_path: Path, media_dir: Path) -> None:
    files = {
        "pack.json": GD_PACK,
        "overrides.json": [
            {"section": "services", "id": "svc.ringback", "set": {"narration": {"text": T, "audio": VOICE}}},
            {
                "section": "categories",
                "id": "cat.data",
                "set": {"narration": {"audio": {"en": "media/x.ogg"}}},
            },
            {"section": "offers", "id": "off.daily", "set": {"narration": {}}},
        ],
    }

    _, problems = read_pack(make_pack(tmp_path / "gd", media_dir, files))

    assert sorted((p.file, p.field, p.reason) for p in problems) == [
        ("overrides.json", "[1].set.narration.audio", "has no file for zh-CN"),
        ("overrides.json", "[1].set.narration.audio.en", "'media/x.ogg' does not exist in the pack"),
        ("overrides.json", "[2].set.narration", 'needs "text", "audio" or both'),
    ]


def test_overrides_check_their_fields_like_the_section_does(tmp_path: Path, media_dir: Path) -> None:
    files = {
        "pack.json": GD_PACK,
        "overrides.json": [
            {
                "section": "services",
                "id": "svc.ringback",
                "set": {"price": {"amount": "abc", "currency": "CNY", "period": "month"}},
            },
            {"section": "planets", "id": "x", "hide": True},
        ],
    }

    _, problems = read_pack(make_pack(tmp_path / "gd", media_dir, files))

    reasons = {(p.field, p.reason.split(" (")[0]) for p in problems}
    assert ("[0].set.price.amount", "'abc' is not an amount such as \"5.00\"") in reasons
    assert any(f == "[1].section" for f, _ in reasons)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "name", "price", "images", "valid", "zh-CN", "en", "x", "amount"])
            | st.text(max_size=6),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    section=st.sampled_from(
        [
            "pack.json",
            "services.json",
            "demos.json",
            "offers.json",
            "attract.json",
            "overrides.json",
            "top10.json",
            "categories.json",
            "guides.json",
        ]
    ),
    value=json_values,
)
def test_any_json_in_any_file_gives_problems_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, media_dir: Path, section: str, value: object
) -> None:
    files = national_files()
    files[section] = value
    root = make_pack(tmp_path_factory.mktemp("fuzz"), media_dir, files)

    pack, problems = read_pack(root, check_media=False)

    assert pack is not None or any(not p.warning for p in problems)
