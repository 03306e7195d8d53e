"""The attract loop, without Qt: two slots taking turns, durations, failures, the still."""

from __future__ import annotations

from pathlib import Path

from kiosk.flow.attract import DEFAULT_IMAGE_MS, NO_PICTURE_S, AttractLoop, Clip
from kiosk.packs.model import AttractItem
from tests.fakes import EventLog as Log
from tests.fakes import ManualClock


def image(item_id: str, seconds: float | None = 5) -> AttractItem:
    return AttractItem(item_id, image=Path(f"/m/{item_id}.png"), duration_s=seconds)


def video(item_id: str, seconds: float | None = None) -> AttractItem:
    return AttractItem(item_id, video=Path(f"/m/{item_id}.mp4"), duration_s=seconds)


def loop_of(log: Log, clock: ManualClock, *items: AttractItem) -> AttractLoop:
    loop = AttractLoop(log, clock)
    loop.set_items(items)
    loop.begin()
    return loop


def ids(loop: AttractLoop) -> tuple[str, str]:
    """(front, back) item ids ('' for an empty slot)."""
    return tuple(s.clip.item_id if s.clip else "" for s in (loop.front, loop.back))  # type: ignore[return-value]


def test_an_image_shows_for_its_duration_a_video_to_its_end() -> None:
    assert Clip.of(image("i", 3)).duration_ms == 3000
    assert Clip.of(image("i", None)).duration_ms == DEFAULT_IMAGE_MS
    assert Clip.of(video("v")).duration_ms == 0
    assert Clip.of(video("v", 4)).duration_ms == 4000


def test_the_first_item_loads_in_front_and_the_next_once_it_is_ready(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), image("b"))
    assert ids(loop) == ("a", "") and not loop.presentable

    loop.ready("A")

    assert ids(loop) == ("a", "b") and loop.presentable
    assert loop.next_wake() == clock() + 5


def test_the_slots_switch_when_the_item_is_done_and_the_next_is_ready(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), image("b"))
    loop.ready("A")
    loop.ready("B")
    clock.advance(5)

    loop.tick()

    assert loop.front is loop.b and ids(loop) == ("b", "a")
    assert loop.a.generation == 2  # the same item loaded again is a new load
    assert loop.next_wake() == clock() + 5


def test_a_done_item_stays_until_the_next_is_ready(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), video("v"))
    loop.ready("A")
    clock.advance(5)
    loop.tick()
    assert loop.waiting and loop.front is loop.a

    loop.ready("B")

    assert loop.front is loop.b and not loop.waiting
    assert loop.next_wake() is None  # the video plays to its end, which the slot reports


