"""The bridge without QML: models signal precisely, controllers follow the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt

from kiosk.packs.model import LANGUAGES, AttractItem, Scene
from kiosk.present.catalog import CategoryRow
from kiosk.ui.attract import AttractController
from kiosk.ui.catalog import ContentController
from kiosk.ui.demo import DemoController
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.models import CategoryModel
from kiosk.ui.navigation import OPS, OUT_OF_SERVICE, SCREENS
from kiosk.ui.session import SessionController
from kiosk.ui.video import VideoController
from kiosk.ui.waker import precise_timer
from tests.fakes import ManualClock
from tests.ui.kit import build_catalog, build_pack, t


class Sink:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any], str | None]] = []

    def record(self, kind: str, data: dict[str, Any] | None = None, session: str | None = None) -> str:
        self.events.append((kind, dict(data or {}), session))
        return str(len(self.events))

    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.events]


@pytest.fixture
def sink() -> Sink:
    return Sink()


@pytest.fixture
def recorder(sink: Sink) -> Recorder:
    return Recorder(sink)


@pytest.fixture
def language(qapp: Any, recorder: Recorder) -> LanguageController:
    lang = LanguageController("zh-CN", recorder)
    yield lang
    lang.release()


def row(key: str, name: str = "n") -> CategoryRow:
    return CategoryRow(key, name, "#000000", "", 1)


def test_model_sync_signals_only_what_changed(qapp: Any) -> None:
    model = CategoryModel()
    model.sync([row("a"), row("b"), row("c")])
    log: list[tuple] = []
    model.rowsRemoved.connect(lambda _p, first, last: log.append(("removed", first, last)))
    model.rowsInserted.connect(lambda _p, first, last: log.append(("inserted", first, last)))
    model.rowsMoved.connect(lambda _p, s, _e, _d, dest: log.append(("moved", s, dest)))
    model.dataChanged.connect(lambda tl, _br, roles: log.append(("changed", tl.row(), list(roles))))

    model.sync([row("c"), row("a", "renamed"), row("d")])

    assert model.ids() == ["c", "a", "d"]
    assert log == [
        ("removed", 1, 1),
        ("moved", 1, 0),
        ("changed", 1, [int(CategoryModel.Role.NAME)]),
        ("inserted", 2, 2),
    ]
    assert model.rowCount() == 3 and model.property("count") == 3
    assert model.get(1)["name"] == "renamed"


def test_model_sync_with_the_same_rows_signals_nothing(qapp: Any) -> None:
    model = CategoryModel()
    model.sync([row("a"), row("b")])
    log: list[str] = []
    for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
        signal.connect(lambda *_: log.append("signal"))

    model.sync([row("a"), row("b")])

    assert log == []


def test_model_roles_are_named_for_qml(qapp: Any) -> None:
    names = {bytes(v).decode() for v in CategoryModel().roleNames().values()}
    assert names == {"categoryId", "name", "color", "icon", "serviceCount"}


def test_model_roles_start_after_qts_user_role(qapp: Any) -> None:
    assert min(CategoryModel().roleNames()) == int(Qt.ItemDataRole.UserRole) + 1


def test_state_machine_timers_are_precise_and_single_shot(qapp: Any) -> None:
    owner = QObject()
    timer = precise_timer(owner)

    assert timer.timerType() == Qt.TimerType.PreciseTimer
    assert timer.isSingleShot()


def test_demo_follows_hotspots_next_and_back(
    qapp: Any, media: dict[str, Path], language: LanguageController, recorder: Recorder, sink: Sink
) -> None:
    pack = build_pack(media)
    demo = DemoController(language, recorder)
    demo.start(pack.demos[0], "svc.ringback")
    assert (demo.property("sceneId"), demo.property("step"), demo.property("hasNext")) == ("pick", 1, False)

    demo.next()  # no Next on a scene with hotspots
    assert demo.property("sceneId") == "pick"
    demo.tap("nowhere")
    assert demo.property("sceneId") == "pick"
    demo.tap("song1")
    assert (demo.property("sceneId"), demo.property("step"), demo.property("hasNext")) == ("preview", 2, True)
    demo.next()
    assert demo.property("nextEnds")
    demo.next()
    assert demo.property("finished")
    demo.back()
    assert (demo.property("sceneId"), demo.property("finished")) == ("set", False)
    demo.back()
    demo.back()
    assert demo.property("sceneId") == "pick" and not demo.property("canGoBack")
    assert sink.kinds().count("demo_scene") == 6
    assert [d["completed"] for k, d, _ in sink.events if k == "demo_end"] == [True]


def test_demo_scene_with_auto_advance_moves_on_by_itself(
    qtbot: Any, media: dict[str, Path], language: LanguageController, recorder: Recorder
) -> None:
    pack = build_pack(media)
    original = pack.demos[0]
    scenes = tuple(
        Scene(s.id, s.caption, image=s.image, next="set", auto_advance_s=0.05) if s.id == "preview" else s
        for s in original.scenes
    )
    demo = DemoController(language, recorder)
    demo.start(type(original)(original.id, original.title, original.start, scenes), "svc.ringback")
    demo.tap("song1")
    assert demo.property("autoAdvanceMs") == 50

    with qtbot.waitSignal(demo.changed, timeout=2000):
        pass
    assert demo.property("sceneId") == "set"


def test_demo_texts_follow_the_language(
    qapp: Any, media: dict[str, Path], language: LanguageController, recorder: Recorder
) -> None:
    demo = DemoController(language, recorder)
    demo.start(build_pack(media).demos[0], "svc.ringback")
    assert demo.property("narrationAudio").endswith("zh.wav")

    language.choose("en")

    assert demo.property("caption") == "Tap a song"
    assert demo.property("narration") == "Pick a song."
    assert demo.property("narrationAudio").endswith("en.wav")
    assert demo.property("hotspots").get(0)["label"] == "Song one"


def test_video_cue_follows_position_and_language(
    qapp: Any, media: dict[str, Path], language: LanguageController, recorder: Recorder, sink: Sink
) -> None:
    video = VideoController(language, recorder)
    video.open(build_pack(media).videos[0], "svc.ringback")
    video.reportPlaying(True)

    video.reportPosition(500)
    assert video.property("cue") == "选一首歌"
    video.reportPosition(950)
    assert video.property("cue") == ""
    video.reportPosition(1200)
    language.choose("en")
    assert video.property("cue") == "Callers hear it"
    video.reportEnd()
    assert [k for k in sink.kinds() if k.startswith("video")] == ["video_play", "video_end"]


def test_video_with_unreadable_subtitles_still_plays(
    qapp: Any,
    media: dict[str, Path],
    tmp_path: Path,
    language: LanguageController,
    recorder: Recorder,
) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_text("not webvtt", encoding="utf-8")
    from dataclasses import replace

    from kiosk.packs.model import LocalMedia

    clip = replace(build_pack(media).videos[0], subtitles=LocalMedia((("zh-CN", bad),)))
    video = VideoController(language, recorder)
    video.open(clip, "svc.ringback")

    assert not video.property("hasSubtitles")
    assert video.property("source").endswith("ringback.mp4")


def test_attract_controller_follows_the_catalogue_and_shows_its_slots(
    qapp: Any, media: dict[str, Path], language: LanguageController, recorder: Recorder, sink: Sink
) -> None:
    items = (
        AttractItem("a.1", image=media["attract.hello"], duration_s=3, order=1),
        AttractItem("a.2", video=media["broken"], order=2),
    )
    content = ContentController(build_catalog(build_pack(media, attract=items)), language)
    clock = ManualClock()
    attract = AttractController(content, recorder, now=clock)
    slot_a, slot_b = attract.property("slotA"), attract.property("slotB")
    assert not attract.property("showStill")

    attract.begin()
    slot_a.reportReady()

    assert (slot_a.property("itemId"), slot_a.property("live"), slot_a.property("ready")) == (
        "a.1",
        True,
        True,
    )
    assert (slot_b.property("itemId"), slot_b.property("video"), slot_b.property("live")) == (
        "a.2",
        True,
        False,
    )
    assert slot_b.property("source").startswith("file:///")
    slot_b.reportFailed("cannot decode")
    assert sink.kinds() == ["media_error"]
    assert slot_b.property("itemId") == "a.1"  # the next playable after the broken one
    content.stop()


def test_session_controller_warns_counts_down_and_ends_when_ticked(recorder: Recorder, sink: Sink) -> None:
    clock = ManualClock()
    session = SessionController(60, 2, recorder, now=clock)
    ended: list[str] = []
    session.ended.connect(ended.append)
    session.start()
    assert recorder.session is not None

    clock.advance(60)
    session.tick()
    assert (session.property("warning"), session.property("countdown")) == (True, 2)
    clock.advance(1)
    session.tick()
    assert session.property("countdown") == 1
    clock.advance(1)
    session.tick()

    assert ended == ["idle"]
    assert session.property("countdown") == 0 and not session.property("warning")
    assert recorder.session is None
    assert sink.kinds() == ["session_start", "session_end"]
    assert sink.events[1][1] == {"reason": "idle", "duration_s": 62.0}


def test_session_controller_timer_wakes_the_session(qtbot: Any, recorder: Recorder) -> None:
    session = SessionController(0.05, 1, recorder)
    session.start()

    with qtbot.waitSignal(session.warningChanged, timeout=2000):
        pass

    assert session.property("warning")
    session.stop()


def test_the_language_switch_offers_every_content_language_named_in_itself(
    language: LanguageController,
) -> None:
    assert language.property("options") == [{"lang": "zh-CN", "label": "中文"}, {"lang": "en", "label": "EN"}]


def test_language_must_be_one_the_content_has(qapp: Any, recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="fr"):
        LanguageController("fr", recorder)


def test_choosing_the_current_language_records_nothing(language: LanguageController, sink: Sink) -> None:
    language.choose("zh-CN")
    language.choose("xx")
    assert sink.events == []
    language.toggle()
    assert language.property("language") == "en"
    assert sink.events == [("language_change", {"from": "zh-CN", "to": "en"}, None)]
    assert t("中", "E").get(language.property("language")) == "E"


def test_qml_takes_screen_operation_and_language_names_from_python() -> None:
    qml = Path(__file__).resolve().parents[2] / "kiosk/ui/qml/Kiosk"
    main = (qml / "Main.qml").read_text(encoding="utf-8")
    switch = (qml / "components/LanguageSwitch.qml").read_text(encoding="utf-8")

    assert not [n for n in (*SCREENS, *OPS.values()) if f'"{n}"' in main]
    assert not [lang for lang in LANGUAGES if f'"{lang}"' in switch]
    assert all(f"screens.{n}" in main for n in SCREENS if n != OUT_OF_SERVICE)  # the default case


def test_the_navigator_gives_qml_its_own_names(ui: Any) -> None:
    nav = ui.kiosk.navigator

    assert nav.property("screens") == SCREENS and nav.property("ops") == OPS
    assert nav.property("screen") == SCREENS["attract"]
