"""Prices as customers read them, and which campaign discount applies.

All arithmetic is in fen (integers). Strings for people are built here, in both languages,
so no screen ever formats money itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kiosk.packs.model import DiscountRule, Offer, Period, Price, RuleKind

_PERIOD_WORD = {
    "zh-CN": {Period.ONCE: "", Period.DAY: "/天", Period.MONTH: "/月", Period.YEAR: "/年"},
    "en": {Period.ONCE: "", Period.DAY: "/day", Period.MONTH: "/month", Period.YEAR: "/year"},
}
_PERIOD_NOUN_EN = {Period.DAY: "day", Period.MONTH: "month", Period.YEAR: "year"}
_PERIOD_NOUN_ZH = {Period.DAY: "天", Period.MONTH: "个月", Period.YEAR: "年"}


def format_money(fen: int) -> str:
    """1990 -> '¥19.90' (the same in both languages)."""
    return f"¥{fen // 100}.{fen % 100:02d}"


_FREE = {"zh-CN": "免费", "en": "Free"}


def format_price(price: Price, fen: int | None = None, lang: str = "zh-CN") -> str:
    """'¥5.00/月', or 'Free' for a service that costs nothing (never '¥0.00')."""
    amount = price.amount_fen if fen is None else fen
    if amount == 0:
        return _FREE[lang]
    return format_money(amount) + _PERIOD_WORD[lang][price.period]


def discounted(price_fen: int, rule: DiscountRule) -> int:
    """The price during the discounted periods, never below zero."""
    if rule.kind is RuleKind.PERCENT_OFF:
        cut = Decimal(price_fen) * Decimal(100 - rule.percent) / Decimal(100)
        return int(cut.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if rule.kind is RuleKind.AMOUNT_OFF:
        return max(0, price_fen - rule.amount_fen)
    return min(price_fen, rule.amount_fen)


@dataclass(frozen=True)
class Quote:
    """What a customer pays for a service now, and why."""

    price: Price
    offer: Offer | None
    now_fen: int
    periods: int | None  # how many periods `now_fen` lasts; None: for as long as subscribed

    @property
    def is_discounted(self) -> bool:
        return self.offer is not None and self.now_fen < self.price.amount_fen

    def now_text(self, lang: str) -> str:
        return format_price(self.price, self.now_fen, lang)

    def regular_text(self, lang: str) -> str:
        return format_price(self.price, None, lang)

    def explanation(self, lang: str) -> str:
        """One sentence: the discount, for how long, and the price after it.

        The offer's title is not repeated: screens show it beside this sentence.
        """
        if not self.is_discounted or self.offer is None:
            return ""
        rule = self.offer.rule
        now, regular = self.now_text(lang), self.regular_text(lang)
        fixed = rule.kind is RuleKind.FIXED_PRICE
        limited = self.periods is not None and self.price.period is not Period.ONCE
        if lang == "en":
            if not limited:
                what = "Special price" if fixed else _rule_en(rule)
                return f"{what}: {now} instead of {regular}."
            noun = _PERIOD_NOUN_EN[self.price.period]
            span = f"the first {noun}" if self.periods == 1 else f"the first {self.periods} {noun}s"
            if fixed:
                return f"{now} for {span}, then {regular}."
            return f"{_rule_en(rule)} for {span}: {now}, then {regular}."
        if not limited:
            what = "特价" if fixed else _rule_zh(rule)
            return f"{what}：{now}（原价{regular}）。"
        span = f"前{self.periods}{_PERIOD_NOUN_ZH[self.price.period]}"
        if fixed:
            return f"{span}{now}，之后{regular}。"
        return f"{span}{_rule_zh(rule)}：{now}，之后{regular}。"


def _rule_en(rule: DiscountRule) -> str:
    if rule.kind is RuleKind.PERCENT_OFF:
        return f"{rule.percent}% off"
    if rule.kind is RuleKind.AMOUNT_OFF:
        return f"{format_money(rule.amount_fen)} off"
    return f"special price {format_money(rule.amount_fen)}"


def _rule_zh(rule: DiscountRule) -> str:
    if rule.kind is RuleKind.PERCENT_OFF:
        # Chinese shoppers read discounts as the share paid: 20% off is 八折 ("8 zhe").
        paid = Decimal(100 - rule.percent) / Decimal(10)
        return f"{paid.normalize():f}折"
    if rule.kind is RuleKind.AMOUNT_OFF:
        return f"立减{format_money(rule.amount_fen)}"
    return f"特价{format_money(rule.amount_fen)}"


def quote(price: Price, offers: list[Offer] | tuple[Offer, ...]) -> Quote:
    """The best of the `offers` (already filtered to this service and to now) for `price`.

    Best means the lowest price in the first period; ties keep the earlier offer.
    """
    best: Quote = Quote(price, None, price.amount_fen, None)
    for offer in offers:
        now = discounted(price.amount_fen, offer.rule)
        if now < best.now_fen:
            best = Quote(price, offer, now, offer.rule.periods)
    return best
