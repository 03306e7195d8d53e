"""Parsers of the pack format's values: ids, texts, dates, hours, money, media paths, scopes.

Each is a field parser for `kiosk.packs.fields` (`parse(reader, value, file, path)`), or
makes one (`p_int(1, 120)`, `p_media(Use.ICON)`). Values spelled as text in the format
("19.90", "22:00-02:00") are turned into the model's types here and nowhere else.
"""

from __future__ import annotations

import json
import re
from datetime import date, time
from pathlib import Path
from typing import Any

from kiosk.packs.fields import Checker, Field, FieldError, Parse, RecordedError, join
from kiosk.packs.folder import PackReader
from kiosk.packs.media import Use
from kiosk.packs.model import (
    END,
    FORMAT_VERSION,
    LANGUAGES,
    DiscountRule,
    HourRange,
    LocalMedia,
    OfferKind,
    Period,
    Price,
    RuleKind,
    Scope,
    ScopeLevel,
    Starts,
    Terms,
    Text,
    Validity,
)

ID_RE = re.compile(r"^[a-z][a-z0-9._-]{0,63}$")
SCOPE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def p_id(r: Checker, v: Any, file: str, path: str) -> str:
    if not isinstance(v, str) or not ID_RE.match(v):
        raise FieldError(
            f"{json.dumps(v, ensure_ascii=False)} is not an id: use lower-case letters, "
            "digits, '.', '-', '_', starting with a letter, at most 64 characters"
        )
    return v


