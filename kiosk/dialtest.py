"""`kiosk dialtest`: the seeds' dial test — a customer's journey through the real UI,
offscreen, step by step, each with its time and ok or the problem.

A journey is data: a JSON list of steps (or an object with `steps`), each one of

    {"tap": NAME}         press and release at the centre of the shown item NAME
    {"type": DIGITS}      tap the shown keypad keys named ...Key<digit>, one per digit
    {"expect": NAME}      until NAME is the screen shown (home, service, subscribe, ...)
                          or a shown item's name (scrolled into its page's view if need be)
    {"demo": "finish"}    through the demo shown, by its hotspots and Next, to its end
    {"order": STATUS}     until HQ's answer to the order on the receipt is back: STATUS
                          (accepted, rejected, ...) or the problem names the answer
    {"shot": FILE}        the window as a PNG (relative to --shots), once its pictures loaded
    {"wait_ms": N}        let N milliseconds pass, the UI running

NAME is an item's objectName or accessible name (`Accessible.name`); a trailing `*` takes
the first shown item whose name begins so. Any step may carry `"timeout_ms"` (default
10 s). In strings, `$phone` and `$code` are the test number and its code (`--phone`,
`--code`: an HQ test number, `kiosk-hq test-number add`), and `$category` and `$service`
a category and a service of the content shown, chosen so that the service has a demo.
The built-in journey is `kiosk/assets/dialtest.json`. The first step that fails ends the
journey (the ones after it depend on it) and the rest are reported as not run.

Events the journey makes are recorded like a customer's, marked `"dialtest": true`, so that
HQ can tell them from customers'.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

BUILT_IN = Path(__file__).parent / "assets" / "dialtest.json"
DEFAULT_TIMEOUT_MS = 10_000
#: Most taps a demo may take to its end before the step gives up.
MAX_DEMO_TAPS = 60
STEP_KINDS = ("tap", "type", "expect", "demo", "order", "shot", "wait_ms")
#: What HQ may answer an order (docs/hq-api.md).
ORDER_STATUSES = ("accepted", "rejected", "failed", "declined", "expired")


class ScriptError(KioskError):
    """A journey file that is not a list of known steps; the message says where."""


@dataclass(frozen=True)
class Step:
    kind: str
    value: Any
    timeout_ms: int = DEFAULT_TIMEOUT_MS

    def describe(self) -> str:
        # Typed digits may be a customer's number or a staff member's PIN: a report (kept,
        # pasted into a ticket) says how many, never which.
        if self.kind == "type" and isinstance(self.value, str) and self.value.isdigit():
            return f"type {len(self.value)} digits"
        return f"{self.kind} {self.value}"


@dataclass
class StepResult:
    number: int
    step: str
    ok: bool | None  # None: not run
    seconds: float = 0.0
    problem: str = ""


@dataclass
class Report:
    results: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "steps": [
                {
                    "step": r.number,
                    "what": r.step,
                    "result": "ok" if r.ok else ("not run" if r.ok is None else "problem"),
                    "seconds": round(r.seconds, 3),
                    **({"problem": r.problem} if r.problem else {}),
                }
                for r in self.results
            ],
        }

    def lines(self) -> list[str]:
        out = []
        for r in self.results:
            mark = "ok" if r.ok else ("--" if r.ok is None else "PROBLEM")
            line = f"{r.number:>3}  {mark:<7} {r.seconds:6.2f} s  {r.step}"
            if r.problem:
                line += f"\n              {r.problem}"
            out.append(line)
        verdict = "passed" if self.ok else "FAILED"
        out.append(f"dial test {verdict} in {self.seconds:.1f} s")
        return out


# -- reading a journey -------------------------------------------------------------------------
def read_script(path: Path) -> list[Step]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ScriptError(f"{path}: cannot be read ({e.strerror or e})") from e
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScriptError(f"{path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    return parse_steps(doc, str(path))


def parse_steps(doc: Any, where: str) -> list[Step]:
    raw = doc.get("steps") if isinstance(doc, dict) else doc
    if not isinstance(raw, list) or not raw:
        raise ScriptError(f"{where}: a journey is a non-empty list of steps (or an object with 'steps')")
    steps = []
    for i, item in enumerate(raw, 1):
        at = f"{where}: step {i}"
        if not isinstance(item, dict):
            raise ScriptError(f'{at}: a step is an object such as {{"tap": "homeButton"}}')
        kinds = [k for k in item if k in STEP_KINDS]
        unknown = [k for k in item if k not in STEP_KINDS and k != "timeout_ms"]
        if unknown:
            raise ScriptError(f"{at}: unknown key '{unknown[0]}'; a step is one of {', '.join(STEP_KINDS)}")
        if len(kinds) != 1:
            raise ScriptError(f"{at}: a step has exactly one of {', '.join(STEP_KINDS)}")
        kind = kinds[0]
        value = item[kind]
        timeout = item.get("timeout_ms", DEFAULT_TIMEOUT_MS)
        if not isinstance(timeout, int) or isinstance(timeout, bool) or not 0 < timeout <= 600_000:
            raise ScriptError(f"{at}: timeout_ms must be a whole number of milliseconds, 1 to 600000")
        if kind == "wait_ms":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 600_000:
                raise ScriptError(f"{at}: wait_ms must be a whole number of milliseconds, 0 to 600000")
        elif kind == "demo":
            if value != "finish":
                raise ScriptError(f'{at}: the demo step is {{"demo": "finish"}}')
        elif kind == "order":
            if value not in ORDER_STATUSES:
                raise ScriptError(f"{at}: order takes one of {', '.join(ORDER_STATUSES)}, not {value!r}")
        elif not isinstance(value, str) or not value.strip():
            raise ScriptError(f"{at}: {kind} needs a non-empty string")
        elif kind == "type" and not _digits_or_placeholder(value):
            raise ScriptError(f"{at}: type takes digits (or $phone, $code), not '{value}'")
        steps.append(Step(kind, value, timeout))
    return steps


def _digits_or_placeholder(value: str) -> bool:
    return value.isascii() and (value.isdigit() or value.startswith("$"))


def fill(steps: list[Step], values: dict[str, str]) -> list[Step]:
    """The steps with `$name` placeholders replaced; ScriptError naming one with no value."""
    out = []
    for n, step in enumerate(steps, 1):
        value = step.value
        if isinstance(value, str) and "$" in value:
            for name in sorted(values, key=len, reverse=True):
                value = value.replace(f"${name}", values[name])
            if "$" in value:
                missing = value[value.index("$") :].split()[0]
                how = _HOW.get(missing, "no value")
                raise ScriptError(f"step {n} ({step.describe()}) needs {missing}: {how}")
        out.append(Step(step.kind, value, step.timeout_ms))
    return out


_HOW = {
    "$phone": "give --phone, an HQ test number (kiosk-hq test-number add PHONE --code CODE)",
    "$code": "give --code, the test number's fixed code",
    "$service": "the content shown has no service with a demo",
    "$category": "the content shown has no service with a demo",
}


# -- running one -------------------------------------------------------------------------------
class Runner:
    """Runs steps on a shown kiosk window (`kiosk.ui.shell.KioskShell`)."""

    def __init__(
        self,
        shell: Any,
        shots: Path,
        clock: Callable[[], float] = time.perf_counter,
        orders: Any = None,
    ) -> None:
        """`orders`: the order book (`kiosk.flow.subscribe.OrderBook`) HQ's answers come back to."""
        self.shell = shell
        self.orders = orders
        self.window = shell.window
        self.shots = shots
        self._clock = clock

    def run(self, steps: list[Step]) -> Report:
        report = Report()
        start = self._clock()
        failed = False
        for n, step in enumerate(steps, 1):
            if failed:
                report.results.append(StepResult(n, step.describe(), None))
                continue
            t0 = self._clock()
            try:
                problem = self._do(step)
            except Exception as e:  # a defect in a step must not hide the report
                log.debug("dial test step %d failed", n, exc_info=True)
                problem = f"the step raised {type(e).__name__}: {e}"
            result = StepResult(n, step.describe(), problem is None, self._clock() - t0, problem or "")
            report.results.append(result)
            failed = problem is not None
        report.seconds = self._clock() - start
        return report

    def _do(self, step: Step) -> str | None:
        from kiosk.ui import driver

        nav = self.shell.kiosk.navigator
        if step.kind == "wait_ms":
            driver.pause(step.value)
            return None
        if step.kind == "shot":
            # What a person sees a moment later: the pictures shown have loaded.
            driver.wait_until(lambda: not driver.pictures_loading(self.window), step.timeout_ms)
            path = self.shots / step.value
            path.parent.mkdir(parents=True, exist_ok=True)
            if not self.window.grabWindow().save(str(path)):
                return f"could not write {path}"
            return None
        if step.kind == "expect":
            name = step.value

            def there() -> bool:
                if nav.screen == name:
                    return driver.settled(self.window, name)
                if driver.find(self.window, name) is not None:
                    return True
                # On the page but scrolled out of its view: a customer scrolls to read it.
                if driver.settled(self.window, nav.screen):
                    driver.scroll_to(self.window, name)
                return False

            if driver.wait_until(there, step.timeout_ms):
                return None
            waited = _s(step.timeout_ms)
            return f"'{name}' did not show within {waited}; the screen is {nav.screen}" + self._shown()
        if step.kind == "tap":
            return self._tap(step.value, step.timeout_ms)
        if step.kind == "order":
            return self._order(step.value, step.timeout_ms)
        if step.kind == "type":
            for i, d in enumerate(step.value, 1):
                if problem := self._tap(f"*Key{d}", step.timeout_ms):
                    # Which digit, not its value (a PIN's, a customer's number's).
                    problem = problem.replace(f"'*Key{d}'", "'*Key<digit>'")
                    return f"typing digit {i} of {len(step.value)}: {problem}"
            return None
        return self._finish_demo(step.timeout_ms)

    def _tap(self, name: str, timeout_ms: int) -> str | None:
        from kiosk.ui import driver

        nav = self.shell.kiosk.navigator

        def ready() -> bool:
            if not driver.settled(self.window, nav.screen):
                return False
            item = driver.find(self.window, name)
            if item is None:
                # Below the fold (a long page, easy mode's larger type): swiped into view.
                if not driver.scroll_to(self.window, name):
                    driver.page_down(self.window)
                return False
            return driver.placed(item)

        if not driver.wait_until(ready, timeout_ms):
            return f"no item '{name}' showed within {_s(timeout_ms)}" + self._shown()
        item = driver.find(self.window, name)
        if item is None or not item.isEnabled():
            return f"'{name}' is shown but cannot be pressed (disabled)"
        driver.click(self.window, item)
        return None

    def _order(self, status: str, timeout_ms: int) -> str | None:
        from kiosk.ui import driver

        flow = self.shell.kiosk.subscribe_controller.subscription
        order = flow.order if flow is not None else None
        if order is None:
            return "no receipt shows, so there is no order to follow"
        if self.orders is None:
            return "this kiosk takes no orders (it is not enrolled at HQ)"
        answers: list[Any] = []

        def answered() -> bool:
            answers[:] = [self.orders.answer(order.id)]
            return answers[0] is not None

        if not driver.wait_until(answered, timeout_ms):
            return f"HQ's answer to order {order.reference} did not come back within {_s(timeout_ms)}"
        answer = answers[0]
        if answer.status != status:
            why = f" ({answer.reason})" if answer.reason else ""
            return f"HQ answered order {order.reference} {answer.status}{why}, not {status}"
        return None

    def _finish_demo(self, timeout_ms: int) -> str | None:
        from kiosk.ui import driver

        for _ in range(MAX_DEMO_TAPS):
            if not driver.wait_until(lambda: self._demo_move() is not None, timeout_ms):
                return f"the demo offered nothing to tap within {_s(timeout_ms)}" + self._shown()
            target = self._demo_move()
            if target is None or target is True:
                return None
            label = driver.find(self.window, "stepLabel")
            before = label.property("text") if label is not None else None
            driver.click(self.window, target)
            # The scene changes: its step moves on (or the end shows) before the next tap.
            driver.wait_until(lambda before=before: self._demo_moved_from(before), timeout_ms)
        return f"the demo did not end after {MAX_DEMO_TAPS} taps"

    def _demo_move(self) -> Any:
        """True at the demo's end; else the hotspot or Next to tap once the scene settled."""
        from kiosk.ui import driver

        if driver.find(self.window, "demoEndPanel") is not None:
            return True
        item = driver.find(self.window, "hotspot_*") or driver.find(self.window, "demoNextButton")
        if (
            item is not None
            and item.isEnabled()
            and driver.placed(item)
            and driver.settled(self.window, "demo")
            and not driver.pictures_loading(self.window)
        ):
            return item
        return None

    def _demo_moved_from(self, before: object) -> bool:
        from kiosk.ui import driver

        if driver.find(self.window, "demoEndPanel") is not None:
            return True
        label = driver.find(self.window, "stepLabel")
        return label is None or label.property("text") != before

    def _shown(self) -> str:
        from kiosk.ui import driver

        names = driver.shown_names(self.window)
        problems = [
            f"{name}: {text}"
            for name in names
            if name.endswith("Problem")
            and (item := driver.find(self.window, name)) is not None
            and (text := item.property("text"))
        ]
        said = f"; it says {'; '.join(problems)}" if problems else ""
        return said + (f"; shown: {', '.join(names)}" if names else "")


