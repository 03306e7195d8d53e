"""The register form's rules (kiosk.flow.register) and its words (kiosk.present.register),
with an injected clock and a book in memory: consent first and never assumed, the number
checked as typed, the staff member credited, one entry per form, the number forgotten on
cancel and masked once kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.flow.register import Choice, Lead, LeadNotKeptError, Problem, Registration, Step
from kiosk.present.register import register_choices, register_face

RINGBACK = Choice("svc.ringback", {"zh-CN": "彩铃", "en": "Ring-back tones"})
DATA = Choice("svc.data.10gb", {"zh-CN": "10GB 流量包", "en": "10 GB data pack"})
SHENZHEN = ZoneInfo("Asia/Shanghai")


class Book:
    def __init__(self) -> None:
        self.kept: list[Lead] = []
        self.fail = False

    def keep(self, lead: Lead) -> None:
        if self.fail:
            raise LeadNotKeptError("the disk is full")
        if all(k.id != lead.id for k in self.kept):
            self.kept.append(lead)


class Clock:
    def __init__(self, hour: int = 10) -> None:
        self.at = datetime(2026, 12, 3, hour, 0, tzinfo=SHENZHEN)

    def local(self) -> datetime:
        return self.at

    def wall(self) -> datetime:
        return self.at.astimezone(UTC)


def form(
    staff: str | None = "S-1001", hour: int = 10
) -> tuple[Registration, Book, list[tuple[str, dict[str, Any]]], Clock]:
    events: list[tuple[str, dict[str, Any]]] = []
    book = Book()
    clock = Clock(hour)
    reg = Registration(
        lambda kind, **data: events.append((kind, data)),
        book,
        staff=lambda: staff,
        local_now=clock.local,
        wall=clock.wall,
        session=lambda: "sess-1",
    )
    reg.open("svc.ringback", [RINGBACK, DATA])
    return reg, book, events, clock


def to_details(reg: Registration, number: str = "13812345678") -> None:
    assert reg.set_consent(True)
    assert reg.consent_done()
    for d in number:
        reg.digit(d)
    assert reg.number_done()


def test_the_form_opens_on_the_consent_box_never_ticked_and_goes_no_further_without_it() -> None:
    reg, book, events, _ = form()

    assert reg.step is Step.CONSENT and reg.consent is False
    assert not reg.consent_done()
    assert reg.problem is Problem.NO_CONSENT and reg.step is Step.CONSENT
    assert not reg.digit("1")  # no keypad before consent
    assert reg.set_consent(True) and reg.problem is Problem.NONE
    assert reg.set_consent(False) and not reg.consent_done()
    assert book.kept == [] and [k for k, _ in events] == ["register_start"]


def test_a_full_entry_is_kept_with_the_staff_member_the_day_and_the_part_and_shows_masked() -> None:
    reg, book, events, clock = form()
    to_details(reg)
    assert reg.set_part("afternoon")

    assert reg.save()

    [lead] = book.kept
    assert lead.staff == "S-1001" and lead.service == "svc.ringback" and lead.phone == "13812345678"
    assert (lead.call_day, lead.call_part) == (date(2026, 12, 4), "afternoon")
    assert lead.consented_at == lead.created_at == clock.wall() and lead.session == "sess-1"
    assert reg.step is Step.SAVED and reg.digits == "" and reg.saved is not None
    assert reg.saved.phone == "138****5678"
    assert register_face(reg, "en").saved_line == "Saved: 138****5678, Ring-back tones, tomorrow afternoon"
    assert register_face(reg, "zh-CN").saved_line == "已保存：138****5678，彩铃，明天下午"
    saved = dict(events)["register_saved"]
    assert saved["staff"] == "S-1001" and "13812345678" not in str(events)


def test_the_number_is_checked_as_typed_and_a_short_one_does_not_go_on() -> None:
    reg, _, _, _ = form()
    reg.set_consent(True)
    reg.consent_done()

    reg.digit("2")
    assert reg.problem is Problem.NOT_MOBILE_START
    assert register_face(reg, "en").problem == "A mobile number starts with 1."
    assert register_face(reg, "zh-CN").problem == "手机号码以 1 开头。"
    reg.erase()
    for d in "12":
        reg.digit(d)
    assert reg.problem is Problem.NOT_MOBILE_PREFIX
    reg.clear_number()
    for d in "13812":
        reg.digit(d)
    assert reg.problem is Problem.NONE and not reg.number_done()
    assert reg.problem is Problem.TOO_FEW_DIGITS and reg.step is Step.NUMBER
    for d in "345678":
        reg.digit(d)
    assert not reg.digit("9")  # 11 digits at most
    assert reg.number_done() and reg.masked_number == "138****5678"
    assert register_face(reg, "en").intro == "Number: 138****5678"


def test_the_service_shown_when_opened_is_chosen_and_can_be_changed() -> None:
    reg, book, _, _ = form()
    to_details(reg)

    assert reg.service == RINGBACK
    assert reg.set_service("svc.data.10gb") and not reg.set_service("svc.unknown")
    reg.set_part("evening")
    reg.save()

    assert book.kept[0].service == "svc.data.10gb" and book.kept[0].service_name["en"] == "10 GB data pack"


def test_parts_of_today_that_have_ended_are_not_offered() -> None:
    reg, _, _, _ = form(hour=19)
    to_details(reg)

    assert reg.set_day("today")
    assert not reg.set_part("morning") and not reg.set_part("afternoon") and reg.set_part("evening")
    chips = {(c.group, c.id): c for c in register_choices(reg, "en")}
    assert not chips[("part", "morning")].enabled and chips[("part", "evening")].chosen
    assert chips[("day", "tomorrow")].label == "Tomorrow · Fri 4 Dec"
    late, _, _, _ = form(hour=22)
    to_details(late)
    assert not late.set_day("today") and late.day == "tomorrow"


def test_save_needs_a_part_of_the_day_and_a_signed_in_staff_member() -> None:
    reg, book, _, _ = form(staff=None)
    to_details(reg)

    assert not reg.save() and reg.problem is Problem.NO_WHEN
    reg.set_part("morning")
    assert not reg.save() and reg.problem is Problem.NO_STAFF
    assert book.kept == [] and reg.step is Step.DETAILS
    assert register_face(reg, "en").problem == "Sign in as staff to save this."


def test_an_entry_the_kiosk_cannot_keep_says_so_and_saving_again_keeps_the_same_id_once() -> None:
    reg, book, events, _ = form()
    to_details(reg)
    reg.set_part("morning")
    book.fail = True

    assert not reg.save() and reg.problem is Problem.NOT_KEPT and reg.step is Step.DETAILS
    book.fail = False
    assert reg.save() and reg.save() is False  # a second Save on the receipt does nothing

    assert len(book.kept) == 1 and book.kept[0].id == reg.entry_id
    assert [k for k, _ in events].count("register_not_kept") == 1


@pytest.mark.parametrize("step", ["consent", "number", "details"])
def test_cancel_and_idle_forget_the_number_at_any_step(step: str) -> None:
    reg, book, events, _ = form()
    if step != "consent":
        reg.set_consent(True)
        reg.consent_done()
        for d in "1381234":
            reg.digit(d)
    if step == "details":
        for d in "5678":
            reg.digit(d)
        reg.number_done()

    assert reg.cancel("idle")

    assert reg.step is Step.CLOSED and reg.digits == "" and reg.consent is False and book.kept == []
    assert events[-1] == ("register_cancel", {"step": step, "reason": "idle"})
    assert register_face(reg, "en").number == ""


def test_back_goes_one_step_and_the_receipt_closes_with_done() -> None:
    reg, _, events, _ = form()
    to_details(reg)

    assert reg.back() and reg.step is Step.NUMBER and reg.digits == "13812345678"
    assert reg.back() and reg.step is Step.CONSENT and not reg.back()
    reg.consent_done()
    reg.number_done()
    reg.set_part("morning")
    reg.save()
    assert reg.cancel("idle") and events[-1][0] == "register_done"


def test_the_customer_reads_who_calls_about_what_and_how_long_the_number_is_kept() -> None:
    reg, _, _, _ = form()

    en, zh = register_face(reg, "en"), register_face(reg, "zh-CN")

    assert "staff of this store may call me" in en.consent_text and "at most 30 days" in en.consent_text
    assert "used for nothing else" in en.consent_text and "Ring-back tones" in en.intro
    assert "最多保存 30 天" in zh.consent_text and "彩铃" in zh.intro
    assert en.consent is False and en.step_text == "Step 1 of 3"


def test_days_offered_are_today_tomorrow_and_the_day_after_in_the_stores_calendar() -> None:
    reg, _, _, clock = form()
    to_details(reg)
    reg.set_day("dayAfter")
    reg.set_part("morning")
    reg.save()

    assert reg.saved is not None and reg.saved.call_day == clock.local().date() + timedelta(days=2)
    assert register_face(reg, "en").saved_line.endswith("the day after tomorrow, morning")
    assert register_face(reg, "zh-CN").saved_line.endswith("后天上午")
