"""The register form as staff and the customer read it: every sentence of every step, in
zh-CN and en (docs/staff.md, "Register").

`register_face(reg, lang)` turns a `kiosk.flow.register.Registration` into one frozen row,
`RegisterFace`; `register_choices(reg, lang)` gives the large choices of the details step
(the service of interest, the day, the part of the day) as `Chip` rows. Nothing here does
I/O or imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.flow.register import DAYS, KEPT_DAYS, PART_NAMES, PARTS, Problem, Registration, Step
from kiosk.present.subscribe import grouped, number_problem_text

EN, ZH = "en", "zh-CN"


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == EN else zh


_DAY_WORDS = {
    "today": ("今天", "Today"),
    "tomorrow": ("明天", "Tomorrow"),
    "dayAfter": ("后天", "Day after tomorrow"),
}
_PART_WORDS = {
    "morning": ("上午", "morning"),
    "afternoon": ("下午", "afternoon"),
    "evening": ("晚上", "evening"),
}
_WEEKDAYS_ZH = "一二三四五六日"


def part_hours(part: str) -> str:
    ends = dict(PARTS)
    starts = {"morning": 9, "afternoon": 12, "evening": 18}
    return f"{starts[part]}–{ends[part]}"


def when_text(day: str, part: str, lang: str) -> str:
    """'tomorrow afternoon' / '明天下午'; 'this morning' for today."""
    zh_day = _DAY_WORDS[day][0]
    zh_part, en_part = _PART_WORDS[part]
    if lang != EN:
        return zh_day + zh_part
    if day == "today":
        return f"this {en_part}"
    if day == "tomorrow":
        return f"tomorrow {en_part}"
    return f"the day after tomorrow, {en_part}"


def day_label(day: str, on: date, lang: str) -> str:
    """A day's choice: 'Tomorrow · Fri 4 Dec' / '明天 · 12月4日 周五'."""
    zh_day, en_day = _DAY_WORDS[day]
    if lang == EN:
        return f"{en_day} · {on:%a} {on.day} {on:%b}"
    return f"{zh_day} · {on.month}月{on.day}日 周{_WEEKDAYS_ZH[on.weekday()]}"


def part_label(part: str, lang: str) -> str:
    zh_part, en_part = _PART_WORDS[part]
    hours = part_hours(part)
    return _t(lang, f"{zh_part} {hours}点", f"{en_part.capitalize()} {hours} h")


def consent_text(lang: str) -> str:
    """What the customer agrees to by ticking the box: who calls, about what, how long the
    number is kept, and that it is used for nothing else."""
    return _t(
        lang,
        f"我同意本店工作人员拨打我在这里留下的手机号码，就我感兴趣的业务与我联系。"
        f"号码最多保存 {KEPT_DAYS} 天，不作他用；我随时可以说不需要。",
        f"I agree that staff of this store may call me on the mobile number I give here, about the "
        f"service I am interested in. My number is kept for at most {KEPT_DAYS} days and used for "
        f"nothing else; I can say no at any time.",
    )


def problem_text(problem: Problem, lang: str) -> str:
    if (said := number_problem_text(problem, lang)) is not None:
        return said
    match problem:
        case Problem.NO_CONSENT:
            return _t(
                lang,
                "请顾客本人先勾选同意：未经顾客同意，不作任何登记。",
                "The customer must tick the box first: nothing is noted without their agreement.",
            )
        case Problem.NO_WHEN:
            return _t(lang, "请选择什么时候回电。", "Choose when to call.")
        case Problem.NO_STAFF:
            return _t(lang, "请先以员工身份登录，再保存。", "Sign in as staff to save this.")
        case Problem.NOT_KEPT:
            return _t(
                lang,
                "未能保存：本机无法写入。请再试一次，或先用纸笔记下。",
                "Not saved: this kiosk could not write it. Please try again, or note it on paper for now.",
            )


@dataclass(frozen=True)
class RegisterFace:
    """One step of the register form, in one language."""

    step: str = Step.CLOSED.value
    title: str = ""
    step_text: str = ""
    heading: str = ""
    intro: str = ""
    problem: str = ""
    consent_text: str = ""
    consent: bool = False
    number: str = ""
    number_full: bool = False
    masked_number: str = ""
    service_label: str = ""
    service_name: str = ""
    when_label: str = ""
    saved_line: str = ""
    saved_note: str = ""
    continue_text: str = ""
    save_text: str = ""
    cancel_text: str = ""
    back_text: str = ""
    done_text: str = ""
    erase_text: str = ""
    clear_text: str = ""


@dataclass(frozen=True)
class Chip:
    """One large choice of the details step."""

    group: str  # service | day | part
    id: str
    label: str
    chosen: bool
    enabled: bool = True


