"""Subscribing as the customer reads it: every sentence of every step, in zh-CN and en.

`subscribe_face(sub, ...)` turns a `kiosk.flow.subscribe.Subscription` into one frozen row,
`SubscribeFace`, that the subscribe screen binds to: the step, what it says, what is wrong
and why, the countdowns, the receipt and its QR code. `Terms` and the price `Quote` of the
service being subscribed come from the content; the sentences about money are
`kiosk.domain.pricing`'s. Nothing here does I/O or imports Qt; the QR code is drawn by the
`qrcode` package into a PNG data URL, which QML shows as it is.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from kiosk.domain.pricing import Quote
from kiosk.flow.mobile import NumberProblem
from kiosk.flow.subscribe import CODE_DIGITS, Answer, Problem, SecondStep, Step, Subscription
from kiosk.packs.model import Period, Starts, Terms

EN, ZH = "en", "zh-CN"


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == EN else zh


def grouped(digits: str) -> str:
    """A mobile number as it is read aloud: '138 1234 5678' (typed so far: '138 12')."""
    return " ".join(p for p in (digits[:3], digits[3:7], digits[7:11]) if p)


def clock_text(seconds: int) -> str:
    """4:05 for 245 seconds."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def number_problem_text(problem: str, lang: str) -> str | None:
    """What is wrong with a mobile number on the keypad (the subscription's and the
    register's: `kiosk.flow.mobile.NumberProblem`, whose values each flow's `Problem` shares);
    "" for none, None for a problem that is not the number's."""
    match problem:
        case NumberProblem.NONE:
            return ""
        case NumberProblem.NOT_MOBILE_START:
            return _t(lang, "手机号码以 1 开头。", "A mobile number starts with 1.")
        case NumberProblem.NOT_MOBILE_PREFIX:
            return _t(
                lang,
                "手机号码的第二位是 3 到 9 之间的数字。",
                "The second digit of a mobile number is 3 to 9.",
            )
        case NumberProblem.TOO_FEW_DIGITS:
            return _t(lang, "手机号码有 11 位数字。", "A mobile number has 11 digits.")
    return None


def problem_text(problem: Problem, lang: str, *, tries_left: int = 0, refusal: str = "") -> str:
    """Why the customer cannot go on, in plain words (empty for no problem)."""
    if (said := number_problem_text(problem, lang)) is not None:
        return said
    match problem:
        case Problem.NO_CONSENT:
            return _t(
                lang,
                "请先勾选“我同意”，表示您已阅读订购内容并同意订购。",
                # Straight quotes: the CJK font draws curly ones full width.
                'Please tick "I agree" first, to say you have read this and want to subscribe.',
            )
        case Problem.CODE_SHORT:
            return _t(lang, f"验证码有 {CODE_DIGITS} 位数字。", f"The code has {CODE_DIGITS} digits.")
        case Problem.CODE_WRONG:
            return _t(
                lang,
                f"验证码不对，请再试一次（还可以试 {tries_left} 次）。",
                f"That code is not right. Please try again ({tries_left} {_tries_en(tries_left)} left).",
            )
        case Problem.CODE_EXPIRED:
            return _t(
                lang,
                "这个验证码已过期，请点“重新发送”获取新的验证码。",
                "This code has expired. Tap Resend for a new one.",
            )
        case Problem.CODE_SPENT:
            return _t(
                lang,
                "错误次数太多，这个验证码已作废，请点“重新发送”获取新的验证码。",
                "Too many wrong tries: this code no longer works. Tap Resend for a new one.",
            )
        case Problem.REFUSED:
            reason = refusal.strip()
            if reason:
                return _t(lang, f"总部未能处理：{reason}", f"HQ could not do this: {reason}")
            return _t(
                lang,
                "总部暂时不能处理，请稍后再试或咨询工作人员。",
                "HQ cannot do this now. Please try later, or ask our staff.",
            )
        case Problem.NOT_KEPT:
            return _t(
                lang,
                "订单未能保存在这台设备上，请咨询工作人员，或再点一次“确认”。",
                "This kiosk could not save your order. Please ask our staff, or tap Confirm again.",
            )
    return ""  # pragma: no cover - every Problem is worded above


def _tries_en(n: int) -> str:
    return "try" if n == 1 else "tries"


