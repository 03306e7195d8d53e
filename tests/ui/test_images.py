"""Card pictures: made once at the size they are shown, kept on disk for the next start, and
decoded once however many ask at the same time."""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage

from kiosk.ui import images
from kiosk.ui.images import Ask, PictureShelf, RoundedImageProvider, parse_id, rounded
from kiosk.ui.shell import KioskShell
from tests.ui.kit import build_catalog, build_pack, items, make_media, wait_idle

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


def picture(path: Path, color: str, size: tuple[int, int] = (320, 180)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return path


def image_id(path: Path, size: tuple[int, int], radius: int = 12, corners: str = "1111") -> str:
    return (
        f"r{radius}-{corners}-{size[0]}x{size[1]}/"
        + QUrl.toPercentEncoding(QUrl.fromLocalFile(str(path)).toString()).data().decode()
    )


def request(provider: RoundedImageProvider, id: str) -> QImage:
    return provider.requestImage(id, QSize(), QSize())


@pytest.fixture(autouse=True)
def fresh_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "_cache", images._SourceCache(images.CACHE_SIZE))


# -- what QML asks for -----------------------------------------------------------------
def test_an_id_names_the_picture_its_size_and_its_round_corners() -> None:
    assert parse_id(image_id(Path("/packs/a b.jpg"), (320, 180), 24, "1100")) == Ask(
        Path("/packs/a b.jpg"), QSize(320, 180), 24, "1100"
    )


@pytest.mark.parametrize(
    "spec",
    ["r24-1100", "r24-1100-0x180", "r24-1100-320x", "r24-110-320x180", "r24-1120-320x180", "24-1100-320x180"],
)
def test_a_malformed_id_is_refused(spec: str) -> None:
    assert parse_id(spec + "/file%3A%2F%2F%2Fx.jpg") is None


def test_a_picture_fills_the_size_asked_for_with_its_corners_cut(qapp: Any, tmp_path: Path) -> None:
    path = picture(tmp_path / "a.png", "#e4572e")

    image = request(RoundedImageProvider(), image_id(path, (96, 60), radius=16, corners="0110"))

    assert (image.width(), image.height()) == (96, 60)
    assert image.pixelColor(0, 0) == QColor("#e4572e")  # top-left: square
    assert image.pixelColor(95, 0).alpha() == 0  # top-right: round
    assert image.pixelColor(48, 30) == QColor("#e4572e")


def test_an_unreadable_picture_is_a_null_image(qapp: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")

    assert request(RoundedImageProvider(), image_id(broken, (96, 60))).isNull()
    assert request(RoundedImageProvider(), image_id(tmp_path / "missing.jpg", (96, 60))).isNull()


# -- the shelf: finished pictures kept for the next start ------------------------------
def test_a_kept_picture_is_handed_over_at_the_next_start_without_decoding(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = picture(tmp_path / "a.png", "#2e86ab")
    id = image_id(path, (117, 73), radius=16, corners="1001")
    made = request(RoundedImageProvider(PictureShelf(tmp_path / "shelf")), id)
    monkeypatch.setattr(images, "_cache", images._SourceCache(images.CACHE_SIZE))  # a new process
    monkeypatch.setattr(images, "_decode", lambda path: pytest.fail(f"{path} decoded"))

    kept = request(RoundedImageProvider(PictureShelf(tmp_path / "shelf")), id)

    assert kept == made
    assert kept == rounded(QImage(str(path)), QSize(117, 73), 16, "1001")


def test_a_changed_source_is_made_again(qapp: Any, tmp_path: Path) -> None:
    path = picture(tmp_path / "a.png", "#2e86ab")
    provider = RoundedImageProvider(PictureShelf(tmp_path / "shelf"))
    request(provider, image_id(path, (96, 60)))
    picture(path, "#3bb273")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))

    again = request(provider, image_id(path, (96, 60)))

    assert again.pixelColor(48, 30) == QColor("#3bb273")


def test_a_damaged_kept_picture_is_never_shown(qapp: Any, tmp_path: Path) -> None:
    path = picture(tmp_path / "a.png", "#2e86ab")
    shelf = PictureShelf(tmp_path / "shelf")
    id = image_id(path, (96, 60))
    made = request(RoundedImageProvider(shelf), id)
    key = shelf.key(parse_id(id))  # type: ignore[arg-type]
    assert key is not None
    (kept,) = shelf.folder.iterdir()
    kept.write_bytes(kept.read_bytes()[:-7])

    assert shelf.get(key) is None
    assert request(RoundedImageProvider(shelf), id) == made


