"""The voice in the running UI: every screen of the journey speaks a guide in both languages,
captions show what is not heard, video sound is silent under speech, Qt's text-to-speech
(its `mock` engine) says texts, and staff mute and quiet hours silence the kiosk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.flow.audio import Kind
from kiosk.flow.voice import Part, Perform, Utterance
from kiosk.packs.model import LANGUAGES, Guide, LocalMedia, Narration, Text
from kiosk.packs.values import parse_hour_range
from kiosk.services.voicefile import read_voice
from kiosk.ui.shell import KioskShell
from tests.ui.kit import FakeClock, build_catalog, build_pack, find, find_object, tap, wait_idle
from tests.ui.test_subscribe import NUMBER, TERMS, Book, Hq

NOON = datetime(2026, 3, 2, 4, 0)  # 12:00 in Asia/Shanghai, as UTC


@pytest.fixture
def catalog(media: dict[str, Path]) -> Catalog:
    pack = build_pack(media)
    services = tuple(replace(s, terms=TERMS) for s in pack.services)
    return build_catalog(replace(pack, services=services))


def spoken(shell: KioskShell) -> tuple[str, tuple[Any, ...]]:
    """The key and parts of what the voice says (or shows) now."""
    speech = shell.kiosk.voice_controller.machine.focus.speaking
    if speech is None:
        return "", ()
    return speech.payload.key, speech.payload.parts


def says(qtbot: Any, shell: KioskShell, key: str) -> tuple[Any, ...]:
    qtbot.waitUntil(lambda: spoken(shell)[0] == key, timeout=10_000)
    parts = spoken(shell)[1]
    assert parts and all(p.text or p.audio for p in parts), key
    return parts


def voiced(settings: Settings, lang: str, **changes: Any) -> Settings:
    return replace(settings, language=lang, voice_on=True, **changes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_of_the_journey_speaks_its_guide(
    make_ui: Callable[..., KioskShell], settings: Settings, qtbot: Any, lang: str
) -> None:
    ui = make_ui(settings=voiced(settings, lang), clock=FakeClock(NOON))
    hq = Hq()
    hq.reachable = False
    ui.use_orders(Book(), hq, lambda: "http://hq.test")
    k = ui.kiosk
    nav, sub, voice = k.navigator, k.subscribe_controller, k.voice_controller

    voice.say_screen()
    says(qtbot, ui, "attract")
    nav.start()
    home = says(qtbot, ui, "home")
    assert any("Music" in p.text or "音乐" in p.text for p in home)
    wait_idle(qtbot, ui)
    # Not heard (no text-to-speech here): the words show in the caption bar.
    caption = find(ui, "captionText")
    assert caption is not None
    qtbot.waitUntil(lambda: caption.property("text") == home[0].text)
    nav.openCategory("cat.music")
    says(qtbot, ui, "category")
    nav.back()
    nav.openService("svc.ringback", "top10")
    service = says(qtbot, ui, "service")
    assert any("¥4.00" in p.text for p in service)
    nav.openDemo()
    says(qtbot, ui, "demo")
    # The first scene's narration waits for the demo's guide, then plays.
    speech = voice.machine.focus
    qtbot.waitUntil(lambda: speech.waiting is not None and speech.waiting.payload.key == "narration:pick")
    nav.back()
    nav.openVideo()
    says(qtbot, ui, "video")
    nav.back()
    nav.openSubscribe()
    says(qtbot, ui, "subscribe.number")
    sub.digit(NUMBER[0])
    says(qtbot, ui, f"digit.{NUMBER[0]}")
    for d in NUMBER[1:]:
        sub.digit(d)
    says(qtbot, ui, f"digit.{NUMBER[-1]}")
    sub.numberDone()
    says(qtbot, ui, "subscribe.review")
    sub.setConsent(True)
    sub.confirm()
    says(qtbot, ui, "subscribe.offline")
    hq.reachable = True
    sub.retryOnline()
    says(qtbot, ui, "subscribe.code")
    for d in Hq.CODE:
        sub.codeDigit(d)
    sub.submitCode()
    says(qtbot, ui, "subscribe.receipt")
    k.session_controller.expire()
    says(qtbot, ui, "idle")


def test_speech_silences_video_sound_and_gives_it_back(
    make_ui: Callable[..., KioskShell], settings: Settings, media: dict[str, Path], qtbot: Any
) -> None:
    ui = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON))
    k = ui.kiosk
    voice = k.voice_controller
    k.navigator.start()
    k.navigator.openService("svc.ringback", "top10")
    k.navigator.openVideo()
    wait_idle(qtbot, ui)
    output = find_object(ui, "videoAudio")
    assert output is not None
    # The video guide's words are a caption here (no engine), so the video keeps its sound.
    qtbot.waitUntil(lambda: voice.current_cue is not None and voice.current_cue.key == "video")
    assert voice.current_cue.how == Perform.CAPTION
    assert output.property("volume") == pytest.approx(0.7)
    # A recording is heard: the video is silent under it, and comes back after it.
    voice.machine.stop_all()
    voice._say(Utterance("x", "en", (Part("Pick a song.", Path(media["voice.en"]).as_uri()),)), Kind.GUIDE)
    assert voice.property("speaking") and voice.property("mediaVolume") == 0.0
    qtbot.waitUntil(lambda: output.property("volume") == 0.0)
    qtbot.waitUntil(lambda: not voice.property("speaking"), timeout=15_000)
    qtbot.waitUntil(lambda: output.property("volume") == pytest.approx(0.7))


def test_texts_are_spoken_by_qts_text_to_speech(
    make_ui: Callable[..., KioskShell], settings: Settings, qtbot: Any
) -> None:
    """Qt's `mock` engine has English voices and no Chinese one."""
    ui = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON), tts_engine="mock")
    k = ui.kiosk
    voice = k.voice_controller
    voice.look_for_engine_now()
    qtbot.waitUntil(lambda: voice.engine_known)
    assert voice.machine.engine.name == "mock" and "en" in voice.machine.engine.languages
    heard: list[tuple[str, str]] = []
    voice.firstSound.connect(lambda key, how: heard.append((key, how)))
    k.navigator.start()
    qtbot.waitUntil(lambda: voice.current_cue is not None and voice.current_cue.key == "home")
    assert voice.current_cue.how == Perform.SPEECH
    assert voice.property("speaking") and voice.property("mediaVolume") == 0.0
    # Texts show as captions while they are spoken.
    assert voice.property("caption") == voice.current_cue.text
    qtbot.waitUntil(lambda: ("home", "speech") in heard, timeout=10_000)
    # Each part in turn, then quiet: the engine reported every end.
    qtbot.waitUntil(lambda: voice.current_cue is None, timeout=30_000)
    assert voice.property("mediaVolume") == pytest.approx(0.7)
    assert voice.property("silentReason") == ""
    assert read_voice(ui._settings.data_dir).status == "noVoice:zh-CN"
    # Chinese: no voice, so the words show as captions and the reason is given.
    k.language_controller.choose("zh-CN")
    qtbot.waitUntil(lambda: voice.current_cue is not None and voice.current_cue.lang == "zh-CN")
    assert voice.current_cue.how == Perform.CAPTION
    assert voice.property("silentReason") != "" and voice.property("captionsShown")