def starts_text(starts: Starts, lang: str) -> str:
    if starts is Starts.NEXT_MONTH:
        return _t(lang, "生效时间：下个月 1 日起生效。", "Takes effect on the 1st of next month.")
    return _t(lang, "生效时间：运营商受理后立即生效。", "Takes effect as soon as the operator sets it up.")


def price_line(quote: Quote, lang: str) -> str:
    """The price and its billing period, as the review states it."""
    now = quote.now_text(lang)
    period = quote.price.period
    if quote.price.amount_fen == 0:
        return _t(lang, "价格：免费", "Price: free")
    if period is Period.ONCE:
        return _t(lang, f"价格：{now}，一次性付费", f"Price: {now}, paid once")
    billed = {
        Period.DAY: ("按天计费", "billed daily"),
        Period.MONTH: ("按月计费，计入话费", "billed monthly with your phone bill"),
        Period.YEAR: ("按年计费，计入话费", "billed yearly with your phone bill"),
    }[period]
    return _t(lang, f"价格：{now}，{billed[0]}", f"Price: {now}, {billed[1]}")


def discount_line(quote: Quote, lang: str) -> str:
    """The discount and when it ends, or empty when none applies."""
    explanation = quote.explanation(lang)
    if not explanation:
        return ""
    title = quote.offer.title.get(lang) if quote.offer else ""
    if not title:
        return explanation
    return f"{title}：{explanation}" if lang == ZH else f"{title}: {explanation}"


def consent_text(lang: str) -> str:
    return _t(
        lang,
        "我同意订购此业务，并按所示价格付费。",
        "I agree to subscribe to this service at the price shown.",
    )


def marketing_text(lang: str) -> str:
    return _t(
        lang,
        "我愿意接收优惠活动短信（可不选，随时可退订）。",
        "Send me texts about offers (optional; stop them any time).",
    )


def receipt_pending(second_step: SecondStep, masked: str, lang: str) -> str:
    """Which second step is still pending, in the customer's words."""
    if second_step is SecondStep.CODE:
        return _t(
            lang,
            "您已用验证码确认，无需再做任何操作：订单已确认。",
            "You confirmed with the code: there is nothing more to enter. Your order is confirmed.",
        )
    return _t(
        lang,
        f"还差一步：本机联网后，总部会给 {masked} 发一条短信，请回复“Y”确认订购。不回复则不会订购。",
        f"One step left: once this kiosk is online, HQ will text {masked}. Reply Y to that text to confirm. "
        "Without your Y, nothing is ordered.",
    )


def receipt_next(second_step: SecondStep, lang: str) -> str:
    if second_step is SecondStep.CODE:
        return _t(
            lang,
            "接下来：订单将发送给运营商办理，办好后您会收到短信。扫描二维码可随时查看订单进度。",
            "What happens next: the order goes to the operator, and you get a text when the service "
            "is set up. Scan the QR code to follow your order.",
        )
    return _t(
        lang,
        "接下来：您回复“Y”后，订单将发送给运营商办理，办好后您会收到短信。扫描二维码可随时查看订单进度。",
        "What happens next: after your Y, the order goes to the operator, and you get a text when "
        "the service is set up. Scan the QR code to follow your order.",
    )


def answer_text(answer: Answer | None, service: str, lang: str) -> str:
    """The operator's answer in plain words (empty until it comes)."""
    if answer is None:
        return ""
    reason = answer.reason.strip()
    match answer.status:
        case "accepted":
            return _t(
                lang,
                f"运营商已受理：{service}正在为您开通。",
                f"The operator accepted your order: {service} is being set up.",
            )
        case "rejected" | "failed":
            if reason:
                return _t(lang, f"运营商未能办理：{reason}", f"The operator could not set it up: {reason}")
            return _t(
                lang,
                "运营商未能办理此订单，请咨询工作人员。",
                "The operator could not set it up. Please ask our staff.",
            )
        case "declined":
            return _t(
                lang, "订购未确认，未产生任何费用。", "The order was not confirmed: nothing was ordered."
            )
        case "expired":
            return _t(
                lang,
                "未在规定时间内收到“Y”回复，订单已取消，未产生任何费用。",
                "No Y reply came in time: the order is cancelled and nothing was ordered.",
            )
    return _t(lang, f"订单状态：{answer.status}", f"Order status: {answer.status}")


