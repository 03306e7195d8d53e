"""The presenter drawer as staff read it beside a customer: the quarter's focus services with
their one-sentence pitch, the talking points of the demo scene on show, and the service's
questions and answers, filtered by what staff typed. Only staff see it (docs/content-pack.md,
"What staff say")."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.catalog import View
from kiosk.packs.model import Scene, Service


@dataclass(frozen=True)
class FocusRow:
    """A focus service of the quarter; `current` when it is the service on show. `lead`: the
    one whose pitch the drawer opens with (the service on show, else the quarter's first)."""

    service_id: str = ""
    name: str = ""
    pitch: str = ""
    current: bool = False
    lead: bool = False


@dataclass(frozen=True)
class PointRow:
    """One talking point of the scene on show."""

    key: str = ""
    text: str = ""


@dataclass(frozen=True)
class QaRow:
    """A customer's question and the answer; `key` is its place in the service's list."""

    key: str = ""
    question: str = ""
    answer: str = ""


@dataclass(frozen=True)
class PresenterPanel:
    quarter: str = ""
    focus: tuple[FocusRow, ...] = ()
    service_id: str = ""
    service_name: str = ""
    #: The demo scene on show ("" off a demo) and its talking points.
    scene_id: str = ""
    talking_points: tuple[PointRow, ...] = ()
    #: The questions matching `query` (all of them when it is empty), and how many there are.
    query: str = ""
    qa: tuple[QaRow, ...] = ()
    qa_total: int = 0


def matches(query: str, *texts: str) -> bool:
    """Every word of `query` is in one of `texts`, ignoring case. Chinese is written without
    spaces, so a word is whatever staff typed between spaces: `退订` finds `怎么退订`."""
    haystack = "\n".join(texts).casefold()
    return all(word in haystack for word in query.casefold().split())


def presenter_rows(
    view: View | None, service_id: str = "", scene_id: str = "", lang: str = "zh-CN", query: str = ""
) -> PresenterPanel:
    """What the drawer shows on `view` for the service `service_id` (if on show) and its demo's
    scene `scene_id` (if any), in `lang`, its questions filtered by `query`."""
    if view is None:
        return PresenterPanel(query=query)
    shown = [(f, s) for f in view.focus if (s := view.service(f.service)) is not None]
    lead = next(
        (f.service for f, _ in shown if f.service == service_id), shown[0][0].service if shown else ""
    )
    focus = tuple(
        FocusRow(f.service, s.name.get(lang), f.pitch.get(lang), f.service == service_id, f.service == lead)
        for f, s in shown
    )
    service = view.service(service_id) if service_id else None
    if service is None:
        return PresenterPanel(quarter=view.quarter, focus=focus, query=query)
    scene = _scene(view, service, scene_id)
    points = tuple(PointRow(str(i), t.get(lang)) for i, t in enumerate(scene.talking_points)) if scene else ()
    qa = tuple(
        QaRow(str(i), item.q.get(lang), item.a.get(lang))
        for i, item in enumerate(service.qa)
        if matches(query, item.q.get(lang), item.a.get(lang))
    )
    return PresenterPanel(
        quarter=view.quarter,
        focus=focus,
        service_id=service.id,
        service_name=service.name.get(lang),
        scene_id=scene.id if scene else "",
        talking_points=points,
        query=query,
        qa=qa,
        qa_total=len(service.qa),
    )


def _scene(view: View, service: Service, scene_id: str) -> Scene | None:
    demo = view.demos.get(service.demo) if service.demo and scene_id else None
    return next((sc for sc in demo.scenes if sc.id == scene_id), None) if demo else None
