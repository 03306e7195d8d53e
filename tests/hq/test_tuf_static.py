"""The repository's files as `kiosk-hq serve` gives them: resumable, and fresh where it matters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.hq.store import HqStore
from tests.hq.apikit import Api, hq_api


@pytest.fixture
def served(store: HqStore, tmp_path: Path) -> Iterator[Api]:
    public = tmp_path / "public"
    (public / "metadata").mkdir(parents=True)
    (public / "targets" / "national" / "blobs").mkdir(parents=True)
    (public / "metadata" / "timestamp.json").write_text('{"signed": {}}', encoding="utf-8")
    (public / "targets" / "national" / "blobs" / "ab12.video").write_bytes(bytes(range(256)) * 400)
    with hq_api(store, tmp_path, public=public) as api:
        yield api


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_large_target_can_be_fetched_from_where_a_download_stopped(served: Api) -> None:
    answer = served.get("/tuf/targets/national/blobs/ab12.video", headers={"Range": "bytes=1000-1999"})

    assert answer.status_code == 206
    assert answer.content == (bytes(range(256)) * 400)[1000:2000]
    assert answer.headers["Content-Range"] == "bytes 1000-1999/102400"
    assert "immutable" in answer.headers["Cache-Control"]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_metadata_is_never_served_from_a_cache(served: Api) -> None:
    answer = served.get("/tuf/metadata/timestamp.json")

    assert answer.status_code == 200 and answer.json() == {"signed": {}}
    assert answer.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_nothing_outside_the_served_folder_can_be_reached(served: Api, tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_text("private", encoding="utf-8")

    assert served.get("/tuf/metadata/../../secret.key").status_code == 404
    assert served.get("/tuf/metadata/%2e%2e/%2e%2e/secret.key").status_code == 404