def qr_data_url(text: str) -> str:
    """`text` as a QR code, a PNG data URL with one pixel per module (QML scales it up
    without smoothing); a quiet zone of four modules, as scanners expect."""
    import qrcode  # only when a receipt shows

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


@dataclass(frozen=True)
class Labels:
    """The words on the buttons and headings, in one language."""

    title: str = ""
    step_label: str = ""
    heading: str = ""
    lead: str = ""
    go_on: str = ""
    back: str = ""
    cancel: str = ""
    confirm: str = ""
    erase: str = ""
    clear: str = ""
    resend: str = ""
    sms_reply: str = ""
    retry: str = ""
    done: str = ""
    busy_text: str = ""
    qr_caption: str = ""
    reference_label: str = ""
    number_label: str = ""


def labels(step: Step, lang: str, masked: str = "") -> Labels:
    heading, lead, step_label = {
        Step.NUMBER: (
            _t(lang, "请输入您的手机号码", "Your mobile number"),
            _t(
                lang,
                "我们会给这个号码发送验证码，用于确认订购。",
                "We text this number a code to confirm the order.",
            ),
            "",
        ),
        Step.REVIEW: (
            _t(lang, "核对订购内容", "Check your order"),
            _t(lang, "请阅读以下内容，勾选同意后点“确认”。", "Read this, tick I agree, then tap Confirm."),
            _t(lang, "第 1 步，共 2 步", "Step 1 of 2"),
        ),
        Step.SENDING: (
            _t(lang, "正在发送验证码", "Sending your code"),
            _t(lang, f"正在请总部给 {masked} 发送验证码……", f"Asking HQ to text a code to {masked}..."),
            _t(lang, "第 2 步，共 2 步", "Step 2 of 2"),
        ),
        Step.CODE: (
            _t(lang, "输入验证码", "Enter the code"),
            _t(
                lang,
                f"我们已给 {masked} 发送了 {CODE_DIGITS} 位验证码。",
                f"We texted a {CODE_DIGITS}-digit code to {masked}.",
            ),
            _t(lang, "第 2 步，共 2 步", "Step 2 of 2"),
        ),
        Step.CHECKING: (
            _t(lang, "输入验证码", "Enter the code"),
            _t(lang, "正在核对验证码……", "Checking your code..."),
            _t(lang, "第 2 步，共 2 步", "Step 2 of 2"),
        ),
        Step.OFFLINE: (
            _t(lang, "暂时无法连接总部", "We cannot reach HQ right now"),
            _t(
                lang,
                f"现在发不了验证码。您可以改用短信确认：订单先保存在本机，本机联网后总部会给 {masked} "
                "发短信，您回复“Y”即确认订购。也可以再试一次。",
                "No code can be sent now. You can confirm by text instead: the order is kept on this "
                f"kiosk, and once it is online HQ texts {masked}; reply Y to confirm. Or try again.",
            ),
            _t(lang, "第 2 步，共 2 步", "Step 2 of 2"),
        ),
        Step.RECEIPT: (
            _t(lang, "订单已提交", "Your order is in"),
            _t(
                lang,
                "请保留订单号，或用手机扫描二维码。",
                "Keep the order number, or scan the QR code with your phone.",
            ),
            "",
        ),
    }.get(step, ("", "", ""))
    return Labels(
        title=_t(lang, "订购", "Subscribe"),
        step_label=step_label,
        heading=heading,
        lead=lead,
        go_on=_t(lang, "继续", "Continue"),
        back=_t(lang, "上一步", "Back"),
        cancel=_t(lang, "取消", "Cancel"),
        confirm=_t(lang, "确认", "Confirm"),
        erase=_t(lang, "删除", "Erase"),
        clear=_t(lang, "清空", "Clear"),
        resend=_t(lang, "重新发送", "Resend"),
        sms_reply=_t(lang, "改用短信回复确认", "Confirm by text reply"),
        retry=_t(lang, "再试一次", "Try again"),
        done=_t(lang, "完成", "Done"),
        busy_text=_t(lang, "请稍候……", "One moment..."),
        qr_caption=_t(lang, "用手机扫码查看订单进度", "Scan to follow your order"),
        reference_label=_t(lang, "订单号", "Order number"),
        number_label=_t(lang, "手机号码", "Mobile number"),
    )