def p_ids(r: Checker, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not v:
        raise FieldError("must be a non-empty array of ids")
    out = []
    for i, x in enumerate(v):
        out.append(r.field(p_id, x, file, f"{path}[{i}]"))
    if len(set(out)) != len(out):
        raise FieldError("lists the same id twice")
    return tuple(out)


def p_scene_ref(r: Checker, v: Any, file: str, path: str) -> str:
    if v == END:
        return END
    return p_id(r, v, file, path)


def p_text(r: Checker, v: Any, file: str, path: str) -> Text:
    if not isinstance(v, dict):
        raise FieldError(f"must be an object with a text per language ({', '.join(LANGUAGES)})")
    bad_keys = [k for k in v if k not in LANGUAGES]
    if bad_keys:
        raise FieldError(f"has unknown language '{bad_keys[0]}' (use {', '.join(LANGUAGES)})")
    missing = [lang for lang in LANGUAGES if not (isinstance(v.get(lang), str) and v[lang].strip())]
    if missing:
        raise FieldError(f"has no text in {', '.join(missing)}")
    return Text(tuple((lang, v[lang]) for lang in LANGUAGES))


def p_texts(most: int) -> Parse:
    """A non-empty array of at most `most` texts, each with every language."""

    def parse(r: Checker, v: Any, file: str, path: str) -> tuple[Text, ...]:
        if not isinstance(v, list) or not v:
            raise FieldError("must be a non-empty array of texts")
        if len(v) > most:
            raise FieldError(f"has {len(v)} texts; at most {most}")
        out, ok = [], True
        for i, x in enumerate(v):
            try:
                out.append(r.field(p_text, x, file, f"{path}[{i}]"))
            except RecordedError:
                ok = False
        if not ok:
            raise RecordedError
        return tuple(out)

    return parse


QUARTER_RE = re.compile(r"^[0-9]{4}Q[1-4]$")


def p_quarter(r: Checker, v: Any, file: str, path: str) -> str:
    if not isinstance(v, str) or not QUARTER_RE.match(v):
        raise FieldError(f'{json.dumps(v, ensure_ascii=False)} is not a quarter such as "2026Q4"')
    return v


def p_str_list(r: Checker, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise FieldError("must be an array of non-empty strings")
    return tuple(v)


def p_int(lo: int, hi: int) -> Parse:
    def parse(r: Checker, v: Any, file: str, path: str) -> int:
        if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
            raise FieldError(f"must be a whole number from {lo} to {hi}")
        return v

    return parse


def p_number(lo: float, hi: float) -> Parse:
    def parse(r: Checker, v: Any, file: str, path: str) -> float:
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not lo <= v <= hi:
            raise FieldError(f"must be a number from {lo:g} to {hi:g}")
        return float(v)

    return parse


def p_color(r: Checker, v: Any, file: str, path: str) -> str:
    if not isinstance(v, str) or not COLOR_RE.match(v):
        raise FieldError('must be a colour like "#1A73E8"')
    return v.upper()


def p_rect(r: Checker, v: Any, file: str, path: str) -> tuple[float, float, float, float]:
    if (
        not isinstance(v, list)
        or len(v) != 4
        or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
    ):
        raise FieldError("must be [x, y, width, height] as fractions of the scene, e.g. [0.1, 0.2, 0.3, 0.1]")
    x, y, w, h = (float(n) for n in v)
    if min(x, y) < 0 or w <= 0 or h <= 0 or x + w > 1.0001 or y + h > 1.0001:
        raise FieldError(
            "must lie inside the scene: x, y >= 0, width and height > 0, x+width and y+height <= 1"
        )
    return (x, y, w, h)


# -- media -------------------------------------------------------------------------------


def p_media(use: Use) -> Parse:
    def parse(r: PackReader, v: Any, file: str, path: str) -> Path:
        return r.media_file(v, use)

    return parse


def p_media_list(use: Use) -> Parse:
    def parse(r: PackReader, v: Any, file: str, path: str) -> tuple[Path, ...]:
        if not isinstance(v, list) or not v:
            raise FieldError("must be a non-empty array of file paths")
        out, ok = [], True
        for i, x in enumerate(v):
            try:
                out.append(r.field(p_media(use), x, file, f"{path}[{i}]"))
            except RecordedError:
                ok = False
        if not ok:
            raise RecordedError
        return tuple(out)

    return parse


def p_local_media(use: Use) -> Parse:
    def parse(r: PackReader, v: Any, file: str, path: str) -> LocalMedia:
        if not isinstance(v, dict) or not v:
            raise FieldError(f"must be an object with a file per language ({', '.join(LANGUAGES)})")
        out, ok = [], True
        for lang, x in v.items():
            if lang not in LANGUAGES:
                r.problem(file, f"{path}.{lang}", f"unknown language (use {', '.join(LANGUAGES)})")
                ok = False
                continue
            try:
                out.append((lang, r.field(p_media(use), x, file, f"{path}.{lang}")))
            except RecordedError:
                ok = False
        missing = [lang for lang in LANGUAGES if lang not in v]
        if missing:
            r.problem(file, path, f"has no file for {', '.join(missing)}")
            ok = False
        if not ok:
            raise RecordedError
        return LocalMedia(tuple(out))

    return parse


# -- when an item shows ------------------------------------------------------------------


def p_date(r: Checker, v: Any, file: str, path: str) -> date:
    if not isinstance(v, str):
        raise FieldError('must be a date like "2026-11-01"')
    try:
        # fromisoformat also takes "20261101" and week dates; authors write YYYY-MM-DD only.
        if len(v) != 10:
            raise ValueError(v)
        return date.fromisoformat(v)
    except ValueError:
        raise FieldError(f"'{v}' is not a valid date like \"2026-11-01\"") from None


def p_days(r: Checker, v: Any, file: str, path: str) -> frozenset[int]:
    if not isinstance(v, list) or not v:
        raise FieldError(f"must be a non-empty array of weekdays ({', '.join(WEEKDAYS)})")
    out = set()
    for x in v:
        if x not in WEEKDAYS:
            raise FieldError(f"{json.dumps(x, ensure_ascii=False)} is not a weekday ({', '.join(WEEKDAYS)})")
        out.add(WEEKDAYS.index(x))
    return frozenset(out)


def p_hours(r: Checker, v: Any, file: str, path: str) -> tuple[HourRange, ...]:
    if not isinstance(v, list) or not v:
        raise FieldError('must be a non-empty array of ranges like "10:00-14:00"')
    out = []
    for x in v:
        if not isinstance(x, str):
            raise FieldError('must be an array of ranges like "10:00-14:00"')
        out.append(parse_hour_range(x))
    return tuple(out)


def parse_hour_range(text: str) -> HourRange:
    """`"22:00-02:00"` -> HourRange; FieldError with a reason a person can read."""
    parts = text.split("-")
    if len(parts) != 2:
        raise FieldError(f"'{text}' is not a range like 10:00-14:00")
    start, start_is_24 = _parse_clock(parts[0].strip(), text)
    end, end_is_24 = _parse_clock(parts[1].strip(), text)
    if start_is_24:
        raise FieldError(f"'{text}': a range cannot start at 24:00")
    if end_is_24:
        return HourRange(start, time(0), to_midnight=True)
    if start == end:
        raise FieldError(f"'{text}' is empty: start and end are the same time")
    return HourRange(start, end)


def _parse_clock(text: str, whole: str) -> tuple[time, bool]:
    hh, sep, mm = text.partition(":")
    if not sep or not (hh.isdigit() and mm.isdigit()) or len(mm) != 2 or not 1 <= len(hh) <= 2:
        raise FieldError(f"'{whole}': '{text}' is not a time like 09:30")
    try:
        h, m = int(hh), int(mm)
    except ValueError as e:  # digits that int() does not read, such as "²"
        raise FieldError(str(e)) from None
    if h == 24 and m == 0:
        return time(0), True
    if h > 23 or m > 59:
        raise FieldError(f"'{whole}': '{text}' is not a time of day")
    return time(h, m), False


VALIDITY = {"from": Field(p_date), "until": Field(p_date), "days": Field(p_days), "hours": Field(p_hours)}


def p_valid(r: Checker, v: Any, file: str, path: str) -> Validity:
    d = r.obj(v, file, path, VALIDITY)
    start, end = d.get("from"), d.get("until")
    if start and end and end < start:
        raise FieldError(f"ends ({end}) before it starts ({start})")
    return Validity(start=start, end=end, weekdays=d.get("days"), hours=d.get("hours", ()))


# -- money -------------------------------------------------------------------------------


def parse_amount(text: Any) -> int:
    """`"19.90"` -> 1990 fen. FieldError for anything but a plain decimal."""
    if not isinstance(text, str):
        raise FieldError('must be a string such as "5.00"')
    whole, _, frac = text.strip().partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
        raise FieldError(f"'{text}' is not an amount such as \"5.00\" (at most two decimals)")
    try:
        return int(whole) * 100 + int(frac.ljust(2, "0") or 0)
    except ValueError as e:  # digits that int() does not read, such as "²"
        raise FieldError(str(e)) from None


def p_amount(r: Checker, v: Any, file: str, path: str) -> int:
    return parse_amount(v)


def p_currency(r: Checker, v: Any, file: str, path: str) -> str:
    if v != "CNY":
        raise FieldError('must be "CNY" (the only currency of format 1)')
    return v


def p_period(r: Checker, v: Any, file: str, path: str) -> Period:
    try:
        return Period(v)
    except ValueError:
        raise FieldError("must be one of once, day, month, year") from None


PRICE = {
    "amount": Field(p_amount, True),
    "currency": Field(p_currency, True),
    "period": Field(p_period, True),
}


def p_price(r: Checker, v: Any, file: str, path: str) -> Price:
    d = r.obj(v, file, path, PRICE)
    return Price(d["amount"], d["period"], d["currency"])


def p_starts(r: Checker, v: Any, file: str, path: str) -> Starts:
    try:
        return Starts(v)
    except ValueError:
        raise FieldError(f"must be one of {', '.join(s.value for s in Starts)}") from None


TERMS = {"starts": Field(p_starts, True), "cancel": Field(p_text, True)}


def p_terms(r: Checker, v: Any, file: str, path: str) -> Terms:
    d = r.obj(v, file, path, TERMS)
    return Terms(d["starts"], d["cancel"])


def p_rule(r: Checker, v: Any, file: str, path: str) -> DiscountRule:
    if not isinstance(v, dict):
        raise FieldError('must be an object such as {"type": "percent_off", "percent": 20, "periods": 3}')
    kinds = [k.value for k in RuleKind]
    if v.get("type") not in kinds:
        r.problem(file, join(path, "type"), f"must be one of {', '.join(kinds)}")
        raise RecordedError
    kind = RuleKind(v["type"])
    spec = {"type": Field(lambda r, v, f, p: v, True), "periods": Field(p_int(1, 120))}
    if kind is RuleKind.PERCENT_OFF:
        spec["percent"] = Field(p_int(1, 100), True)
    else:
        spec["amount"] = Field(p_amount, True)
    d = r.obj(v, file, path, spec)
    return DiscountRule(
        kind, percent=d.get("percent", 0), amount_fen=d.get("amount", 0), periods=d.get("periods")
    )


def p_offer_kind(r: Checker, v: Any, file: str, path: str) -> OfferKind:
    try:
        return OfferKind(v)
    except ValueError:
        raise FieldError('must be "campaign" or "daily_deal"') from None


# -- the manifest ------------------------------------------------------------------------


def p_scope(r: Checker, v: Any, file: str, path: str) -> Scope:
    if v == "national":
        return Scope(ScopeLevel.NATIONAL)
    if isinstance(v, str) and ":" in v:
        level, _, ident = v.partition(":")
        if level in ("province", "city", "store") and SCOPE_ID_RE.match(ident):
            return Scope(ScopeLevel[level.upper()], ident)
    raise FieldError('must be "national", "province:ID", "city:ID" or "store:ID"')


def p_format(r: Checker, v: Any, file: str, path: str) -> int:
    if v != FORMAT_VERSION:
        raise FieldError(f"is {json.dumps(v)}; this kiosk reads format {FORMAT_VERSION}")
    return v


def p_languages(r: Checker, v: Any, file: str, path: str) -> tuple[str, ...]:
    if not isinstance(v, list) or any(lang not in v for lang in LANGUAGES):
        raise FieldError(f"must list at least {', '.join(LANGUAGES)}")
    return tuple(v)
