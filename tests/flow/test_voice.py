"""The voice of a session: on/off, staff mute, quiet hours, why silent, and the parts said."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from kiosk.flow.audio import Kind
from kiosk.flow.voice import (
    ALOUD_GRACE_S,
    Engine,
    Part,
    Perform,
    Silence,
    Utterance,
    Voice,
    VoiceSettings,
    reading_time,
    within,
)
from kiosk.packs.model import HourRange
from kiosk.packs.values import parse_hour_range
from tests.fakes import ManualClock

BOTH = Engine("mock", frozenset({"zh-CN", "en"}))


class Wall:
    def __init__(self, hh: int = 12, mm: int = 0) -> None:
        self.at = datetime(2026, 12, 3, hh, mm)

    def __call__(self) -> datetime:
        return self.at


def voice(
    clock: ManualClock,
    *,
    on: bool = True,
    engine: Engine = BOTH,
    hours: str | None = None,
    wall: Wall | None = None,
    muted: bool = False,
    volume: int = 70,
) -> Voice:
    settings = VoiceSettings(default_on=on, hours=parse_hour_range(hours) if hours else None, volume=volume)
    return Voice(settings, engine, wall or Wall(), staff_muted=muted, now=clock)


def text(key: str = "home", *words: str, lang: str = "en") -> Utterance:
    return Utterance(key, lang, tuple(Part(w) for w in (words or ("Hello.",))))


def test_off_unless_the_store_sets_it_and_a_customers_toggle_lasts_the_session(clock: ManualClock) -> None:
    v = voice(clock, on=False)
    assert v.reason("en") == Silence.OFF
    assert v.toggle()
    assert v.reason("en") == Silence.NONE
    v.softer()
    v.end_session()
    assert not v.on and v.focus.volume == 70
    assert voice(clock, on=True).on


def test_quiet_hours(clock: ManualClock) -> None:
    wall = Wall(8, 59)
    v = voice(clock, hours="09:00-21:00", wall=wall)
    assert v.reason("en") == Silence.QUIET_HOURS
    wall.at = datetime(2026, 12, 3, 9, 0)
    assert v.reason("en") == Silence.NONE
    wall.at = datetime(2026, 12, 3, 21, 0)
    assert v.reason("en") == Silence.QUIET_HOURS
    cue = v.say(text())
    assert cue is not None and cue.how == Perform.CAPTION


def test_hours_across_midnight_and_to_midnight() -> None:
    late = parse_hour_range("22:00-02:00")
    assert within(late, time(23, 0)) and within(late, time(1, 59))
    assert not within(late, time(2, 0)) and not within(late, time(12, 0))
    evening = parse_hour_range("18:00-24:00")
    assert within(evening, time(23, 59)) and not within(evening, time(17, 59))
    assert within(HourRange(time(9), time(21)), time(9))


def test_staff_mute_wins_and_stops_what_plays(clock: ManualClock) -> None:
    v = voice(clock, hours="09:00-21:00", wall=Wall(23))
    v.set_staff_muted(True)
    assert v.reason("en") == Silence.MUTED
    v = voice(clock)
    cue = v.say(text())
    assert cue is not None and cue.how == Perform.SPEECH
    assert v.set_staff_muted(True)
    assert v.cue is None and v.media_volume == 0.7
    assert not v.set_staff_muted(True)
    assert v.reason("en") == Silence.MUTED
    v.set_staff_muted(False)
    assert v.reason("en") == Silence.NONE


def test_no_engine_or_no_voice_for_the_language(clock: ManualClock) -> None:
    v = voice(clock, engine=Engine())
    assert v.reason("en") == Silence.NO_ENGINE
    cue = v.say(text())
    assert cue is not None and cue.how == Perform.CAPTION and cue.text == "Hello."
    assert v.caption == "Hello."
    v = voice(clock, engine=Engine("mock", frozenset({"en"})))
    assert v.reason("zh-CN") == Silence.NO_VOICE and v.reason("en") == Silence.NONE
    # A recording needs no engine.
    rec = Utterance("home", "zh-CN", (Part("你好", "file:///a.ogg"),))
    cue = v.say(rec)
    assert cue is not None and cue.how == Perform.RECORDING
    assert v.caption == "" and v.speaking and v.media_volume == 0.0


def test_parts_play_in_order_with_text_as_caption(clock: ManualClock) -> None:
    v = voice(clock)
    utt = Utterance(
        "service", "en", (Part("Name.", "file:///n.ogg"), Part("Price."), Part("", "file:///x.ogg"))
    )
    first = v.say(utt)
    assert first is not None and first.how == Perform.RECORDING and v.caption == ""
    second = v.done(first)
    assert second is not None and second.how == Perform.SPEECH and v.caption == "Price."
    assert v.done(first) is None  # a late report of a finished cue changes nothing
    third = v.done(second)
    assert third is not None and third.audio == "file:///x.ogg"
    assert v.done(third) is None
    assert v.cue is None and not v.speaking and v.media_volume == 0.7


def test_silent_guides_show_as_captions_for_their_reading_time(clock: ManualClock) -> None:
    v = voice(clock, on=False)
    cue = v.say(text("home", "One.", "Two."))
    assert cue is not None and cue.how == Perform.CAPTION and v.caption == "One."
    assert v.media_volume == 0.7  # a caption does not silence a video
    wake = v.next_wake()
    assert wake == pytest.approx(clock() + reading_time("One.", "en"))
    clock.advance(reading_time("One.", "en") - 0.01)
    assert v.tick() is None
    clock.advance(0.02)
    nxt = v.tick()
    assert nxt is not None and v.caption == "Two."
    clock.advance(60)
    assert v.tick() is None and v.caption == ""


def test_a_recording_without_words_is_skipped_when_silent(clock: ManualClock) -> None:
    v = voice(clock, on=False)
    assert v.say(Utterance("x", "en", (Part("", "file:///a.ogg"),))) is None
    assert v.cue is None


def test_a_cue_that_never_reports_its_end_gives_the_focus_back(clock: ManualClock) -> None:
    v = voice(clock)
    cue = v.say(text("home", "Hi."))
    assert cue is not None and v.media_volume == 0.0
    clock.advance(2 * reading_time("Hi.", "en") + ALOUD_GRACE_S)
    assert v.tick() is None
    assert v.cue is None and v.media_volume == 0.7


def test_guide_and_narration_take_turns(clock: ManualClock) -> None:
    v = voice(clock)
    guide = v.say(text("demo", "A demo."))
    assert guide is not None
    assert v.say(text("narration:s1", "Scene one."), Kind.NARRATION) is None
    narration = v.done(guide)
    assert narration is not None and narration.key == "narration:s1"
    assert v.media_volume == 0.0
    # Say it again during the narration: the guide waits for it.
    assert v.say(text("demo", "A demo.")) is None
    again = v.done(narration)
    assert again is not None and again.key == "demo"


def test_leaving_the_demo_stops_its_narration(clock: ManualClock) -> None:
    v = voice(clock)
    v.say(text("narration:s1", "Scene."), Kind.NARRATION)
    assert v.stop(Kind.NARRATION) is None
    assert v.cue is None
    g = v.say(text("service", "Service."))
    assert g is not None
    assert v.stop(Kind.NARRATION) is None and v.cue is g


def test_turning_voice_off_or_volume_to_zero_stops_speech(clock: ManualClock) -> None:
    v = voice(clock)
    v.say(text())
    assert not v.toggle()
    assert v.cue is None
    v = voice(clock, volume=10)
    v.say(text())
    assert v.softer()
    assert v.cue is None and v.media_volume == 0.0
    cue = v.say(text())
    assert cue is not None and cue.how == Perform.CAPTION


def test_narration_is_the_demos_sound_heard_with_the_guidance_off(clock: ManualClock) -> None:
    v = voice(clock, on=False)
    rec = Utterance("narration:s1", "en", (Part("Pick a song.", "file:///n.ogg"),))
    cue = v.say(rec, Kind.NARRATION)
    assert cue is not None and cue.how == Perform.RECORDING and v.media_volume == 0.0
    # Turning the guidance off leaves the narration playing.
    v.toggle()
    v.toggle()
    assert v.cue is cue
    v.set_staff_muted(True)
    assert v.cue is None
    cue = v.say(rec, Kind.NARRATION)
    assert cue is not None and cue.how == Perform.CAPTION and v.caption == "Pick a song."


def test_a_guide_asked_for_is_heard_with_the_voice_off_but_not_when_muted(clock: ManualClock) -> None:
    v = voice(clock, on=False)
    asked = Utterance("home", "en", (Part("Home."),), asked=True)
    cue = v.say(asked)
    assert cue is not None and cue.how == Perform.SPEECH
    v = voice(clock, on=False, hours="09:00-21:00", wall=Wall(22))
    cue = v.say(asked)
    assert cue is not None and cue.how == Perform.CAPTION
