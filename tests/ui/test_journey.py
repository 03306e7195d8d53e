"""A customer's way through the kiosk, by touch: attract, home, a service, its demo and
video, the subscribe screen; each step records its event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.ui.shell import KioskShell
from tests.ui.kit import events, find, find_object, kinds, tap, texts, wait_for, wait_idle


def start(qtbot: Any, ui: KioskShell) -> None:
    wait_for(qtbot, ui, "attractScreen")
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")
    wait_idle(qtbot, ui)


def explanation(ui: KioskShell, service_id: str, lang: str = "zh-CN") -> str:
    """The sentence the pricing code writes for the service's discount."""
    view = ui.kiosk.content_controller.view
    assert view is not None
    service = view.service(service_id)
    assert service is not None
    return view.quote(service).explanation(lang)


def test_touch_on_the_attract_loop_starts_a_session_at_home(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)

    assert ui.kiosk.navigator.stack == ["home"]
    assert find(ui, "attractScreen") is None
    assert "session_start" in kinds(ui)
    assert all(e["session"] for e in events(ui))


def test_home_shows_categories_top10_and_campaigns(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)

    for name in (
        "categoryTile_cat.music",
        "categoryTile_cat.data",
        "categoryTile_cat.pay",
        "topTen_svc.ringback",
        "topTen_svc.radio",
        "offerCard_off.daily",
    ):
        assert find(ui, name) is not None, name
    on_screen = texts(ui)
    assert "彩铃" in on_screen
    assert explanation(ui, "svc.ringback") in on_screen


def test_customer_tries_the_demo_to_its_end_and_watches_the_video(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)

    # The service, from the TOP-10: price with the campaign explained.
    tap(qtbot, ui, "topTen_svc.ringback")
    wait_for(qtbot, ui, "serviceScreen")
    assert "¥4.00/月" in texts(ui)
    assert "¥5.00/月" in texts(ui)
    assert find(ui, "priceExplanation").property("text") == explanation(ui, "svc.ringback")
    assert "8折" in explanation(ui, "svc.ringback")  # 20% off, the way Chinese shoppers read it

    # The demo: a hotspot, Next, Finish.
    tap(qtbot, ui, "tryDemoButton")
    wait_for(qtbot, ui, "demoScreen")
    assert find(ui, "stepLabel").property("text") == "第1步，共3步"
    tap(qtbot, ui, "hotspot_song1")
    qtbot.waitUntil(lambda: find(ui, "stepLabel").property("text") == "第2步，共3步")
    assert find(ui, "hotspot_song1") is None
    tap(qtbot, ui, "demoNextButton")
    qtbot.waitUntil(lambda: find(ui, "stepLabel").property("text") == "第3步，共3步")
    tap(qtbot, ui, "demoNextButton")
    end = wait_for(qtbot, ui, "demoEndPanel")
    assert end.isVisible()
    assert "体验完成！" in texts(ui)

    # Back to the service, then its video: it plays, shows subtitles, and returns.
    tap(qtbot, ui, "demoEndBackButton")
    wait_for(qtbot, ui, "serviceScreen")
    wait_idle(qtbot, ui)
    tap(qtbot, ui, "watchVideoButton")
    wait_for(qtbot, ui, "videoScreen")
    player = find_object(ui, "videoPlayer")
    assert player is not None
    qtbot.waitUntil(lambda: player.property("position") > 300, timeout=5000)
    qtbot.waitUntil(
        lambda: find(ui, "serviceScreen") is not None and ui.kiosk.navigator.stack[-1] == "service",
        timeout=8000,
    )

    recorded = kinds(ui)
    for kind in ("service_open", "demo_start", "demo_scene", "demo_end", "video_play", "video_end"):
        assert kind in recorded, kind
    ends = [e["data"] for e in events(ui) if e["kind"] == "demo_end"]
    assert ends[0]["completed"] is True
    played = [e["data"] for e in events(ui) if e["kind"] == "video_end"]
    assert played[-1]["completed"] is True


def test_video_pauses_and_plays_by_touch(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "watchVideoButton")
    player = find_object(ui, "videoPlayer")
    qtbot.waitUntil(lambda: ui.kiosk.video_controller.property("playing"))

    tap(qtbot, ui, "playPauseButton")

    qtbot.waitUntil(lambda: not ui.kiosk.video_controller.property("playing"))
    paused_at = player.property("position")
    tap(qtbot, ui, "playPauseButton")
    qtbot.waitUntil(lambda: player.property("position") > paused_at + 100, timeout=5000)


def test_dragging_the_seek_bar_moves_the_video(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "watchVideoButton")
    player = find_object(ui, "videoPlayer")
    # Software FFmpeg opens the file on its own thread: on a loaded 2-core machine that has
    # taken over 5 s, so the wait allows more (it returns as soon as the video is seekable).
    qtbot.waitUntil(lambda: player.property("duration") > 0 and player.property("seekable"), timeout=20_000)
    tap(qtbot, ui, "playPauseButton")
    qtbot.waitUntil(lambda: not ui.kiosk.video_controller.property("playing"))
    bar = find(ui, "seekBar")
    handle = bar.property("handle")
    y = bar.height() / 2
    grab = handle.mapToScene(QPointF(handle.width() / 2, handle.height() / 2)).toPoint()
    target = bar.mapToScene(QPointF(bar.width() * 0.8, y)).toPoint()

    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grab)
    for i in range(1, 11):
        step = grab + (target - grab) * i / 10
        QTest.mouseMove(ui.window, step)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)

    duration = player.property("duration")
    qtbot.waitUntil(lambda: player.property("position") > duration * 0.6, timeout=3000)


