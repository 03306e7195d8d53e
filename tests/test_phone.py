"""Mobile numbers as customers type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.phone import PhoneError, masked, normalize_mobile


@pytest.mark.parametrize(
    "typed", ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "008613812345678"]
)
def test_the_usual_ways_of_typing_a_number_give_the_11_digits(typed: str) -> None:
    assert normalize_mobile(typed) == "13812345678"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1381234567", "has 10 digits"),
        ("138123456789", "has 12 digits"),
        ("12812345678", "start with 13 to 19"),
        ("010 1234 5678", "start with 13 to 19"),
        ("138l2345678", "only digits"),
        ("１３８１２３４５６７８", "only digits"),
        ("", "no phone number"),
    ],
)
def test_a_wrong_number_is_refused_with_its_reason(typed: str, reason: str) -> None:
    with pytest.raises(PhoneError, match=reason):
        normalize_mobile(typed)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_valid_number_comes_back_unchanged_and_masks_to_its_ends(phone: str) -> None:
    assert normalize_mobile(phone) == phone
    assert masked(phone) == phone[:3] + "****" + phone[-4:]


@given(st.text(max_size=20))
def test_any_text_is_either_a_number_or_a_phone_error(text: str) -> None:
    try:
        result = normalize_mobile(text)
    except PhoneError as e:
        # The message shows what was typed, unless nothing was.
        assert text in str(e) or not text.strip()
    else:
        assert len(result) == 11 and result.isdigit()
