"""Easy mode and reach mode: how a customer asks the kiosk to be easier to use.

- **Easy mode**: larger text (`EASY_TEXT_SCALE`), higher contrast, fewer items per row, and
  whatever moves on by itself moves slower (`pace`: the attract loop's items and a demo's
  auto-advancing scenes stay `EASY_PACE` times as long).
- **Reach mode** (portrait windows only): everything to touch lies in the lower two thirds
  of the window, for a customer in a wheelchair or a child. Turning the window to landscape
  ends it.

Both are the customer's: they end with the session. Either may be turned on before a
session starts (on the attract loop), to see the kiosk that way before touching it: then,
when no session starts within `lapse_s`, they lapse, so that the next passer-by does not
find the kiosk as the last one left it. Toggles are recorded (`access_change{mode, on}`);
the ends at the session's end or by lapsing are not (like the language's reset).
"""

from __future__ import annotations

from kiosk.flow.clock import Now, Record, monotonic

#: Text size in easy mode, over the designed size (Theme.textScale).
EASY_TEXT_SCALE = 1.5
#: How much longer what moves on by itself stays in easy mode (attract items, demo scenes).
EASY_PACE = 1.5

EASY = "easy"
REACH = "reach"


class Access:
    def __init__(self, lapse_s: float, record: Record, now: Now = monotonic) -> None:
        self.lapse_s = max(0.001, lapse_s)
        self._record = record
        self._now = now
        self.easy = False
        self._reach = False
        self.portrait = False
        #: A customer's session is on (the modes then last until it ends).
        self.in_session = False
        self._lapse_at: float | None = None

    # -- what shows -----------------------------------------------------------------------
    @property
    def reach_available(self) -> bool:
        """Reach mode can be chosen: the window is portrait."""
        return self.portrait

    @property
    def reach(self) -> bool:
        return self._reach and self.portrait

    @property
    def text_scale(self) -> float:
        return EASY_TEXT_SCALE if self.easy else 1.0

    @property
    def pace(self) -> float:
        """How many times as long an attract item or an auto-advancing scene stays."""
        return EASY_PACE if self.easy else 1.0

    # -- moves ----------------------------------------------------------------------------
    def toggle_easy(self) -> bool:
        self.easy = not self.easy
        self._record("access_change", mode=EASY, on=self.easy)
        self._after_toggle()
        return True

    def toggle_reach(self) -> bool:
        """Reach mode on or off; refused (False) in a landscape window."""
        if not self.reach_available:
            return False
        self._reach = not self._reach
        self._record("access_change", mode=REACH, on=self._reach)
        self._after_toggle()
        return True

    def set_portrait(self, portrait: bool) -> None:
        """The window's shape: turned to landscape, reach mode ends."""
        self.portrait = portrait
        if not portrait:
            self._reach = False
            self._settle_lapse()

    def session_started(self) -> None:
        self.in_session = True
        self._lapse_at = None

    def session_ended(self) -> None:
        """The customer's session is over: both modes end with it."""
        self.in_session = False
        self._off()

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        """When modes chosen before a session lapse (None: nothing by itself)."""
        return self._lapse_at

    def tick(self) -> None:
        if self._lapse_at is not None and self._now() >= self._lapse_at:
            self._off()

    # -- internals ------------------------------------------------------------------------
    def _after_toggle(self) -> None:
        if not self.in_session:
            # Chosen before a session: the lapse counts from the last choice.
            self._lapse_at = self._now() + self.lapse_s
        self._settle_lapse()

    def _settle_lapse(self) -> None:
        if not (self.easy or self.reach):
            self._lapse_at = None

    def _off(self) -> None:
        self.easy = False
        self._reach = False
        self._lapse_at = None
