"""What the subscribe screen says at each step, in both languages, without Qt."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from PIL import Image

from kiosk.domain.pricing import quote
from kiosk.flow.subscribe import Answer, CodeNotSent, CodeSent, Offering, Order, Problem, Step, Subscription
from kiosk.packs.model import (
    DiscountRule,
    Offer,
    OfferKind,
    Period,
    Price,
    RuleKind,
    Starts,
    Terms,
    Text,
)
from kiosk.present.subscribe import (
    answer_text,
    grouped,
    problem_text,
    qr_data_url,
    subscribe_face,
)
from tests.fakes import EventLog, ManualClock

NUMBER = "13812345678"
TERMS = Terms(
    Starts.NEXT_MONTH, Text((("zh-CN", "发送0000到10086退订。"), ("en", "Text 0000 to 10086 to cancel.")))
)
PRICE = Price(3000, Period.MONTH)
OFFER = Offer(
    id="off.spring",
    kind=OfferKind.CAMPAIGN,
    title=Text((("zh-CN", "春季特惠"), ("en", "Spring deal"))),
    description=Text((("zh-CN", "前三个月八折"), ("en", "20% off"))),
    services=("svc.data",),
    rule=DiscountRule(RuleKind.PERCENT_OFF, percent=20, periods=3),
)


class Book:
    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}

    def keep(self, order: Order) -> None:
        self.orders.setdefault(order.id, order)

    def answer(self, order_id: str) -> Answer | None:
        return None


@pytest.fixture
def sub() -> Subscription:
    s = Subscription(EventLog(), Book(), now=ManualClock(), wall=lambda: datetime(2026, 12, 3, tzinfo=UTC))
    s.open(Offering("svc.data", "off.spring", 2400))
    return s


def typed(sub: Subscription, digits: str) -> None:
    for d in digits:
        sub.digit(d)


def to_code(sub: Subscription) -> None:
    typed(sub, NUMBER)
    sub.number_done()
    sub.set_consent(True)
    effect = sub.confirm_review()
    assert effect is not None
    sub.report(effect, CodeSent("ch", expires_in_s=125, resend_after_s=30))


@pytest.mark.parametrize("problem", [p for p in Problem if p is not Problem.NONE])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_problem_is_worded_in_both_languages(problem: Problem, lang: str) -> None:
    text = problem_text(problem, lang, tries_left=2, refusal="daily cap reached")
    assert text and text.strip() == text
    has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert has_chinese == (lang == "zh-CN")


def test_the_number_problems_say_what_a_mobile_number_is() -> None:
    assert problem_text(Problem.NOT_MOBILE_START, "en") == "A mobile number starts with 1."
    assert problem_text(Problem.NOT_MOBILE_START, "zh-CN") == "手机号码以 1 开头。"
    assert "11" in problem_text(Problem.TOO_FEW_DIGITS, "en")


def test_a_wrong_code_says_how_many_tries_are_left() -> None:
    assert "1 try left" in problem_text(Problem.CODE_WRONG, "en", tries_left=1)
    assert "3 tries left" in problem_text(Problem.CODE_WRONG, "en", tries_left=3)
    assert "还可以试 3 次" in problem_text(Problem.CODE_WRONG, "zh-CN", tries_left=3)


def test_hqs_refusal_is_shown_with_its_reason() -> None:
    assert problem_text(Problem.REFUSED, "en", refusal="too many codes today") == (
        "HQ could not do this: too many codes today"
    )


def test_the_number_shows_grouped_as_typed(sub: Subscription) -> None:
    typed(sub, "1381234")
    face = subscribe_face(sub, "en")
    assert face.number == "138 1234"
    assert grouped(NUMBER) == "138 1234 5678"
    assert not face.number_full and face.masked_number == ""


def test_a_wrong_second_digit_is_explained_at_once(sub: Subscription) -> None:
    typed(sub, "12")
    face = subscribe_face(sub, "zh-CN")
    assert face.problem == "手机号码的第二位是 3 到 9 之间的数字。"
    assert face.problem_kind == Problem.NOT_MOBILE_PREFIX.value


def test_the_review_states_price_discount_start_and_cancelling(sub: Subscription) -> None:
    typed(sub, NUMBER)
    sub.number_done()
    q = quote(PRICE, [OFFER])
    en = subscribe_face(sub, "en", service_name="10 GB data", quote=q, terms=TERMS)
    zh = subscribe_face(sub, "zh-CN", service_name="10GB 流量包", quote=q, terms=TERMS)

    assert en.step == "review" and en.masked_number == "138****5678"
    assert en.price == "Price: ¥24.00/month, billed monthly with your phone bill"
    assert en.discount == "Spring deal: 20% off for the first 3 months: ¥24.00/month, then ¥30.00/month."
    assert zh.discount == "春季特惠：前3个月8折：¥24.00/月，之后¥30.00/月。"
    assert en.starts == "Takes effect on the 1st of next month."
    assert en.cancel_terms == "Text 0000 to 10086 to cancel."
    assert zh.cancel_terms == "发送0000到10086退订。"
    assert en.consent_text and en.marketing_text and not en.consent and not en.marketing
    assert "138 1234" not in en.number and NUMBER not in repr(en)


def test_a_confirm_without_consent_is_explained(sub: Subscription) -> None:
    typed(sub, NUMBER)
    sub.number_done()
    sub.confirm_review()
    assert subscribe_face(sub, "en").problem.startswith("Please tick")


def test_the_code_step_counts_down_the_expiry_and_the_resend(sub: Subscription) -> None:
    to_code(sub)
    face = subscribe_face(sub, "en")
    assert face.step == "code"
    assert face.expiry == "The code expires in 2:05"
    assert face.tries == "5 tries left"
    assert face.resend_wait == "You can ask for a new code in 30 s"
    assert not face.can_resend and face.can_type_code
    zh = subscribe_face(sub, "zh-CN")
    assert zh.expiry == "验证码 2:05 后失效" and zh.resend_wait == "30 秒后可重新发送"


def test_the_receipt_of_a_code_says_nothing_more_is_needed(sub: Subscription) -> None:
    to_code(sub)
    for d in "123456":
        sub.code_digit(d)
    check = sub.submit_code()
    assert check is not None
    from kiosk.flow.subscribe import CodeChecked

    sub.report(check, CodeChecked(verified=True, confirmation="c1"))
    face = subscribe_face(sub, "en", service_name="10 GB data", status_url="https://hq/o/t", qr="data:x")

    assert face.step == Step.RECEIPT.value
    assert face.reference.startswith("K-")
    assert "nothing more to enter" in face.pending
    assert face.status_url == "https://hq/o/t" and face.qr == "data:x"


def test_the_receipt_of_the_sms_route_says_to_reply_y_to_the_masked_number(sub: Subscription) -> None:
    typed(sub, NUMBER)
    sub.number_done()
    sub.set_consent(True)
    effect = sub.confirm_review()
    assert effect is not None
    sub.report(effect, CodeNotSent(unreachable=True))
    assert subscribe_face(sub, "en").step == "offline"
    sub.choose_sms_reply()
    en = subscribe_face(sub, "en")
    zh = subscribe_face(sub, "zh-CN")

    assert "Reply Y" in en.pending and "138****5678" in en.pending and NUMBER not in en.pending
    assert "回复“Y”" in zh.pending and "138****5678" in zh.pending


def test_the_operators_answer_is_worded_plainly() -> None:
    assert answer_text(None, "x", "en") == ""
    assert "accepted" in answer_text(Answer("accepted"), "10 GB data", "en")
    assert answer_text(Answer("rejected", "this number already has this service"), "x", "en") == (
        "The operator could not set it up: this number already has this service"
    )
    assert answer_text(Answer("expired"), "x", "zh-CN").startswith("未在规定时间内")


def test_a_closed_flow_shows_nothing_of_the_customer(sub: Subscription) -> None:
    typed(sub, NUMBER)
    sub.cancel()
    face = subscribe_face(sub, "en")
    assert face.step == "closed" and face.number == "" and face.masked_number == ""


def test_the_qr_code_is_a_png_with_one_pixel_a_module() -> None:
    url = qr_data_url("https://hq.example.cn/o/abc")
    head, _, data = url.partition(",")
    assert head == "data:image/png;base64"
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.width == image.height and 21 + 8 <= image.width <= 57 + 8


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian's zbar-tools) is not installed")
def test_the_qr_code_decodes_to_its_text(tmp_path) -> None:
    url = "https://hq.example.cn/o/Zx9_-abcdefghijklmnopqrstuvwxyz0123"
    data = qr_data_url(url).partition(",")[2]
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    path = tmp_path / "qr.png"
    image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST).save(path)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == url
