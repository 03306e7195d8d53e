"""Prices and campaign discounts as the customer reads them."""

from __future__ import annotations

import pytest

from kiosk.domain.pricing import discounted, format_money, quote
from kiosk.packs.fields import FieldError
from kiosk.packs.model import DiscountRule, Offer, OfferKind, Period, Price, RuleKind
from kiosk.packs.values import parse_amount
from tests.packfactory import model_text

MONTHLY = Price(1000, Period.MONTH)


def offer(rule: DiscountRule, oid: str = "off.x", title: str = "Daily deal") -> Offer:
    return Offer(
        oid,
        OfferKind.DAILY_DEAL,
        model_text("每日特惠", title),
        model_text("d", "d"),
        ("svc.a",),
        rule,
    )


@pytest.mark.parametrize(("text", "fen"), [("5", 500), ("5.0", 500), ("19.90", 1990), ("0.05", 5)])
def test_amounts_are_read_exactly_in_fen(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["5.001", "-1", "1e3", "five", ""])
def test_bad_amounts_are_refused(text: str) -> None:
    with pytest.raises(FieldError):
        parse_amount(text)


def test_money_is_shown_with_two_decimals() -> None:
    assert format_money(800) == "¥8.00"


def test_twenty_percent_off_for_three_months_is_explained_in_both_languages() -> None:
    q = quote(MONTHLY, [offer(DiscountRule(RuleKind.PERCENT_OFF, percent=20, periods=3))])

    assert q.now_text("en") == "¥8.00/month"
    assert q.explanation("en") == "20% off for the first 3 months: ¥8.00/month, then ¥10.00/month."
    assert q.explanation("zh-CN") == "前3个月8折：¥8.00/月，之后¥10.00/月。"


def test_the_best_offer_applies_when_several_cover_a_service() -> None:
    small = offer(DiscountRule(RuleKind.AMOUNT_OFF, amount_fen=100), "off.small")
    big = offer(DiscountRule(RuleKind.FIXED_PRICE, amount_fen=100, periods=1), "off.big")

    q = quote(MONTHLY, [small, big])

    assert q.offer is big and q.now_fen == 100


def test_a_discount_never_takes_a_price_below_zero() -> None:
    assert discounted(500, DiscountRule(RuleKind.AMOUNT_OFF, amount_fen=800)) == 0


def test_no_offer_means_no_explanation() -> None:
    q = quote(MONTHLY, [])
    assert not q.is_discounted and q.explanation("en") == ""


def test_half_fen_rounds_half_up() -> None:
    assert discounted(333, DiscountRule(RuleKind.PERCENT_OFF, percent=15)) == 283  # 283.05


def test_a_free_service_says_free_not_zero_yuan() -> None:
    q = quote(Price(0, Period.ONCE), [])
    assert q.now_text("en") == "Free" and q.now_text("zh-CN") == "免费"


def test_a_fixed_first_month_price_is_said_once_not_twice() -> None:
    q = quote(
        Price(2500, Period.MONTH), [offer(DiscountRule(RuleKind.FIXED_PRICE, amount_fen=100, periods=1))]
    )

    assert q.explanation("en") == "¥1.00/month for the first month, then ¥25.00/month."
    assert q.explanation("zh-CN") == "前1个月¥1.00/月，之后¥25.00/月。"


def test_an_open_ended_discount_names_the_regular_price() -> None:
    q = quote(MONTHLY, [offer(DiscountRule(RuleKind.AMOUNT_OFF, amount_fen=200))])

    assert q.explanation("en") == "¥2.00 off: ¥8.00/month instead of ¥10.00/month."
    assert q.explanation("zh-CN") == "立减¥2.00：¥8.00/月（原价¥10.00/月）。"
