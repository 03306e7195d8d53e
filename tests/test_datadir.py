"""kiosk.datadir.replace_whole: a file the kiosk can make again, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.datadir import replace_whole


def test_a_file_is_replaced_whole_and_no_temporary_file_stays(tmp_path: Path) -> None:
    path = tmp_path / "new" / "record.json"
    replace_whole(path, b"old")
    replace_whole(path, b"new")

    assert path.read_bytes() == b"new"
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]


def test_a_write_that_fails_at_the_replace_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()  # a folder where the file should go: the replace fails

    with pytest.raises(OSError):
        replace_whole(tmp_path / "taken", b"new")

    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
