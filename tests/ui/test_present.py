"""The rows the UI shows, built without Qt (no QApplication): texts, prices, colours."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from kiosk.domain.catalog import View
from kiosk.present.catalog import BRAND, CategoryRow, ServicePage, shelf
from kiosk.present.media import media_url
from tests.ui.kit import build_catalog, build_pack, local

THEME = Path(__file__).resolve().parents[2] / "kiosk/ui/qml/Kiosk/Theme.qml"


@pytest.fixture
def view(media: dict[str, Path]) -> View:
    return build_catalog(build_pack(media)).at(local(date(2026, 3, 2), 12, 0))


def test_home_lists_rank_the_top10_and_price_them_in_the_language(view: View) -> None:
    rows = shelf(view, "en").top10

    assert [(r.rank, r.service_id) for r in rows][:2] == [(1, "svc.ringback"), (2, "svc.datapack")]
    ringback = rows[0]
    assert (ringback.price_regular, ringback.discounted, ringback.offer_title) == (
        "¥5.00/month",
        True,
        "Daily deal",
    )
    assert (ringback.category_name, ringback.category_color) == ("Music", "#E4572E")


def test_the_open_category_and_service_are_shown_with_their_details(view: View) -> None:
    now = shelf(view, "zh-CN", category_id="cat.music", service_id="svc.ringback")

    assert now.category == CategoryRow("cat.music", "音乐", "#E4572E", now.category.icon, 2)  # type: ignore[union-attr]
    assert [s.service_id for s in now.services] == ["svc.ringback", "svc.radio"]
    page = now.service
    assert isinstance(page, ServicePage)
    assert (page.has_demo, page.has_video) == (True, True)
    assert page.explanation.startswith("前3个月")


def test_nothing_open_shows_no_category_and_no_service(view: View) -> None:
    now = shelf(view, "en")

    assert (now.category, now.services, now.service) == (None, (), None)


def test_an_offer_row_leads_to_the_service_whose_price_it_sets(view: View) -> None:
    offers = {o.offer_id: o for o in shelf(view, "en").offers}

    assert offers["off.daily"].daily_deal and offers["off.daily"].service_id == "svc.ringback"
    assert offers["off.data"].explanation != "" and not offers["off.data"].daily_deal


def test_the_fallback_colour_is_the_themes_brand_colour() -> None:
    brand = re.search(r'property color brand: "(#[0-9A-Fa-f]{6})"', THEME.read_text(encoding="utf-8"))

    assert brand is not None and brand.group(1) == BRAND == ServicePage().category_color


@pytest.mark.parametrize(
    "path", ["/a/b c.png", "/a/中文.png", "/a/%x#y?.png", "/a/[x]^{|}.png", "/a/b+c&d=e;f@g!h$i'j(k).png"]
)
def test_media_urls_are_the_ones_qt_writes(path: str) -> None:
    assert media_url(Path(path)) == QUrl.fromLocalFile(path).toString()


def test_no_file_is_no_url() -> None:
    assert media_url(None) == ""