def _s(ms: int) -> str:
    return f"{ms / 1000:g} s"


def journey_values(view: Any, phone: str | None, code: str | None) -> dict[str, str]:
    """The placeholders' values: the test number and code, and a category and service shown
    now (`kiosk.domain.catalog.View`) whose service has a demo, one with subscription terms
    first, TOP-10 first."""
    values = {k: v for k, v in (("phone", phone), ("code", code)) if v}
    if view is None:
        return values
    ranked = list(view.top10) + [s for s in view.services if s not in view.top10]
    # A service that can be subscribed here (it has terms) is the journey's whole point.
    ranked.sort(key=lambda s: s.terms is None)
    for service in ranked:
        if service.demo and service.demo in view.demos:
            values["service"] = service.id
            values["category"] = service.category
            break
    return values


# -- the command -------------------------------------------------------------------------------
class _Marked:
    """The ledger, with every event of the journey marked as the dial test's."""

    def __init__(self, sink: Any) -> None:
        self._sink = sink

    def record(self, kind: str, data: dict[str, Any] | None = None, session: str | None = None) -> str:
        return self._sink.record(kind, {**(data or {}), "dialtest": True}, session)


def dialtest(
    settings: Any,
    steps: list[Step],
    *,
    phone: str | None,
    code: str | None,
    shots: Path,
    size: tuple[int, int] = (1920, 1080),
    lang: str | None = None,
    content: list[Path] | None = None,
) -> Report:
    """Runs `steps` on the kiosk's own content and data folder, offscreen; the report."""
    import os
    from dataclasses import replace

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.services.ledger import Ledger
    from kiosk.sync.leads import LeadWorker
    from kiosk.sync.orders import OrderWorker
    from kiosk.ui.app import application, connect_leads, connect_orders, load
    from kiosk.ui.catalog import system_clock
    from kiosk.ui.qtlog import quiet_messages
    from kiosk.ui.shell import KioskShell

    application()
    quiet_messages()
    loaded = load(settings, content)
    if loaded.catalog is None:
        raise KioskError("no content to run the journey on: " + "; ".join(loaded.problems[:3]))
    values = journey_values(loaded.catalog.at(system_clock()), phone, code)
    raw, steps = steps, fill(steps, values)
    if lang is not None:
        settings = replace(settings, language=lang)
    ledger = Ledger(settings.ledger_path)
    shell = KioskShell(settings, loaded.catalog, ledger=_Marked(ledger))
    worker = OrderWorker(settings.data_dir, settings.ledger_path)
    book = connect_orders(settings, shell, worker.kick)
    if book is None and any(s.kind == "order" or "$phone" in str(s.value) for s in raw):
        shell.close()
        ledger.close()
        raise KioskError(
            "this kiosk is not enrolled at HQ, so the journey cannot subscribe: "
            "enrol it first (kiosk enroll --hq URL --code CODE)"
        )
    # The register too, as the running kiosk has it: a journey may sign in staff and note one.
    lead_worker = LeadWorker(settings.data_dir, settings.ledger_path)
    leads = connect_leads(settings, shell, lead_worker.kick)
    worker.start()
    lead_worker.start()
    try:
        shell.show(fullscreen=False, size=size)
        _wait_shown(shell.window, size)
        report = Runner(shell, shots, orders=book).run(steps)
    finally:
        shell.close()
        worker.stop()
        lead_worker.stop()
        if book is not None:
            book.close()
        if leads is not None:
            leads.close()
        ledger.close()
    return report