def test_subtitles_follow_the_video_in_the_customers_language(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "watchVideoButton")
    video = ui.kiosk.video_controller

    qtbot.waitUntil(lambda: video.property("cue") == "来电者都能听到", timeout=5000)
    tap(qtbot, ui, "playPauseButton")
    qtbot.waitUntil(lambda: not video.property("playing"))
    tap(qtbot, ui, "language_en")

    qtbot.waitUntil(lambda: video.property("cue") == "Callers hear it")
    assert find(ui, "videoSubtitle").property("text") == "Callers hear it"


def test_demo_back_returns_to_the_previous_scene_and_restart_to_the_first(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "tryDemoButton")
    tap(qtbot, ui, "hotspot_song1")
    tap(qtbot, ui, "demoNextButton")
    demo = ui.kiosk.demo_controller
    qtbot.waitUntil(lambda: demo.property("sceneId") == "set")

    tap(qtbot, ui, "demoBackButton")
    qtbot.waitUntil(lambda: demo.property("sceneId") == "preview")
    tap(qtbot, ui, "demoRestartButton")

    qtbot.waitUntil(lambda: demo.property("sceneId") == "pick")
    assert demo.property("step") == 1
    assert not demo.property("canGoBack")


def test_exit_leaves_the_demo_and_records_how_far_it_went(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "tryDemoButton")
    tap(qtbot, ui, "hotspot_song1")

    tap(qtbot, ui, "demoExitButton")

    wait_for(qtbot, ui, "serviceScreen")
    ends = [e["data"] for e in events(ui) if e["kind"] == "demo_end"]
    assert ends == [
        {
            "demo": "demo.ringback",
            "service": "svc.ringback",
            "completed": False,
            "scene": "preview",
            "steps": 2,
        }
    ]


def test_subscribe_explains_where_to_subscribe_instead_of_a_form(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "categoryTile_cat.music")
    wait_for(qtbot, ui, "categoryScreen")
    tap(qtbot, ui, "serviceCard_svc.ringback")
    tap(qtbot, ui, "subscribeButton")

    wait_for(qtbot, ui, "subscribeScreen")
    assert find(ui, "subscribeTitle").property("text") == "请到服务台办理"
    assert find(ui, "subscribeServiceName").property("text") == "彩铃"
    assert "subscribe_tap" in kinds(ui)
    tap(qtbot, ui, "subscribeBackButton")
    wait_for(qtbot, ui, "serviceScreen")
    assert ui.kiosk.navigator.stack == ["home", "category", "service"]


def test_home_button_returns_home_from_deep_inside(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "categoryTile_cat.data")
    tap(qtbot, ui, "serviceCard_svc.cloud")
    wait_for(qtbot, ui, "serviceScreen")

    tap(qtbot, ui, "homeButton")

    wait_for(qtbot, ui, "homeScreen")
    wait_idle(qtbot, ui)
    assert ui.kiosk.navigator.stack == ["home"]
    opened = [e["data"] for e in events(ui) if e["kind"] in ("category_open", "service_open")]
    assert opened == [{"category": "cat.data"}, {"service": "svc.cloud", "source": "category"}]


def test_a_campaign_banner_opens_its_service(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)

    tap(qtbot, ui, "offerCard_off.daily")

    wait_for(qtbot, ui, "serviceScreen")
    assert ui.kiosk.content_controller.service_id == "svc.ringback"
    assert {"service": "svc.ringback", "source": "campaign"} in [
        e["data"] for e in events(ui) if e["kind"] == "service_open"
    ]


def test_service_without_demo_or_video_offers_only_subscribe(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)

    tap(qtbot, ui, "topTen_svc.cloud")

    wait_for(qtbot, ui, "subscribeButton")
    assert find(ui, "tryDemoButton") is None
    assert find(ui, "watchVideoButton") is None


def test_the_first_frame_after_a_tap_shows_the_new_screen(qtbot: Any, ui: KioskShell) -> None:
    """Screens slide in opaque, nearly in place: no frame of a screen faded out."""
    stack = find(ui, "stack")
    assert stack is not None
    width = ui.window.width()
    for name, screen in (
        ("attractTouchArea", "homeScreen"),
        ("categoryTile_cat.music", "categoryScreen"),
        ("backButton", "homeScreen"),
        ("topTen_svc.ringback", "serviceScreen"),
        ("backButton", "homeScreen"),
    ):
        with qtbot.waitSignal(ui.window.frameSwapped):
            tap(qtbot, ui, name)
        current = stack.property("currentItem")
        assert current.objectName() == screen
        assert current.isVisible() and current.opacity() == 1  # drawn opaque,
        assert abs(current.x()) <= 0.1 * width  # covering nearly the whole window
        wait_idle(qtbot, ui)
        assert current.x() == 0
