"""What the sync benchmarks share: a published HQ served by the real `kiosk-hq serve` on
127.0.0.1, an enrolled kiosk data folder, and a large pack made of real video files.

Not a benchmark itself (no figures): imported by sync_first.py, reverify.py, sync_idle.py and
hq_ingest.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.config import BUNDLED_CONTENT  # noqa: E402
from tests.hq.pgtemp import free_port  # noqa: E402

HQ = [sys.executable, "-m", "kiosk.hq.cli"]
KIOSK = [sys.executable, "-m", "kiosk.cli"]
#: Where the large pack's videos are kept between runs (making them takes half a minute).
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kiosk-benchmarks"


def big_pack(where: Path, megabytes: int) -> Path:
    """The bundled national pack plus videos (MPEG-4, noise: it does not compress) adding up
    to about `megabytes` MB: a national pack a kiosk can show, of a store's real size."""
    videos = _noise_videos(megabytes)
    pack = where / "national"
    shutil.copytree(BUNDLED_CONTENT / "national", pack)
    listed = json.loads((pack / "videos.json").read_text(encoding="utf-8"))
    poster = listed[0]["poster"]
    for i, video in enumerate(videos):
        shutil.copyfile(video, pack / "media" / "video" / video.name)
        listed.append(
            {
                "id": f"vid.bench.{i:02d}",
                "title": {"zh-CN": f"测试视频 {i}", "en": f"Test video {i}"},
                "file": f"media/video/{video.name}",
                "poster": poster,
            }
        )
    (pack / "videos.json").write_text(json.dumps(listed, ensure_ascii=False, indent=1), encoding="utf-8")
    return pack


def _noise_videos(megabytes: int) -> list[Path]:
    folder = CACHE / f"noise-{megabytes}mb"
    done = folder / "done"
    if done.exists():
        return sorted(folder.glob("*.mp4"))
    import av
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    made, i = 0, 0
    print(f"making {megabytes} MB of test video in {folder} (once)...", file=sys.stderr)
    while made < megabytes * 1_000_000:
        path = folder / f"bench-{i:02d}.mp4"
        with av.open(str(path), "w") as out:
            stream = out.add_stream("mpeg4", rate=25)
            stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
            stream.bit_rate = 40_000_000
            for _ in range(50):
                frame = av.VideoFrame.from_ndarray(
                    rng.integers(0, 255, (720, 1280, 3), dtype=np.uint8), format="rgb24"
                )
                for packet in stream.encode(frame):
                    out.mux(packet)
            for packet in stream.encode():
                out.mux(packet)
        made += path.stat().st_size
        i += 1
    done.touch()
    return sorted(folder.glob("*.mp4"))


def publish(repo: Path, pack: Path) -> None:
    from kiosk.hq import repository

    repository.init(repo)
    repository.publish(repo, pack, "national", check_media=False)


@contextmanager
def hq_serving(
    repo: Path | None, work: Path, db_url: str | None = None
) -> Iterator[tuple[str, subprocess.Popen, str]]:
    """`kiosk-hq serve` (with `--repo` when given) on a free port, its data in `work`, on
    `db_url` (default: SQLite in `work`): its URL, process and database URL."""
    port = free_port()
    db_url = db_url or f"sqlite:///{work / 'hq.sqlite3'}"
    env = {**installed_env(), "KIOSK_HQ_DATA_DIR": str(work), "KIOSK_LOG": "WARNING"}
    log = (work / f"serve-{port}.log").open("wb")
    repo_args = ["--repo", str(repo)] if repo is not None else []
    proc = subprocess.Popen(
        [*HQ, "serve", *repo_args, "--db", db_url, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(url + "/openapi.json", timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((work / f"serve-{port}.log").read_text()[-2000:]) from None
                time.sleep(0.05)
        yield url, proc, db_url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def enrolment_code(db_url: str, work: Path) -> str:
    """A one-time enrolment code for the sample store, from the real `kiosk-hq enroll`."""
    env = {**os.environ, "KIOSK_HQ_DATA_DIR": str(work), "KIOSK_LOG": "WARNING"}
    out = subprocess.run(
        [*HQ, "enroll", "--db", db_url, "--store", "GD-SZ-0001", "--city", "GD-SZ", "--province", "GD"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split(": ")[1].split()[0]


def enrolled_kiosk(url: str, db_url: str, work: Path, data: Path) -> None:
    """Enrol a kiosk with its data in `data`, with the real commands."""
    env = {**os.environ, "KIOSK_HQ_DATA_DIR": str(work), "KIOSK_LOG": "WARNING"}
    code = enrolment_code(db_url, work)
    subprocess.run(
        [*KIOSK, "--data-dir", str(data), "enroll", "--hq", url, "--code", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )


def installed_env() -> dict[str, str]:
    """The environment of a kiosk or HQ as installed: bytecode compiled (pip does it at
    install; a development shell may forbid writing it with PYTHONDONTWRITEBYTECODE, which
    would time Python compiling the modules at every start instead)."""
    import compileall

    compileall.compile_dir(str(ROOT / "kiosk"), quiet=1)
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