def dialtest_command(args: Any) -> int:
    from kiosk.commands import ExitCode
    from kiosk.config import load_settings

    steps = read_script(args.script) if args.script else read_script(BUILT_IN)
    phone = _test_number(args.phone) if args.phone else None
    if args.code is not None and not (args.code.isascii() and args.code.isdigit() and len(args.code) == 6):
        raise ScriptError(f"--code '{args.code}' is not a six-digit code")
    settings = load_settings(args.data_dir)
    lang = {"zh": "zh-CN"}.get(args.lang, args.lang)
    report = dialtest(
        settings,
        steps,
        phone=phone,
        code=args.code,
        shots=args.shots or Path.cwd(),
        size=args.size,
        lang=lang,
        content=list(args.pack) or None,
    )
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    return ExitCode.OK if report.ok else ExitCode.PROBLEMS


def _test_number(text: str) -> str:
    from kiosk.domain.phone import PhoneError, normalize_mobile

    try:
        return normalize_mobile(text)
    except PhoneError as e:
        raise ScriptError(f"--phone: {e}") from e


def _wait_shown(window: Any, size: tuple[int, int]) -> None:
    """Until the window is on screen at its size: a press before that is lost."""
    from kiosk.ui import driver

    content = window.contentItem()
    if not driver.wait_until(
        lambda: window.isExposed() and (content.width(), content.height()) == size, DEFAULT_TIMEOUT_MS
    ):
        raise KioskError(f"the kiosk window did not show at {size[0]}x{size[1]} within 10 s")