def test_staff_mute_lasts_until_unmuted_even_across_restarts(
    make_ui: Callable[..., KioskShell], settings: Settings, qtbot: Any
) -> None:
    ui = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON))
    voice = ui.kiosk.voice_controller
    # No engine here (tts_engine=""): texts are captions, and the reason says so.
    assert voice.property("silentReason").startswith("No text-to-speech here")
    voice.setStaffMuted(True)
    assert voice.property("staffMuted") and voice.property("silentReason") == "The voice is muted by staff"
    assert read_voice(settings.data_dir).staff_muted
    again = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON))
    voice2 = again.kiosk.voice_controller
    assert voice2.property("staffMuted")
    again.kiosk.navigator.start()
    qtbot.waitUntil(lambda: voice2.current_cue is not None)
    assert voice2.current_cue.how == Perform.CAPTION and voice2.property("captionsShown")
    voice2.setStaffMuted(False)
    assert not read_voice(settings.data_dir).staff_muted and not voice2.property("staffMuted")


def test_quiet_hours_silence_the_kiosk(
    make_ui: Callable[..., KioskShell], settings: Settings, qtbot: Any
) -> None:
    late = datetime(2026, 3, 2, 14, 30)  # 22:30 in Asia/Shanghai
    ui = make_ui(
        settings=voiced(settings, "en", voice_hours=parse_hour_range("09:00-21:00")), clock=FakeClock(late)
    )
    voice = ui.kiosk.voice_controller
    assert voice.property("silentReason") == "The voice is quiet now (it speaks 09:00-21:00)"
    assert read_voice(settings.data_dir).status == "quietHours"
    ui.kiosk.navigator.start()
    qtbot.waitUntil(lambda: voice.current_cue is not None)
    assert voice.current_cue.how == Perform.CAPTION


