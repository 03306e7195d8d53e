"""Shared fixtures: real media made once per session, and factories for valid packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packfactory import make_media, make_pack, national_files


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_media(tmp_path_factory.mktemp("media"))


@pytest.fixture
def national(tmp_path: Path, media_dir: Path) -> Path:
    """A valid national pack in its own folder."""
    return make_pack(tmp_path / "national", media_dir)


@pytest.fixture
def national_json() -> dict:
    return national_files()