def test_two_keys_sharing_a_file_name_never_swap_pictures(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = PictureShelf(tmp_path / "shelf")
    monkeypatch.setattr(PictureShelf, "_file", lambda self, key: self.folder / "same")
    red = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    red.fill(QColor("red"))
    shelf.put("a", red)

    assert shelf.get("b") is None
    assert shelf.get("a") == red


def test_the_shelf_stays_within_its_size_dropping_the_oldest_first(qapp: Any, tmp_path: Path) -> None:
    one = 16 + 2 + 4 * 50 * 50  # a header, a key of two letters and 50x50 pixels
    shelf = PictureShelf(tmp_path / "shelf", limit=4 * one)
    image = QImage(50, 50, QImage.Format.Format_ARGB32_Premultiplied)
    made = []
    for i in range(9):
        image.fill(QColor(i, 0, 0))
        shelf.put(f"p{i}", image)
        (newest,) = set(shelf.folder.iterdir()) - {f for f, _ in made}
        os.utime(newest, ns=(i * 10**9, i * 10**9))
        made.append((newest, f"p{i}"))

    kept = [key for f, key in made if f.exists()]

    assert sum(p.stat().st_size for p in shelf.folder.iterdir()) <= 4 * one
    assert "p8" in kept and "p0" not in kept


# -- sources: decoded once -------------------------------------------------------------
def test_a_picture_the_prefetch_is_decoding_is_waited_for_not_decoded_twice(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = picture(tmp_path / "a.png", "#a05ac8")
    decoded: list[Path] = []
    someone_waits = threading.Event()
    real_decode = images._decode

    class WaitSeen(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            if self in images._cache._loading.values():  # not some other event of threading's
                someone_waits.set()
            return super().wait(timeout)

    def slow_decode(p: Path) -> QImage | None:
        decoded.append(p)
        someone_waits.wait(10)  # until the provider waits for this very decoding
        return real_decode(p)

    monkeypatch.setattr(images, "_decode", slow_decode)
    monkeypatch.setattr(images.threading, "Event", WaitSeen)
    prefetching = images.prefetch([path])
    while not decoded:  # the prefetch thread has claimed the picture
        prefetching.join(0.01)

    source = images._cache.get(path)

    prefetching.join()
    assert decoded == [path]
    assert source is not None and source == QImage(str(path)).convertToFormat(source.format())


# -- the home screen asks once per picture, at the size it shows -----------------------
def rounded_sources(root: Any) -> list[str]:
    found = []
    for it in items(root):
        source = it.property("source")
        if isinstance(source, QUrl) and source.toString().startswith("image://rounded/"):
            found.append(source.toString().removeprefix("image://rounded/"))
    return found


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_home_screen_makes_each_of_its_pictures_once_and_rows_for_one_panel(
    make_ui: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size: tuple[int, int]
) -> None:
    asked: list[str] = []
    real = RoundedImageProvider.requestImage

    def spy(self: RoundedImageProvider, id: str, out: QSize, requested: QSize) -> QImage:
        asked.append(id)
        return real(self, id, out, requested)

    monkeypatch.setattr(RoundedImageProvider, "requestImage", spy)
    # Pictures of its own: Qt keeps those other tests showed, and would not ask again.
    catalog = build_catalog(build_pack(make_media(tmp_path / "media")))
    ui: KioskShell = make_ui(size=size, catalog=catalog)

    ui.kiosk.navigator.start()
    wait_idle(qtbot, ui)

    home = ui.window.contentItem()
    shown = set(rounded_sources(home))
    assert shown, "the home screen shows pictures"
    # Made once each. (Boxes laid out before the window and the theme's scale settle may
    # also ask at a passing size, while the home screen is made out of sight.)
    asked_times = Counter(asked)
    assert all(asked_times[id] == 1 for id in shown)
    top10 = ui.kiosk.content_controller.top10.count
    rows = [it for it in items(home) if it.objectName().startswith("topTen_")]
    assert len(rows) == top10  # the other orientation's panel makes none


# -- banners: whole rather than cropped past their safe margin ---------------------------
def banner(path: Path, size: tuple[int, int]) -> Path:
    """A red picture with a blue band down its left and right edges (where a banner's first
    and last words would be)."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("#e4572e"))
    edge = size[0] // 20
    for x in list(range(edge)) + list(range(size[0] - edge, size[0])):
        for y in range(size[1]):
            image.setPixelColor(x, y, QColor("#1a73e8"))
    assert image.save(str(path))
    return path


def test_an_id_may_ask_for_the_picture_whole() -> None:
    ask = parse_id(image_id(Path("/b.jpg"), (320, 180), 24, "1100w"))
    assert ask == Ask(Path("/b.jpg"), QSize(320, 180), 24, "1100", whole=True)


def test_a_wide_banner_is_shown_whole_on_transparent_bands(qapp: Any, tmp_path: Path) -> None:
    path = banner(tmp_path / "wide.png", (1600, 600))

    whole = request(RoundedImageProvider(), image_id(path, (320, 180), 0, "0000w"))
    cropped = request(RoundedImageProvider(), image_id(path, (320, 180), 0, "0000"))

    assert whole.pixelColor(2, 90) == QColor("#1a73e8")  # its first words show
    assert whole.pixelColor(160, 5).alpha() == 0  # a band above it
    assert cropped.pixelColor(2, 90) == QColor("#e4572e")  # cropped, they were lost


def test_a_banner_near_16_9_still_fills_its_box(qapp: Any, tmp_path: Path) -> None:
    path = banner(tmp_path / "near.png", (1600, 860))

    image = request(RoundedImageProvider(), image_id(path, (320, 180), 0, "0000w"))

    assert image.pixelColor(160, 1).alpha() == 255
    assert image.pixelColor(160, 178).alpha() == 255
