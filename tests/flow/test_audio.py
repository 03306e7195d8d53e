"""The audio focus: speech and video sound never overlap; guides and narration take turns."""

from __future__ import annotations

from kiosk.flow.audio import VOLUME_STEP, AudioFocus, Kind, Speech


def guide(name: str = "g") -> Speech:
    return Speech(Kind.GUIDE, name)


def narration(name: str = "n") -> Speech:
    return Speech(Kind.NARRATION, name)


def test_media_is_silent_while_speech_plays_and_back_after() -> None:
    focus = AudioFocus(volume=60)
    assert focus.media_volume == 0.6
    g = guide()
    assert focus.request(g)
    assert focus.media_volume == 0.0
    assert focus.finished(g) is None
    assert focus.media_volume == 0.6


def test_speech_shown_only_as_captions_does_not_silence_media() -> None:
    focus = AudioFocus(volume=60)
    focus.request(guide())
    focus.aloud = False
    assert focus.media_volume == 0.6


def test_a_new_guide_stops_the_guide_playing() -> None:
    focus = AudioFocus()
    first, second = guide("home"), guide("category")
    focus.request(first)
    assert focus.request(second)
    assert focus.speaking is second
    # The replaced guide's late end changes nothing.
    assert focus.finished(first) is None
    assert focus.speaking is second


def test_a_guide_waits_for_the_narration_playing_then_plays() -> None:
    focus = AudioFocus()
    n, g = narration(), guide()
    focus.request(n)
    assert not focus.request(g)
    assert focus.speaking is n and focus.waiting is g
    assert focus.media_volume == 0.0
    assert focus.finished(n) is g
    assert focus.speaking is g
    assert focus.media_volume == 0.0


def test_a_narration_waits_for_the_guide_playing() -> None:
    focus = AudioFocus()
    g, n = guide("demo"), narration("scene-1")
    focus.request(g)
    assert not focus.request(n)
    assert focus.finished(g) is n


def test_only_the_newest_of_a_kind_waits() -> None:
    focus = AudioFocus()
    focus.request(guide())
    focus.request(narration("scene-1"))
    latest = narration("scene-2")
    focus.request(latest)
    assert focus.waiting is latest


def test_a_same_kind_replacement_keeps_the_other_kind_waiting() -> None:
    focus = AudioFocus()
    focus.request(guide("demo"))
    n = narration()
    focus.request(n)
    again = guide("demo again")
    assert focus.request(again)
    assert focus.waiting is n
    assert focus.finished(again) is n


def test_stopping_a_kind_removes_it_playing_or_waiting() -> None:
    focus = AudioFocus()
    n, g = narration(), guide()
    focus.request(n)
    focus.request(g)
    assert focus.stop(Kind.NARRATION) is g
    assert focus.speaking is g and focus.waiting is None
    focus.request(narration())
    assert focus.stop(Kind.NARRATION) is None
    assert focus.waiting is None and focus.speaking is g
    focus.stop_all()
    assert focus.speaking is None and focus.media_volume == focus.volume / 100


def test_volume_steps_and_bounds() -> None:
    focus = AudioFocus(volume=95)
    assert focus.louder()
    assert focus.volume == 100
    assert not focus.louder()
    focus = AudioFocus(volume=5)
    assert focus.softer()
    assert focus.volume == 0 and focus.media_volume == 0.0
    assert not focus.softer()
    focus = AudioFocus(volume=50)
    focus.louder()
    assert focus.volume == 50 + VOLUME_STEP
    assert AudioFocus(volume=250).volume == 100


def test_speech_and_video_sound_never_overlap_in_any_sequence() -> None:
    """Every order of requests, ends and stops: whenever speech is playing aloud, media is 0,
    and at most one speech plays."""
    import itertools

    moves = ["guide", "narration", "end", "stop_guide", "stop_narration", "louder", "softer"]
    for seq in itertools.product(moves, repeat=5):
        focus = AudioFocus(volume=50)
        for move in seq:
            if move == "guide":
                focus.request(guide())
            elif move == "narration":
                focus.request(narration())
            elif move == "end" and focus.speaking is not None:
                focus.finished(focus.speaking)
            elif move == "stop_guide":
                focus.stop(Kind.GUIDE)
            elif move == "stop_narration":
                focus.stop(Kind.NARRATION)
            elif move == "louder":
                focus.louder()
            elif move == "softer":
                focus.softer()
            if focus.speaking is not None:
                assert focus.media_volume == 0.0, seq
            assert focus.waiting is None or focus.speaking is not None, seq
            assert focus.waiting is None or focus.waiting.kind != focus.speaking.kind, seq
