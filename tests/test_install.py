"""A store machine installs the kiosk alone: no HQ server stack, the sample content inside.

Builds the wheel as a release would, installs it into a fresh virtual environment without
the `hq` extra, and runs it from outside the checkout, so nothing can come from the source
tree by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SERVER_STACK = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "psycopg")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding the kiosk wheel and its own dependencies only."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is README's one prerequisite and is missing here")
    where = tmp_path_factory.mktemp("install")
    dist, venv = where / "dist", where / "venv"
    subprocess.run([uv, "build", "--wheel", "-q", "-o", str(dist)], cwd=ROOT, check=True)
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    (wheel,) = dist.glob("kiosk-*.whl")
    subprocess.run(
        [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), str(wheel)], check=True
    )
    return venv / "bin"


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(cwd / "data")}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_kiosk_installs_without_the_hq_server_stack(installed: Path, tmp_path: Path) -> None:
    code = f"import importlib.util as u; print([m for m in {SERVER_STACK!r} if u.find_spec(m)])"
    found = _run(installed, "python", "-c", code, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"


def test_an_installed_kiosk_renders_home_from_its_bundled_sample_content(
    installed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "home.png"
    done = _run(installed, "kiosk", "screenshot", "home", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with Image.open(out) as shot:
        # The sample home page (photos, cards, text), not a blank or single-colour window.
        assert shot.size == (1920, 1080)
        assert len(shot.convert("RGB").getcolors(maxcolors=1 << 20) or ()) > 1000
    assert "Traceback" not in done.stderr


def test_kiosk_hq_without_its_extra_says_which_extra_to_install(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, "kiosk-hq", "serve", cwd=tmp_path)
    assert done.returncode == 2
    assert "pip install 'kiosk[hq]'" in done.stderr
    assert "Traceback" not in done.stderr
