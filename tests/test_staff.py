"""The staff roster (kiosk.domain.staff): PIN hashes, and the roster's JSON read strictly."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.staff import (
    DEFAULT_POINTS,
    Points,
    Roster,
    RosterError,
    StaffMember,
    hash_pin,
    parse_roster,
    pin_matches,
    roster_json,
)

HASH = hash_pin("246810")


def member(number: str = "S-0042", active: bool = True, **kw: Any) -> StaffMember:
    fields: dict[str, Any] = {
        "number": number,
        "name": "张三",
        "store": "GD-SZ-0001",
        "role": "staff",
        "pin_hash": HASH if active else "",
        "active": active,
    }
    return StaffMember(**(fields | kw))


def roster(*members: StaffMember, version: int = 3) -> Roster:
    return Roster("GD-SZ-0001", version, "2026-12-03T10:00:00+08:00", members)


def document(**changes: Any) -> dict[str, Any]:
    doc = json.loads(roster_json(roster(member(), member("S-0043", active=False, role="manager"))))
    doc.update(changes)
    return doc


def encoded(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_a_pin_hash_names_its_parameters_and_matches_only_its_pin() -> None:
    h = hash_pin("135790")
    scheme, n, r, p, _salt, _digest = h.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert pin_matches(h, "135790")
    assert not pin_matches(h, "135791")
    assert hash_pin("135790") != h  # a fresh salt every time


@pytest.mark.parametrize("pin", ["12345", "1234567", "12345a", "１２３４５６", "", " 123456"])
def test_only_six_digits_are_hashed(pin: str) -> None:
    with pytest.raises(RosterError, match="pin: must be 6 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plain",
        HASH.replace("scrypt", "bcrypt"),
        HASH.replace("$16384$", "$16383$"),  # not a power of two
        HASH.replace("$16384$", "$1048576$"),  # too costly for a kiosk
        HASH.replace("$8$", "$64$"),
        HASH[:-2] + "=",  # a digest cut short
        HASH.replace("$1$", "$0$"),
    ],
    ids=["empty", "plain", "bcrypt", "n-not-power-of-two", "n-too-costly", "r-too-costly", "short", "p-zero"],
)
def test_a_malformed_or_too_costly_hash_never_matches_and_never_raises(bad: str) -> None:
    assert not pin_matches(bad, "246810")


def test_pin_matches_refuses_a_pin_that_is_not_six_digits_without_raising() -> None:
    assert not pin_matches(HASH, "2468100")
    assert not pin_matches(HASH, None)  # type: ignore[arg-type]


def test_the_roster_survives_its_own_json_and_member_finds_only_active_members() -> None:
    made = roster(member(), member("S-0043", active=False, role="manager"))
    back = parse_roster(roster_json(made))
    assert back == made
    assert back.member("S-0042") == member()
    assert back.member("S-0043") is None  # disabled
    assert back.member("S-9999") is None
    assert back.active_count == 1


def test_the_roster_carries_hq_s_points_and_one_without_them_means_hq_s_defaults() -> None:
    weighed = Roster("GD-SZ-0001", 3, "2026-12-03T10:00:00+08:00", (member(),), Points(20, 5, 0))
    assert parse_roster(roster_json(weighed)).points == Points(confirmed_order=20, lead=5, demo=0)
    older = document()
    del older["points"]
    assert parse_roster(encoded(older)).points == DEFAULT_POINTS == Points(10, 2, 1)
    # Some given, the rest HQ's defaults.
    assert parse_roster(encoded(document(points={"lead": 3}))).points == Points(10, 3, 1)


def test_the_json_is_sorted_by_number_and_utf8() -> None:
    data = roster_json(roster(member("S-2"), member("S-1")))
    assert [m["number"] for m in json.loads(data)["members"]] == ["S-1", "S-2"]
    assert "张三".encode() in data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": 2}, "format: must be 1"),
        ({"format": True}, "format: must be 1"),
        ({"store": "GD SZ"}, "store: must be a store id"),
        ({"version": 0}, "version: must be a whole number from 1"),
        ({"version": 2**40}, "version: must be a whole number from 1"),
        ({"version": 1.0}, "version: must be a whole number from 1"),
        ({"issued_at": "2026-12-03T10:00:00"}, "issued_at: must be a date and time with its UTC offset"),
        ({"members": {}}, "members: must be a list"),
        ({"extra": 1}, "extra: unknown field"),
        ({"members": [1]}, r"members\[0\]: must be an object"),
        ({"points": []}, "points: must be an object"),
        ({"points": {"lead": -1}}, "points.lead: must be a whole number from 0 to 1000"),
        ({"points": {"demo": 1001}}, "points.demo: must be a whole number from 0 to 1000"),
        ({"points": {"demo": True}}, "points.demo: must be a whole number from 0 to 1000"),
        ({"points": {"bonus": 5}}, "points.bonus: unknown field"),
    ],
)
def test_a_wrong_top_level_field_is_named(change: dict[str, Any], message: str) -> None:
    with pytest.raises(RosterError, match=message):
        parse_roster(encoded(document(**change)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"number": "S 42"}, r"members\[0\].number: must be a staff number"),
        ({"number": "x" * 33}, r"members\[0\].number: must be a staff number"),
        ({"name": ""}, r"members\[0\].name: must be a name of 1 to 40"),
        ({"name": "a\u0000b"}, r"members\[0\].name: must not hold control characters"),
        ({"name": "名" * 41}, r"members\[0\].name: must be a name of 1 to 40"),
        ({"role": "admin"}, r"members\[0\].role: must be one of staff, manager"),
        ({"active": 1}, r"members\[0\].active: must be true or false"),
        ({"pin_hash": ""}, r"members\[0\].pin_hash: must be scrypt"),
        ({"pin_hash": 5}, r"members\[0\].pin_hash: must be text"),
        ({"pin": "123456"}, r"members\[0\].pin: unknown field"),
    ],
)
def test_a_wrong_member_field_is_named(change: dict[str, Any], message: str) -> None:
    doc = document()
    doc["members"][0].update(change)
    with pytest.raises(RosterError, match=message):
        parse_roster(encoded(doc))


def test_a_missing_field_and_a_repeated_number_are_named() -> None:
    doc = document()
    del doc["members"][0]["role"]
    with pytest.raises(RosterError, match=r"members\[0\].role: missing"):
        parse_roster(encoded(doc))
    doc = document()
    doc["members"][1] = dict(doc["members"][0])
    with pytest.raises(RosterError, match=r"members\[1\].number: S-0042 is listed twice"):
        parse_roster(encoded(doc))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "roster: not UTF-8"),
        (b"{", "roster: not JSON"),
        (b"[]", "roster: must be a JSON object"),
        (b'{"format": NaN}', "roster: NaN is not JSON"),
        (b'{"format": 1, "format": 1}', "roster: the key 'format' appears more than once"),
        (b"[" * 100_000 + b"]" * 100_000, "roster: nested too deeply"),
        (b'{"version": ' + b"9" * 5000 + b"}", "roster: not JSON"),
        (b" " * (1024 * 1024 + 1), "roster: larger than 1024 KB"),
        (
            b'{"format": 1, "store": "\\ud800", "version": 1, "issued_at": 1, "members": 1}',
            "store: must be a store id",
        ),
    ],
)
def test_hostile_bytes_raise_only_a_roster_error(data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        parse_roster(data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_at_all_give_a_roster_or_a_roster_error(data: bytes) -> None:
    with contextlib.suppress(RosterError):
        parse_roster(data)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "store", "version", "issued_at", "members"]), _json))
def test_any_json_in_the_roster_s_shape_gives_a_roster_or_a_roster_error(doc: dict[str, Any]) -> None:
    with contextlib.suppress(RosterError):
        parse_roster(json.dumps(doc).encode())


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["number", "name", "role", "pin_hash", "active"]), _json), max_size=3
    )
)
def test_any_members_give_a_roster_or_a_roster_error(members: list[dict[str, Any]]) -> None:
    with contextlib.suppress(RosterError):
        parse_roster(encoded(document(members=members)))
