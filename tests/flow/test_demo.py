"""A demo run, without Qt: hotspots, Next, Back, the end, the auto-advance and its events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.flow.demo import DemoRun
from kiosk.packs.model import Demo, Hotspot, Scene, Text
from tests.fakes import EventLog as Log
from tests.fakes import ManualClock

T = Text((("zh-CN", "文"), ("en", "text")))
SONG = Hotspot("song", (0.1, 0.2, 0.3, 0.4), T, "listen")


def demo(auto_s: float | None = None) -> Demo:
    return Demo(
        "demo.x",
        T,
        "pick",
        (
            Scene(
                "pick",
                T,
                image=Path("/m/1.png"),
                hotspots=(Hotspot("song", (0.1, 0.2, 0.3, 0.4), T, "listen"),),
            ),
            Scene("listen", T, image=Path("/m/2.png"), next="done", auto_advance_s=auto_s),
            Scene("done", T, image=Path("/m/3.png")),
        ),
    )


def started(log: Log, clock: ManualClock, auto_s: float | None = None) -> DemoRun:
    run = DemoRun(log, clock)
    run.start(demo(auto_s), "svc.x")
    return run


def scenes(log: Log) -> list[Any]:
    return [d["scene"] for k, d in log.events if k == "demo_scene"]


def test_a_run_starts_on_the_start_scene_and_records_it(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)

    assert (run.scene and run.scene.id, run.step, run.step_count) == ("pick", 1, 3)
    assert log.events == [
        ("demo_start", {"demo": "demo.x", "service": "svc.x"}),
        ("demo_scene", {"demo": "demo.x", "scene": "pick", "step": 1}),
    ]


def test_next_is_refused_on_a_scene_with_hotspots(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)

    assert not run.has_next
    assert not run.next()
    assert not run.tap("elsewhere")
    assert run.scene is not None and run.scene.id == "pick"


def test_a_hotspot_leads_to_its_scene_and_next_to_the_end(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)

    assert run.tap("song")
    assert run.has_next and not run.next_ends
    assert run.next()
    assert run.next_ends
    assert run.next()

    assert run.finished and run.hotspots == () and not run.has_next
    assert not run.next() and not run.tap("song")
    assert log.events[-1] == (
        "demo_end",
        {"demo": "demo.x", "service": "svc.x", "completed": True, "scene": "done", "steps": 3},
    )


def test_back_from_the_end_shows_the_last_scene_and_back_again_walks_the_history(
    log: Log, clock: ManualClock
) -> None:
    run = started(log, clock)
    run.tap("song")
    run.next()
    run.next()

    assert run.can_go_back and run.back()
    assert not run.finished and run.scene is not None and run.scene.id == "done"
    run.back()
    run.back()
    assert run.scene.id == "pick" and not run.can_go_back
    assert not run.back()
    assert scenes(log) == ["pick", "listen", "done", "done", "listen", "pick"]


def test_restart_begins_again_with_an_empty_history(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)
    run.tap("song")

    assert run.restart()

    assert run.scene is not None and run.scene.id == "pick" and run.history == [] and run.visited == 1


def test_a_scene_with_auto_advance_moves_on_when_its_time_is_up(log: Log, clock: ManualClock) -> None:
    run = started(log, clock, auto_s=2.5)
    assert run.next_wake() is None  # the hotspot scene waits for the customer
    run.tap("song")
    assert run.auto_advance_ms == 2500
    assert run.next_wake() == clock() + 2.5

    clock.advance(2.4)
    assert not run.tick()
    clock.advance(0.1)
    assert run.tick()

    assert run.scene is not None and run.scene.id == "done"
    assert run.next_wake() is None


def test_leaving_an_unfinished_demo_records_how_far_it_got_once(log: Log, clock: ManualClock) -> None:
    run = started(log, clock, auto_s=1)
    run.tap("song")

    assert run.stop()
    assert not run.stop()

    assert log.kinds().count("demo_end") == 1
    assert log.events[-1][1] == {
        "demo": "demo.x",
        "service": "svc.x",
        "completed": False,
        "scene": "listen",
        "steps": 2,
    }
    assert run.next_wake() is None
    assert not run.tap("song") and not run.next() and not run.back() and not run.restart()
    assert run.scene is not None and run.scene.id == "listen"  # still on show as the screen leaves


def test_leaving_a_finished_demo_records_nothing_more(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)
    run.tap("song")
    run.next()
    run.next()

    run.stop()

    assert log.kinds().count("demo_end") == 1


def test_starting_another_demo_leaves_the_one_running(log: Log, clock: ManualClock) -> None:
    run = started(log, clock)

    run.start(demo(), "svc.y")

    assert log.kinds() == ["demo_start", "demo_scene", "demo_end", "demo_start", "demo_scene"]


def test_nothing_moves_before_the_start(log: Log, clock: ManualClock) -> None:
    run = DemoRun(log, clock)

    assert not any((run.tap("song"), run.next(), run.back(), run.restart(), run.tick(), run.stop()))
    assert (run.step, run.step_count, run.hotspots, log.events) == (0, 0, (), [])


def test_at_a_slower_pace_a_scene_stays_longer_from_the_next_scene_on(log: Log, clock: ManualClock) -> None:
    run = started(log, clock, auto_s=2)
    run.pace = 1.5  # easy mode, chosen on the hotspot scene
    run.tap("song")
    assert run.auto_advance_ms == 3000
    assert run.next_wake() == clock() + 3

    run.pace = 1.0  # easy mode ends mid-scene: the bar on screen keeps its promise
    assert run.auto_advance_ms == 3000
    clock.advance(2.9)
    assert not run.tick()
    clock.advance(0.1)
    assert run.tick()
    assert run.scene is not None and run.scene.id == "done"