def test_a_video_is_done_when_it_ends_but_only_in_front(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"), image("b"))
    loop.ready("A")
    loop.ready("B")
    loop.ended("B")  # the back slot's video: not on show
    assert loop.front is loop.a

    loop.ended("A")

    assert loop.front is loop.b and ids(loop) == ("b", "v")


def test_a_video_cut_short_by_its_duration(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v", 3), image("b"))
    loop.ready("A")
    loop.ready("B")
    clock.advance(3)

    loop.tick()

    assert ids(loop) == ("b", "v")


def test_a_video_without_a_picture_in_ten_seconds_has_failed(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"), image("b"))
    assert loop.next_wake() == clock() + NO_PICTURE_S
    clock.advance(NO_PICTURE_S - 0.1)
    loop.tick()
    assert log.events == []

    clock.advance(0.1)
    loop.tick()

    assert log.events == [
        (
            "media_error",
            {"screen": "attract", "item": "v", "source": "/m/v.mp4", "error": "no picture after 10 s"},
        )
    ]
    assert ids(loop) == ("b", "")  # the front slot loads the item after the broken one


def test_a_video_that_shows_its_picture_in_time_is_not_watched_any_more(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"), image("b"))
    clock.advance(9)
    loop.ready("A")
    loop.ready("B")
    clock.advance(60)

    loop.tick()

    assert log.events == [] and loop.front is loop.a


def test_a_failed_item_is_skipped_from_then_on(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), video("broken"), image("c"))
    loop.ready("A")
    assert ids(loop) == ("a", "broken")

    loop.failed("B", "cannot decode")

    assert ids(loop) == ("a", "c")
    assert [a.id for a in loop.playable] == ["a", "c"]
    after = loop.next_after("a")
    assert after is not None and after.id == "c"


def test_an_item_failing_in_both_slots_is_reported_once(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"))
    loop.ready("A")
    assert ids(loop) == ("v", "v")

    loop.failed("B", "cannot decode")
    loop.failed("A", "cannot decode")

    assert log.kinds() == ["media_error"]
    assert loop.show_still and ids(loop) == ("", "")


def test_the_item_on_show_that_breaks_gives_way_to_a_ready_next(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"), image("b"))
    loop.ready("A")
    loop.ready("B")

    loop.failed("A", "decoder error")

    assert loop.front is loop.b and ids(loop) == ("b", "b")


def test_the_still_shows_when_nothing_can_play(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("broken"))
    assert not loop.show_still

    loop.failed("A", "cannot decode")

    assert loop.show_still and loop.presentable
    assert ids(loop) == ("", "")
    assert loop.next_wake() is None


def test_an_empty_playlist_shows_the_still_and_starts_when_items_arrive(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock)
    assert loop.show_still and not loop.running

    loop.set_items([image("a")])

    assert loop.running and ids(loop) == ("a", "")


def test_reports_from_empty_slots_and_repeated_reports_change_nothing(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), image("b"))
    loop.ready("B")  # nothing loaded there yet
    loop.failed("B", "x")
    assert ids(loop) == ("a", "") and log.events == []
    loop.ready("A")
    generation = loop.b.generation

    loop.ready("A")

    assert loop.b.generation == generation


def test_a_left_screen_stops_the_loop_and_its_reports_count_no_more(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, video("v"), image("b"))
    screen = loop.screen

    loop.leave(screen)
    clock.advance(60)
    loop.tick()
    loop.failed("A", "gone")

    assert loop.next_wake() is None and log.events == []


def test_only_the_newest_attract_screen_stops_the_loop(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"))
    old = loop.screen
    loop.begin()

    loop.leave(old)

    assert loop.screen and loop.next_wake() is None  # running, waiting for "a" to be ready
    loop.ready("A")
    assert loop.next_wake() == clock() + 5


def test_a_new_screen_starts_the_loop_again_from_the_first_item(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a"), image("b"))
    loop.ready("A")
    loop.ready("B")
    clock.advance(5)
    loop.tick()
    assert ids(loop)[0] == "b"

    loop.begin()

    assert ids(loop) == ("a", "") and loop.front is loop.a and not loop.a.ready


def test_at_a_slower_pace_each_item_shows_longer_but_a_video_plays_as_it_is(
    log: Log, clock: ManualClock
) -> None:
    loop = loop_of(log, clock, image("a", 4), video("v"), video("w", 6))
    loop.pace = 1.5
    loop.ready("A")
    assert loop.next_wake() == clock() + 6
    loop.ready("B")
    clock.advance(6)
    loop.tick()
    assert ids(loop) == ("v", "w")
    loop.ready(loop.back.name)
    assert loop.next_wake() is None  # to its end: a video is not slowed down

    loop.ended(loop.front.name)
    assert ids(loop) == ("w", "a")
    assert loop.next_wake() == clock() + 9  # a video cut short is cut later


def test_a_new_pace_applies_from_the_next_item(log: Log, clock: ManualClock) -> None:
    loop = loop_of(log, clock, image("a", 4), image("b", 4))
    loop.ready("A")
    loop.ready("B")
    loop.pace = 1.5
    assert loop.next_wake() == clock() + 4
    clock.advance(4)
    loop.tick()
    assert ids(loop) == ("b", "a")
    assert loop.next_wake() == clock() + 6