_STEPS = {Step.CONSENT: 1, Step.NUMBER: 2, Step.DETAILS: 3}


def register_face(reg: Registration, lang: str) -> RegisterFace:
    step = reg.step
    common = {
        "title": _t(lang, "意向客户登记", "Register an interested customer"),
        "continue_text": _t(lang, "继续", "Continue"),
        "save_text": _t(lang, "保存", "Save"),
        "cancel_text": _t(lang, "取消", "Cancel"),
        "back_text": _t(lang, "返回", "Back"),
        "done_text": _t(lang, "完成", "Done"),
        "erase_text": _t(lang, "删除", "Erase"),
        "clear_text": _t(lang, "清空", "Clear"),
    }
    if step is Step.CLOSED:
        return RegisterFace(**common)
    face: dict[str, object] = dict(common)
    if step in _STEPS:
        n = _STEPS[step]
        face["step_text"] = _t(lang, f"第 {n} 步，共 3 步", f"Step {n} of 3")
    service = _service_name(reg, lang)
    face.update(
        step=step.value,
        problem=problem_text(reg.problem, lang),
        consent=reg.consent,
        number=grouped(reg.digits),
        number_full=len(reg.digits) == 11,
        masked_number=reg.masked_number,
        service_name=service,
    )
    if step is Step.CONSENT:
        face.update(
            heading=_t(lang, "请顾客本人阅读并勾选", "For the customer to read and tick"),
            intro=_t(
                lang,
                f"工作人员会在您选择的时间给您打电话，介绍“{service}”。不勾选，就不登记。",
                f'Staff will call you at a time you choose, about "{service}". '
                "Without your tick nothing is noted.",
            ),
            consent_text=consent_text(lang),
        )
    elif step is Step.NUMBER:
        face.update(
            heading=_t(lang, "顾客的手机号码", "The customer's mobile number"),
            intro=_t(lang, "输入后只显示部分号码。", "Once entered, the number shows only in part."),
        )
    elif step is Step.DETAILS:
        face.update(
            heading=_t(lang, "感兴趣的业务和回电时间", "Service of interest and when to call"),
            intro=_t(lang, f"号码：{reg.masked_number}", f"Number: {reg.masked_number}"),
            service_label=_t(lang, "感兴趣的业务", "Service of interest"),
            when_label=_t(lang, "什么时候回电", "When to call"),
        )
    elif step is Step.SAVED and reg.saved is not None:
        saved = reg.saved
        when = when_text(_day_of(reg, saved.call_day), saved.call_part, lang)
        face.update(
            heading=_t(lang, "已登记", "Registered"),
            saved_line=_t(
                lang,
                f"已保存：{saved.phone}，{service}，{when}",
                f"Saved: {saved.phone}, {service}, {when}",
            ),
            saved_note=_t(
                lang,
                f"请在约定时间回电。号码最多保存 {KEPT_DAYS} 天。",
                f"Please call at the time agreed. The number is kept for at most {KEPT_DAYS} days.",
            ),
        )
    return RegisterFace(**face)  # type: ignore[arg-type]


def register_choices(reg: Registration, lang: str) -> tuple[Chip, ...]:
    """The details step's choices: services, days, parts of the day (none at other steps)."""
    if reg.step is not Step.DETAILS:
        return ()
    chips = [
        Chip("service", c.service, _name(c.name, lang) or c.service, reg.service == c) for c in reg.choices
    ]
    today = reg.call_day() - timedelta(days=dict(DAYS)[reg.day])
    for day, ahead in DAYS:
        label = day_label(day, today + timedelta(days=ahead), lang)
        chips.append(Chip("day", day, label, reg.day == day, reg.day_open(day)))
    for part in PART_NAMES:
        label = part_label(part, lang)
        chips.append(Chip("part", part, label, reg.part == part, reg.part_open(reg.day, part)))
    return tuple(chips)


def _service_name(reg: Registration, lang: str) -> str:
    if reg.saved is not None:
        return _name(reg.saved.service_name, lang) or reg.saved.service
    if reg.service is None:
        return ""
    return _name(reg.service.name, lang) or reg.service.service


def _name(names: dict[str, str], lang: str) -> str:
    return names.get(lang) or names.get(ZH) or names.get(EN) or ""


def _day_of(reg: Registration, call_day: date) -> str:
    """Which of the offered days `call_day` is (as the form saved it)."""
    today = reg.call_day() - timedelta(days=dict(DAYS)[reg.day])
    ahead = (call_day - today).days
    return next((name for name, n in DAYS if n == ahead), "dayAfter")
