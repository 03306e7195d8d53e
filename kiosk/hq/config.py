"""HQ's tunable limits, with the defaults a national deployment starts from, and the
`hq.toml` file an operator overrides them in.

Every number that decides when HQ says no lives here: how confirmation codes may be asked
for (`CodeLimits`), how long an order waits for the customer's SMS reply (`OrderLimits`),
how often one address may try an enrolment code (`EnrolmentLimits`), which times from a
kiosk's clock are believed (`ClockWindow`), how long customers' numbers are kept
(`Retention`) and how long a request may take to arrive (`HttpLimits`).

    [codes]
    per_device_per_hour = 20

`load_config(path)` reads such a file: every section and key is optional, an unknown one
or a value of the wrong kind is refused with the file, section, key and what is expected.
docs/hq-api.md lists every key.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from kiosk.domain.staff import MAX_POINTS
from kiosk.domain.staff import Points as StaffPoints
from kiosk.hq.errors import HqError


class ConfigError(HqError):
    """hq.toml cannot be used; the message names the file, the key and what is expected."""


@dataclass(frozen=True)
class CodeLimits:
    """Confirmation codes texted to customers (the second step of subscribing).

    The caps stop SMS-pumping fraud and harassment: a stolen credential or a misbehaving
    kiosk can text only so many numbers, and one number only so often. Every window starts
    with the first code counted in it and lasts its period; the cooldown is per number
    and store, so that no one store can keep a customer's number blocked everywhere.
    """

    ttl_s: int = 300
    max_attempts: int = 5
    #: How long a verified code's confirmation can still place an order.
    confirmation_ttl_s: int = 1800
    #: A new code for the same number, from the same store, after this long.
    resend_after_s: int = 60
    per_number_per_day: int = 10
    #: Below per_number_per_day, so that one store cannot use up a number's day alone.
    per_number_per_store_per_day: int = 5
    per_device_per_hour: int = 30
    per_device_per_day: int = 200
    per_store_per_hour: int = 60
    per_store_per_day: int = 400

    @property
    def code_ttl(self) -> timedelta:
        return timedelta(seconds=self.ttl_s)

    @property
    def resend_after(self) -> timedelta:
        return timedelta(seconds=self.resend_after_s)

    @property
    def confirmation_ttl(self) -> timedelta:
        return timedelta(seconds=self.confirmation_ttl_s)


@dataclass(frozen=True)
class OrderLimits:
    """Orders confirmed by the customer's SMS reply (second_step "sms_reply")."""

    #: How long after HQ texts "reply Y" a Y still confirms the order; then it expires.
    reply_window_s: int = 86400

    @property
    def reply_window(self) -> timedelta:
        return timedelta(seconds=self.reply_window_s)


@dataclass(frozen=True)
class EnrolmentLimits:
    #: Failed (or still running) enrolment attempts one source address may make per hour.
    attempts_per_address_per_hour: int = 20


@dataclass(frozen=True)
class ClockWindow:
    """Which times from a kiosk's clock HQ believes: from `before_enrolment_s` before the
    device was enrolled to `ahead_s` after HQ's own clock. A time outside is not trusted:
    an event or heartbeat keeps it as its claimed time and is filed at the time HQ
    received it; an order is refused (it is placed moments after HQ confirmed the phone)."""

    ahead_s: int = 86400
    before_enrolment_s: int = 86400

    @property
    def ahead(self) -> timedelta:
        return timedelta(seconds=self.ahead_s)

    @property
    def before_enrolment(self) -> timedelta:
        return timedelta(seconds=self.before_enrolment_s)


@dataclass(frozen=True)
class Retention:
    """How long what identifies a customer is kept."""

    #: Confirmation codes and their challenges (with the number they were sent to).
    challenges_days: int = 1
    #: An order's full number, counted from the operator's final answer; then masked.
    order_numbers_days: int = 30
    #: A register entry's full number, counted from when it was made (the customer agreed
    #: to at most 30 days); then masked.
    lead_numbers_days: int = 30
    #: Lines of the development SMS outbox file (numbers and live codes).
    sms_outbox_days: int = 1
    #: The record of replies the SMS gateway delivered (message id and outcome, no number),
    #: kept so that a delivery the gateway retries is answered as the first was.
    inbound_sms_days: int = 7


@dataclass(frozen=True)
class HttpLimits:
    #: From a request's first byte to the end of its headers.
    headers_timeout_s: float = 10.0
    #: From the end of the headers to the end of the body.
    body_timeout_s: float = 60.0
    #: Most bytes of request line and headers together.
    max_header_bytes: int = 32 * 1024


@dataclass(frozen=True)
class HqConfig:
    codes: CodeLimits = field(default_factory=CodeLimits)
    orders: OrderLimits = field(default_factory=OrderLimits)
    enrolment: EnrolmentLimits = field(default_factory=EnrolmentLimits)
    clock: ClockWindow = field(default_factory=ClockWindow)
    retention: Retention = field(default_factory=Retention)
    http: HttpLimits = field(default_factory=HttpLimits)
    staff_points: StaffPoints = field(default_factory=StaffPoints)


def load_config(path: Path) -> HqConfig:
    """The configuration in `path` over the defaults; ConfigError naming what is wrong."""
    try:
        with path.open("rb") as f:
            document = tomllib.load(f)
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: no such file") from e
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read ({e.strerror})") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text") from e
    return config_from(document, source=str(path))


def config_from(document: dict[str, Any], *, source: str = "hq.toml") -> HqConfig:
    sections = {f.name: f.default_factory for f in dataclasses.fields(HqConfig)}  # type: ignore[misc]
    chosen: dict[str, Any] = {}
    for name, values in document.items():
        if name not in sections:
            raise ConfigError(f"{source}: unknown section [{name}]; known: {', '.join(sections)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: [{name}] must be a section of keys")
        chosen[name] = _section(sections[name](), values, f"{source}: [{name}]")
    config = HqConfig(**chosen)
    # Delivered to the kiosks in each store's roster, which takes at most MAX_POINTS.
    for key in StaffPoints.__slots__:
        if (value := getattr(config.staff_points, key)) > MAX_POINTS:
            raise ConfigError(f"{source}: [staff_points] {key}: at most {MAX_POINTS}, not {value}")
    return config


def _section(defaults: Any, values: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(defaults)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where} unknown key '{key}'; known: {', '.join(known)}")
        default = getattr(defaults, key)
        if isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{where} {key}: must be a whole number of at least 1, not {value!r}")
        elif isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"{where} {key}: must be a number above 0, not {value!r}")
        changes[key] = type(default)(value)
    return dataclasses.replace(defaults, **changes)
