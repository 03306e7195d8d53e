"""Every byte from HQ's TUF repository comes through here: python-tuf's `FetcherInterface`
on `requests` (timeouts, keep-alive), for metadata, and `download` for targets, which
resumes an interrupted download where it stopped.

Resuming is safe because the repository uses consistent snapshots: a target's URL carries
the SHA-256 of its content (`…/blobs/<sha>.<sha>`), so the bytes behind a URL never change
and the part already on disk is the start of the same file. The partial file is named by
its URL; the next try asks for the rest with `Range: bytes=N-` (HQ serves ranges) and,
should a server ignore the range and send the whole file, starts over. What a download
produces is checked against its signed length and hash by the caller (`kiosk.sync.content`)
before anything uses it: this module trusts nothing it fetched.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import requests
from tuf.api import exceptions
from tuf.ngclient.fetcher import FetcherInterface

from kiosk.datadir import sync_folder
from kiosk.sync.hqclient import CONNECT_TIMEOUT_S, READ_TIMEOUT_S, USER_AGENT

CHUNK = 256 * 1024

#: Told each chunk's size as it arrives (progress).
OnBytes = Callable[[int], None]


class Fetcher(FetcherInterface):
    """Safe to use from several threads: each thread other than the creator's gets a
    session (a keep-alive connection) of its own."""

    def __init__(self, session: requests.Session | None = None, on_bytes: OnBytes | None = None) -> None:
        self._main = session or requests.Session()
        self._main.headers["User-Agent"] = USER_AGENT
        self._owner = threading.get_ident()
        self._local = threading.local()
        self._others: list[requests.Session] = []
        self._lock = threading.Lock()
        self.on_bytes = on_bytes
        #: Bytes received over the network (not counting a resumed download's part on disk).
        self.received = 0

    @property
    def session(self) -> requests.Session:
        if threading.get_ident() == self._owner:
            return self._main
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = _sibling(self._main)
            with self._lock:
                self._others.append(session)
        return session

    def close_others(self) -> None:
        """Close the sessions other threads opened."""
        with self._lock:
            for session in self._others:
                session.close()
            self._others.clear()

    def _fetch(self, url: str) -> Iterator[bytes]:
        response = self._get(url, {})
        if response.status_code != 200:
            response.close()
            raise exceptions.DownloadHTTPError(f"{url}: HTTP {response.status_code}", response.status_code)
        return self._chunks(response)

    def download(self, url: str, partial: Path, max_length: int) -> str:
        """`url` into `partial`, continuing what an earlier try left there, at most
        `max_length` bytes; the SHA-256 of the whole file, computed as it arrives (so the
        caller checks it against the signed hash without reading the file again). Not
        fsync'd: the caller makes it durable once it is checked (`make_durable`). Raises
        tuf's DownloadError (and subclasses) for anything the network did."""
        digest = hashlib.sha256()
        have = partial.stat().st_size if partial.exists() else 0
        if have > max_length:
            partial.unlink()
            have = 0
        if have:
            with open(partial, "rb") as f:
                while block := f.read(1 << 20):
                    digest.update(block)
        if have == max_length:
            return digest.hexdigest()  # complete already
        headers = {"Range": f"bytes={have}-"} if have else {}
        response = self._get(url, headers)
        if response.status_code == 416 and have:
            # The server has fewer bytes than the part on disk: not the same file. Start over.
            response.close()
            partial.unlink()
            return self.download(url, partial, max_length)
        if response.status_code not in (200, 206):
            response.close()
            raise exceptions.DownloadHTTPError(f"{url}: HTTP {response.status_code}", response.status_code)
        if response.status_code == 200 and have:
            digest, have = hashlib.sha256(), 0  # the server sent the whole file after all
        written = have
        partial.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "ab" if have else "wb") as out:
            for chunk in self._chunks(response):
                written += len(chunk)
                if written > max_length:
                    raise exceptions.DownloadLengthMismatchError(f"{url}: more than {max_length} bytes")
                out.write(chunk)
                digest.update(chunk)
        return digest.hexdigest()

    def _get(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            return self.session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
                allow_redirects=False,
            )
        except requests.Timeout as e:
            raise exceptions.SlowRetrievalError(f"{url}: timed out") from e
        except requests.RequestException as e:
            raise exceptions.DownloadError(f"{url}: {type(e).__name__}") from e

    def _chunks(self, response: requests.Response) -> Iterator[bytes]:
        try:
            for chunk in response.iter_content(CHUNK):
                with self._lock:
                    self.received += len(chunk)
                    if self.on_bytes is not None:
                        self.on_bytes(len(chunk))
                yield chunk
        except requests.Timeout as e:
            raise exceptions.SlowRetrievalError(f"{response.url}: stalled") from e
        except requests.RequestException as e:
            raise exceptions.DownloadError(f"{response.url}: broke off ({type(e).__name__})") from e
        finally:
            response.close()


def _sibling(main: requests.Session) -> requests.Session:
    """A session of its own for another thread, set up as `main` (its proxies, CA bundle and
    whether it reads them from the environment: `kiosk.sync.hqclient.hq_session`)."""
    session = requests.Session()
    session.headers.update(main.headers)  # the kiosk's User-Agent among them
    session.proxies = dict(main.proxies)
    session.verify, session.cert, session.trust_env = main.verify, main.cert, main.trust_env
    return session


def make_durable(paths: list[Path], *, folders: bool = True) -> None:
    """fsync each file and (unless `folders` is False: the caller moves them elsewhere and
    fsyncs that folder) the folders that hold them: when this returns, they survive a power
    cut."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for folder in {p.parent for p in paths} if folders else ():
        sync_folder(folder)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in large blocks (hashlib releases the GIL on them)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
