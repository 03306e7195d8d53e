"""A demo run: which scene shows, where taps lead, Back, and the scene that moves on by
itself.

A demo is a graph of scenes (`kiosk.packs.model.Demo`). The run keeps the current scene,
the scenes visited (for Back), whether the end was reached, and the auto-advance deadline;
it records `demo_start`, `demo_scene` and `demo_end`. Every move returns whether anything
changed; a move that the rules do not allow (Next on a scene with hotspots, a tap after
the end, anything before `start` or after `stop`) changes nothing.

`pace` stretches the auto-advance (easy mode: 1.5 stays half as long again); a new pace
applies from the next scene shown, so the bar that fills on screen keeps its promise.
"""

from __future__ import annotations

from kiosk.flow.clock import Now, Record, monotonic
from kiosk.packs.model import END, Demo, Hotspot, Scene


class DemoRun:
    def __init__(self, record: Record, now: Now = monotonic) -> None:
        self._record = record
        self._now = now
        self.demo: Demo | None = None
        self.service_id = ""
        self.scene: Scene | None = None
        self.history: list[str] = []
        self.finished = False
        self.running = False
        #: Scenes shown since the start, Back included ("steps" of `demo_end`).
        self.visited = 0
        #: How many times as long an auto-advancing scene stays (easy mode: more than 1).
        self.pace = 1.0
        self._auto_at: float | None = None
        # The scene's auto-advance as timed when it was shown (at the pace of then).
        self._auto_ms = 0

    # -- what shows -----------------------------------------------------------------------
    @property
    def step(self) -> int:
        """The scene's place in the pack's list of scenes, from 1 (0 before the start)."""
        if self.demo is None or self.scene is None:
            return 0
        return 1 + [s.id for s in self.demo.scenes].index(self.scene.id)

    @property
    def step_count(self) -> int:
        return len(self.demo.scenes) if self.demo else 0

    @property
    def can_go_back(self) -> bool:
        return bool(self.history) or self.finished

    @property
    def has_next(self) -> bool:
        """The Next button shows: the scene leads on and has no hotspots to tap instead."""
        return self.scene is not None and not self.finished and not self.scene.hotspots

    @property
    def next_ends(self) -> bool:
        """Next leads to the end of the demo ("Finish" rather than "Next")."""
        return self.scene is not None and (self.scene.next is None or self.scene.next == END)

    @property
    def auto_advance_ms(self) -> int:
        sc = self.scene
        if sc is None or self.finished or sc.hotspots or not sc.auto_advance_s:
            return 0
        return self._auto_ms

    @property
    def hotspots(self) -> tuple[Hotspot, ...]:
        """The areas to tap now (none once the demo has ended)."""
        return self.scene.hotspots if self.scene is not None and not self.finished else ()

    # -- moves ----------------------------------------------------------------------------
    def start(self, demo: Demo, service_id: str) -> None:
        self.stop()
        self.running = True
        self.demo = demo
        self.service_id = service_id
        self._record("demo_start", demo=demo.id, service=service_id)
        self._begin()

    def stop(self) -> bool:
        """Leave the demo, recording how far the customer got if they left it unfinished.

        The last scene stays on show (its screen slides away); nothing reacts to taps."""
        self._auto_at = None
        if not self.running:
            return False
        self.running = False
        if self.demo is not None and not self.finished and self.scene is not None:
            self._end(completed=False)
        return True

    def tap(self, hotspot_id: str) -> bool:
        if not self.running or self.scene is None or self.finished:
            return False
        target = next((h.next for h in self.scene.hotspots if h.id == hotspot_id), None)
        if target is None:
            return False
        self._advance(target)
        return True

    def next(self) -> bool:
        """The Next button (or the auto-advance): only on scenes without hotspots."""
        if not self.running or self.scene is None or self.finished or self.scene.hotspots:
            return False
        self._advance(self.scene.next or END)
        return True

    def back(self) -> bool:
        if not self.running or self.demo is None:
            return False
        if self.finished:
            self.finished = False
            self._go(self.history.pop() if self.history else self.demo.start, remember=False)
            return True
        if not self.history:
            return False
        self._go(self.history.pop(), remember=False)
        return True

    def restart(self) -> bool:
        if not self.running or self.demo is None:
            return False
        self._begin()
        return True

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        """When the scene on show moves on by itself (None: it waits for the customer)."""
        return self._auto_at

    def tick(self) -> bool:
        """Let the time pass: a scene whose auto-advance is due moves on."""
        if self._auto_at is None or self._now() < self._auto_at:
            return False
        self._auto_at = None
        return self.next()

    # -- internals ------------------------------------------------------------------------
    def _begin(self) -> None:
        assert self.demo is not None
        self.history = []
        self.scene = None
        self.finished = False
        self.visited = 0
        self._go(self.demo.start)

    def _advance(self, target: str) -> None:
        assert self.scene is not None
        if target != END:
            self._go(target)
            return
        self._auto_at = None
        self.history.append(self.scene.id)
        self.finished = True
        self._end(completed=True)

    def _go(self, scene_id: str, remember: bool = True) -> None:
        assert self.demo is not None
        if remember and self.scene is not None:
            self.history.append(self.scene.id)
        self.scene = self.demo.scene(scene_id)
        self.visited += 1
        self._auto_at = None
        self._auto_ms = (
            round(self.scene.auto_advance_s * self.pace * 1000) if self.scene.auto_advance_s else 0
        )
        if self._auto_ms and not self.scene.hotspots:
            self._auto_at = self._now() + self._auto_ms / 1000
        self._record("demo_scene", demo=self.demo.id, scene=scene_id, step=self.step)

    def _end(self, *, completed: bool) -> None:
        assert self.demo is not None and self.scene is not None
        self._record(
            "demo_end",
            demo=self.demo.id,
            service=self.service_id,
            completed=completed,
            scene=self.scene.id,
            steps=self.visited,
        )