def test_voice_controls_turn_the_voice_on_and_set_the_volume(
    make_ui: Callable[..., KioskShell], qtbot: Any
) -> None:
    ui = make_ui()
    voice = ui.kiosk.voice_controller
    assert not voice.property("on")  # off unless the store turns it on
    ui.kiosk.navigator.start()
    wait_idle(qtbot, ui)
    tap(qtbot, ui, "voiceToggle")
    assert voice.property("on")
    tap(qtbot, ui, "voiceLouder")
    assert voice.property("volume") == 80
    tap(qtbot, ui, "voiceSofter")
    tap(qtbot, ui, "voiceSofter")
    assert voice.property("volume") == 60
    ui.kiosk.navigator.endSession()
    assert not voice.property("on") and voice.property("volume") == 70


def test_turning_the_voice_off_stops_the_guide_being_said(
    make_ui: Callable[..., KioskShell], settings: Settings, qtbot: Any
) -> None:
    ui = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON), tts_engine="mock")
    voice = ui.kiosk.voice_controller
    voice.look_for_engine_now()
    qtbot.waitUntil(lambda: voice.engine_known)
    ui.kiosk.navigator.start()
    qtbot.waitUntil(lambda: voice.property("speaking"))
    voice.toggle()
    assert not voice.property("on") and not voice.property("speaking") and voice.current_cue is None
    assert voice.property("mediaVolume") == pytest.approx(0.7)
    # Say it again is heard with the voice off.
    voice.sayAgain()
    assert voice.property("speaking") and voice.current_cue is not None
    assert voice.current_cue.key == "home"


def test_the_player_opens_the_first_guide_before_the_first_customer_touches(
    make_ui: Callable[..., KioskShell],
    settings: Settings,
    catalog: Catalog,
    media: dict[str, Path],
    qtbot: Any,
) -> None:
    # A player's first file in a process takes half a second or more to open: the kiosk pays
    # it on the attract loop, so the first customer's guide starts at once.
    text = Text((("zh-CN", "首页。"), ("en", "Home.")))
    catalog.content.guides["home"] = Guide(
        "home", Narration(text, LocalMedia((("zh-CN", media["voice.zh"]), ("en", media["voice.en"]))))
    )
    ui = make_ui(catalog=catalog, settings=voiced(settings, "en"), clock=FakeClock(NOON))
    voice = ui.kiosk.voice_controller
    assert voice.player_source == ""
    qtbot.waitUntil(lambda: voice.player_source.endswith("voice/en.wav"), timeout=5_000)

    ui.kiosk.navigator.start()
    parts = says(qtbot, ui, "home")
    assert parts[0].audio == voice.player_source
    qtbot.waitUntil(lambda: voice.current_cue is not None and voice.current_cue.how == Perform.RECORDING)


def test_the_process_exit_waits_for_a_text_to_speech_thread_still_starting(qapp: Any) -> None:
    import threading

    from PySide6.QtCore import QThread

    from kiosk.ui import voice as voice_module

    release = threading.Event()

    class Starting(QThread):
        def run(self) -> None:  # an engine still being made when its kiosk closed
            release.wait(5)

    thread = Starting()
    voice_module._LEFT.add(thread)
    thread.finished.connect(lambda: voice_module._LEFT.discard(thread))
    thread.start()
    threading.Timer(0.2, release.set).start()

    voice_module.wait_for_left_threads(10_000)

    assert thread.isFinished()


def test_the_text_to_speech_thread_is_no_child_of_its_voice_and_the_exit_ends_it(
    qtbot: Any, make_ui: Any, settings: Settings
) -> None:
    from kiosk.ui import voice as voice_module

    ui = make_ui(settings=voiced(settings, "en"), clock=FakeClock(NOON), tts_engine="mock")
    voice = ui.kiosk.voice_controller
    qtbot.waitUntil(lambda: voice._thread is not None and voice._thread.isRunning(), timeout=5_000)
    thread = voice._thread

    # A child would be deleted, running, with a controller deleted without stop() (its
    # parent gone first): Qt's "QThread: Destroyed while thread 'kiosk-tts' is still running".
    assert thread.parent() is None and thread in voice_module._LEFT
    voice_module.wait_for_left_threads(5_000)  # what the process's exit does
    assert thread.isFinished()
    qtbot.waitUntil(lambda: thread not in voice_module._LEFT)
