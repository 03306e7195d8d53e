"""Every screen's spoken guide (kiosk.present.guide): built-in texts in both languages, the
names on the screen, and a pack's guides and narration taking precedence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.domain.catalog import View
from kiosk.packs.model import GUIDE_SCREENS, LANGUAGES, Guide, LocalMedia, Narration
from kiosk.present import guide
from kiosk.present.media import media_url
from tests.ui.kit import build_catalog, build_pack, local, t

DAY = date(2026, 3, 2)


def view_of(media: dict[str, Path], **changes: object) -> View:
    return build_catalog(build_pack(media, **changes)).at(local(DAY, 12, 0))


@pytest.fixture
def view(media: dict[str, Path]) -> View:
    return view_of(media)


def test_every_guide_screen_has_a_built_in_text_in_both_languages() -> None:
    for key in GUIDE_SCREENS:
        for lang in LANGUAGES:
            assert guide.BUILT_IN[key][lang].strip(), (key, lang)
    assert guide.BUILT_IN["digit.1"]["zh-CN"] == "幺"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_journeys_screens_say_their_names(view: View, lang: str) -> None:
    g: dict[str, Guide] = {}
    home = guide.home(view, lang, g)
    assert home.parts[0].text == guide.BUILT_IN["home"][lang]
    for c in view.categories:
        assert c.name.get(lang) in home.text
    music = view.category("cat.music")
    assert music is not None
    cat = guide.category(view, music, lang, g)
    assert cat.parts[0].text == music.name.get(lang)
    assert all(s.name.get(lang) in cat.text for s in view.services_in("cat.music"))
    ringback = view.service("svc.ringback")
    assert ringback is not None
    svc = guide.service(view, ringback, lang, g)
    q = view.quote(ringback)
    assert ringback.name.get(lang) in svc.text and q.now_text(lang) in svc.text
    assert q.explanation(lang) in svc.text
    demo = view.demos["demo.ringback"]
    assert guide.demo(demo, lang, g).parts[0].text == demo.title.get(lang)
    narr = guide.scene_narration(demo.scenes[0], lang)
    assert narr.parts[0].audio.endswith(".wav") and narr.parts[0].text
    assert guide.scene_narration(demo.scenes[1], lang).parts == ()
    video = view.videos["vid.ringback"]
    assert guide.video(video, lang, g).parts[0].text == video.title.get(lang)
    for step in guide.SUBSCRIBE_STEPS:
        s = guide.subscribe(step, lang, g)
        assert s is not None and s.text == guide.BUILT_IN[f"subscribe.{step}"][lang]
    assert guide.subscribe("sending", lang, g) is None
    assert guide.digit("7", lang, g) is not None and guide.digit("x", lang, g) is None
    assert guide.idle(lang, g).text and guide.attract(lang, g).text and guide.counter(lang).text


def test_a_packs_guides_and_narration_take_precedence(media: dict[str, Path], view: View) -> None:
    recorded = Narration(t("欢迎光临", "Hello there"), LocalMedia((("en", media["voice.en"]),)))
    guides = {
        "home": Guide("home", recorded),
        "digit.3": Guide("digit.3", Narration(t("叁", "three"))),
    }
    en = guide.home(view, "en", guides).parts[0]
    assert (en.text, en.audio) == ("Hello there", media_url(media["voice.en"]))
    # No Chinese recording: the Chinese words, for text-to-speech (never the English audio).
    zh = guide.home(view, "zh-CN", guides).parts[0]
    assert (zh.text, zh.audio) == ("欢迎光临", "")
    assert guide.digit("3", "en", guides).text == "three"
    svc = view.service("svc.radio")
    assert svc is not None
    own = Narration(None, LocalMedia((("zh-CN", media["voice.zh"]),)))
    v2 = view_of(
        media,
        services=tuple(
            replace(s, narration=own) if s.id == "svc.radio" else s for s in build_pack(media).services
        ),
    )
    radio = v2.service("svc.radio")
    assert radio is not None
    first = guide.service(v2, radio, "zh-CN", {}).parts[0]
    assert first.audio == media_url(media["voice.zh"]) and first.text == ""
    # The English customer gets the name and pitch, not the Chinese recording.
    assert guide.service(v2, radio, "en", {}).parts[0].text.startswith("Music radio")
