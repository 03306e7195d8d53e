"""The kiosk's state machines, in plain Python: a customer's session and its idle clock, a
demo run, the attract loop's playlist and two slots.

Each machine holds every rule of its flow and does no I/O: it reads the time from an
injected `now()` (monotonic seconds), records events through an injected callable, and
says when it next needs to be woken (`next_wake()`); `tick()` lets that time pass. The Qt
controllers in `kiosk.ui` only translate: QML's reports and Qt's timers in, properties and
signals out. Tests drive the machines with a hand-set clock, in milliseconds.
"""
