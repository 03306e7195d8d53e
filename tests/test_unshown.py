"""What a valid pack holds that the kiosk will never show is a warning with file and field:
an ended window, an empty category, what only an ended service leads to, an item its own
pack hides (alone and with --base)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kiosk.packs.loader import load_pack
from kiosk.packs.unshown import today_everywhere, unshown
from kiosk.packs.validate_cmd import check
from tests.packfactory import T, make_pack, national_files, text

SERVICE = {
    "id": "svc.gd",
    "category": "cat.music",
    "name": text("广东彩铃", "GD tones"),
    "pitch": T,
    "description": T,
    "price": {"amount": "3.00", "currency": "CNY", "period": "month"},
    "images": ["media/picture.jpg"],
}


def files() -> dict[str, Any]:
    f = national_files()
    f["offers.json"][0]["valid"] = {"from": "2026-01-01", "until": "2099-12-31"}
    return f


def province(**more: Any) -> dict[str, Any]:
    manifest = {**national_files()["pack.json"], "id": "gd", "scope": "province:GD"}
    return {"pack.json": manifest, **more}


def warnings(root: Path, *bases: Path) -> list[str]:
    checked = check(root, bases, check_media=False)
    assert checked.pack is not None, checked.lines
    return [ln.split("/", 1)[1] for ln in checked.lines if "/warning: " in ln]


def test_a_pack_whose_every_item_can_show_gets_no_warning(tmp_path: Path, media_dir: Path) -> None:
    assert warnings(make_pack(tmp_path / "n", media_dir, files())) == []


def test_an_offer_whose_window_has_ended_is_a_warning_and_the_pack_stays_valid(
    tmp_path: Path, media_dir: Path
) -> None:
    f = files()
    f["offers.json"][0]["valid"] = {"from": "2020-01-01", "until": "2020-12-31"}
    f["attract.json"]["items"][2]["valid"] = {"until": "2021-06-30"}

    assert warnings(make_pack(tmp_path / "n", media_dir, f)) == [
        "warning: offers.json: [0].valid.until: the window ended on 2020-12-31: it will never show",
        "warning: attract.json: items[2].valid.until: the window ended on 2021-06-30: it will never show",
    ]


def test_a_window_has_ended_once_its_last_day_is_over_in_every_time_zone(
    tmp_path: Path, media_dir: Path
) -> None:
    f = files()
    f["offers.json"][0]["valid"] = {"until": "2026-12-02"}
    pack = load_pack(make_pack(tmp_path / "n", media_dir, f), check_media=False)

    # 2 December is still going on somewhere (UTC-12) until 12:00 UTC on 3 December.
    assert today_everywhere(datetime(2026, 12, 3, 11, 59, tzinfo=UTC)) == date(2026, 12, 2)
    assert today_everywhere(datetime(2026, 12, 3, 12, 0, tzinfo=UTC)) == date(2026, 12, 3)
    assert unshown(pack, today=date(2026, 12, 2)) == []
    assert [p.field for p in unshown(pack, today=date(2026, 12, 3))] == ["[0].valid.until"]


def test_a_category_with_no_services_is_a_warning(tmp_path: Path, media_dir: Path) -> None:
    f = files()
    f["categories.json"].append({"id": "cat.empty", "name": T, "color": "#123456"})

    assert warnings(make_pack(tmp_path / "n", media_dir, f)) == [
        "warning: categories.json: [2]: no service is in this category (in this pack and the layers "
        "below it): the kiosk leaves an empty category out, so it will not show unless a pack above "
        "adds services to it"
    ]


def test_a_service_that_has_ended_leaves_its_category_offer_demo_video_and_top10_place_empty(
    tmp_path: Path, media_dir: Path
) -> None:
    f = files()
    f["services.json"][0]["valid"] = {"until": "2021-01-31"}  # svc.ringback, alone in cat.music

    assert warnings(make_pack(tmp_path / "n", media_dir, f)) == [
        "warning: services.json: [0].valid.until: the window ended on 2021-01-31: it will never show",
        "warning: categories.json: [0]: every service in this category has ended: the kiosk leaves "
        "an empty category out, so it will not show unless a pack above adds services to it",
        "warning: offers.json: [0].services: every service it applies to has ended: it will never show",
        "warning: demos.json: [0]: no service that can show opens this demo (it is reached only from a "
        "service's page): it will not show unless a pack above adds a service with it",
        "warning: videos.json: [0]: no service that can show opens this video (it is reached only from a "
        "service's page): it will not show unless a pack above adds a service with it",
        "warning: top10.json: services[0]: service 'svc.ringback' has ended (2021-01-31): it will never "
        "show in the TOP-10",
    ]


def test_an_item_its_own_pack_hides_is_a_warning_on_the_pack_alone(tmp_path: Path, media_dir: Path) -> None:
    gd = make_pack(
        tmp_path / "gd",
        media_dir,
        province(
            **{
                "services.json": [SERVICE],
                "overrides.json": [
                    {"section": "services", "id": "svc.gd", "hide": True},
                    # An item of a lower layer, not given: no verdict on it.
                    {"section": "services", "id": "svc.ringback", "set": {"pitch": T}},
                    {"section": "categories", "id": "cat.data", "hide": True},
                ],
            }
        ),
    )

    assert warnings(gd) == [
        "warning: services.json: [0]: this pack hides it (overrides.json [0]): it will never show",
    ]


def test_with_base_items_hidden_along_with_what_they_belong_to_are_warnings(
    tmp_path: Path, media_dir: Path, national: Path
) -> None:
    offer = {
        "id": "off.gd",
        "kind": "campaign",
        "title": T,
        "description": T,
        "services": ["svc.gd"],
        "rule": {"type": "percent_off", "percent": 10},
    }
    gd = make_pack(
        tmp_path / "gd",
        media_dir,
        province(
            **{
                "services.json": [SERVICE],
                "offers.json": [offer],
                "overrides.json": [
                    {"section": "services", "id": "svc.ringback", "set": {"pitch": T}},
                    {"section": "categories", "id": "cat.music", "hide": True},
                ],
            }
        ),
    )

    # National items the province hides are what it means to do: no warning for those.
    assert warnings(gd, national) == [
        "warning: services.json: [0]: this pack hides its category (overrides.json [1]): it will never show",
        "warning: offers.json: [0]: this pack hides every service it applies to: it will never show",
        "warning: overrides.json: [0]: changes services item 'svc.ringback', which this pack's "
        "overrides hide: the change will never show",
    ]