@dataclass(frozen=True)
class SubscribeFace(Labels):
    """One step of the subscribe flow as the screen shows it, in one language."""

    step: str = Step.CLOSED.value
    busy: bool = False
    problem: str = ""
    problem_kind: str = ""
    # the number
    number: str = ""  # typed so far, grouped: 138 1234 5678
    number_full: bool = False
    masked_number: str = ""
    # the review
    service_name: str = ""
    price: str = ""
    discount: str = ""
    starts: str = ""
    cancel_terms: str = ""
    consent_text: str = ""
    marketing_text: str = ""
    consent: bool = False
    marketing: bool = False
    # the code
    code: str = ""
    code_length: int = CODE_DIGITS
    expiry: str = ""
    tries: str = ""
    resend_wait: str = ""
    can_resend: bool = False
    can_type_code: bool = False
    # the receipt
    reference: str = ""
    pending: str = ""
    next_steps: str = ""
    answer: str = ""
    answer_bad: bool = False
    status_url: str = ""
    qr: str = ""


def subscribe_face(
    sub: Subscription,
    lang: str,
    *,
    service_name: str = "",
    quote: Quote | None = None,
    terms: Terms | None = None,
    status_url: str = "",
    qr: str = "",
) -> SubscribeFace:
    """What the screen shows of `sub` now. `status_url` and `qr`: the receipt's link and
    its QR code (made once per order by the caller, `qr_data_url`)."""
    step = sub.step
    if step is Step.CLOSED:
        return SubscribeFace(**vars(labels(step, lang)))
    masked = sub.masked_number
    words = labels(step, lang, masked)
    problem = problem_text(sub.problem, lang, tries_left=sub.tries_left, refusal=sub.refusal)
    face: dict[str, object] = dict(vars(words))
    face.update(
        step=step.value,
        busy=sub.busy,
        problem=problem,
        problem_kind=sub.problem.value,
        number=grouped(sub.digits) if step is Step.NUMBER else "",
        number_full=len(sub.digits) == 11,
        masked_number=masked,
        service_name=service_name,
        consent=sub.consent,
        marketing=sub.marketing,
    )
    if step is Step.REVIEW and quote is not None and terms is not None:
        face.update(
            price=price_line(quote, lang),
            discount=discount_line(quote, lang),
            starts=starts_text(terms.starts, lang),
            cancel_terms=terms.cancel.get(lang),
            consent_text=consent_text(lang),
            marketing_text=marketing_text(lang),
        )
    if step in (Step.CODE, Step.CHECKING):
        expires = sub.code_expires_in_s
        wait = sub.resend_in_s
        code_usable = expires > 0 and sub.problem not in (Problem.CODE_EXPIRED, Problem.CODE_SPENT)
        face.update(
            code=sub.code_digits,
            expiry=(
                _t(lang, f"验证码 {clock_text(expires)} 后失效", f"The code expires in {clock_text(expires)}")
                if code_usable
                else ""
            ),
            tries=(
                _t(
                    lang,
                    f"还可以试 {sub.tries_left} 次",
                    f"{sub.tries_left} {_tries_en(sub.tries_left)} left",
                )
                if code_usable
                else ""
            ),
            resend_wait=(
                _t(lang, f"{wait} 秒后可重新发送", f"You can ask for a new code in {wait} s")
                if wait > 0
                else ""
            ),
            can_resend=sub.can_resend,
            can_type_code=step is Step.CODE and code_usable and len(sub.code_digits) < CODE_DIGITS,
        )
    if step is Step.RECEIPT and sub.order is not None:
        order = sub.order
        answer = sub.answer
        face.update(
            reference=order.reference,
            pending=receipt_pending(order.second_step, masked or _mask(order.phone), lang),
            next_steps=receipt_next(order.second_step, lang),
            answer=answer_text(answer, service_name, lang),
            answer_bad=answer is not None and answer.status != "accepted",
            status_url=status_url,
            qr=qr,
        )
    return SubscribeFace(**face)  # type: ignore[arg-type]


def _mask(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else ""
