"""A real HQ for the kiosk's sync tests: a TUF repository with the sample packs published,
served with the API by the same application and server `kiosk-hq serve` runs, on 127.0.0.1,
over a real SQLite database. Each test gets its own copies (repository and database), made
from templates built once a session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import BUNDLED_CONTENT
from kiosk.hq import repository
from kiosk.hq.db import Database
from tests.sync.hqkit import Hq, serving


@pytest.fixture(scope="session")
def repo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("repo-template") / "repo"
    repository.init(repo)
    national = BUNDLED_CONTENT / "national"
    province = BUNDLED_CONTENT / "province-gd"
    repository.publish(repo, national, "national", check_media=False)
    repository.publish(repo, province, "province:GD", bases=[national], check_media=False)
    repository.publish(
        repo,
        BUNDLED_CONTENT / "store-gd-sz-0001",
        "store:GD-SZ-0001",
        bases=[national, province],
        check_media=False,
    )
    return repo


@pytest.fixture(scope="session")
def hq_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hq-db-template") / "hq.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.close()
    return path


@pytest.fixture
def hq(tmp_path: Path, repo_template: Path, hq_db_template: Path) -> Iterator[Hq]:
    repo = tmp_path / "hq" / "repo"
    shutil.copytree(repo_template, repo, symlinks=True)
    db_path = tmp_path / "hq" / "hq.sqlite3"
    shutil.copyfile(hq_db_template, db_path)
    db = Database(f"sqlite:///{db_path}")
    try:
        with serving(db, repo, tmp_path / "hq") as running:
            yield running
    finally:
        db.close()
