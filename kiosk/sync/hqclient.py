"""HQ's API as the kiosk calls it (docs/hq-api.md), over one `requests` session.

Every call has a connect and a read timeout (a stalled store link must not hang a sync), the
session keeps connections alive between calls, and every failure becomes a `SyncError` with
a reason a person can act on: `HqUnreachableError` when nothing or something other than HQ
answered (refused connections, timeouts, a captive portal's page, a proxy's 502), to be
tried again later; `HqRefusedError` when HQ itself said no, with its reasons.
"""

from __future__ import annotations

import gzip
import json
import time
from typing import Any
from urllib.parse import urljoin

import requests

from kiosk.sync.errors import HqRefusedError, HqUnreachableError

APP_VERSION = "0.1.0"
USER_AGENT = f"kiosk/{APP_VERSION}"
#: Seconds to connect, and to wait for the next bytes of an answer.
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
#: HQ's answers are small; anything bigger is not HQ (and is not read whole).
MAX_ANSWER_BYTES = 1 << 20


def hq_session(url: str) -> requests.Session:
    """A session for HQ at `url`: the environment's proxy (HTTPS_PROXY, NO_PROXY...) and CA
    bundle (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE) for that address are read once, here.

    `requests` reads them again at every request otherwise, walking the whole environment
    three times: about half a millisecond a request, 0.15 s of a first sync's 300 files.
    A kiosk's environment does not change while it runs, and a netrc file (the one other
    thing `requests` would look up) is not how HQ knows a kiosk: its credential is."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    found = session.merge_environment_settings(url, {}, None, None, None)
    session.proxies, session.verify = found["proxies"], found["verify"]
    session.trust_env = False
    return session


class HqClient:
    def __init__(
        self,
        url: str,
        credential: str | None = None,
        session: requests.Session | None = None,
        *,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    ) -> None:
        """`timeout`: seconds to connect, and to wait for the next bytes of an answer."""
        self.url = url.rstrip("/") + "/"
        self.timeout = timeout
        self.credential = credential
        self.session = session or hq_session(self.url)
        self.session.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.session.close()

    def get_bytes(self, path: str, limit: int = MAX_ANSWER_BYTES) -> bytes:
        """A file HQ serves (e.g. the first TUF root), at most `limit` bytes."""
        response = self._send("GET", path, None)
        return _read(response, limit, self.url + path)

    def enrol(self, code: str, secret: str) -> dict[str, Any]:
        return self.call("POST", "v1/enrol", {"code": code, "secret": secret, "app_version": APP_VERSION})

    def call(self, method: str, path: str, body: Any = None, *, compress: bool = False) -> dict[str, Any]:
        """HQ's JSON answer to `body` sent to `path` (relative to HQ's URL); `body` as bytes
        is JSON already encoded."""
        return self.exchange(method, path, body, compress=compress)[0]

    def exchange(
        self, method: str, path: str, body: Any = None, *, compress: bool = False
    ) -> tuple[dict[str, Any], int, Any]:
        """As `call`, with the answer's HTTP status and headers."""
        data = None
        headers = {"Content-Type": "application/json"}
        if body is not None:
            if isinstance(body, bytes):
                data = body
            else:
                data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if compress:
                data = gzip.compress(data, compresslevel=6)
                headers["Content-Encoding"] = "gzip"
        response = self._send(method, path, data, headers)
        where = self.url + path
        raw = _read(response, MAX_ANSWER_BYTES, where)
        answer = _json_object(raw)
        if response.status_code >= 500 or answer is None:
            if answer is not None and response.status_code == 503:
                raise HqUnreachableError(
                    f"HQ is not available right now ({answer.get('error', 'no reason given')})"
                )
            kind = response.headers.get("Content-Type", "?").split(";")[0]
            raise HqUnreachableError(
                f"{where}: answered HTTP {response.status_code} with {kind}, not HQ's JSON "
                "(a proxy or a captive portal in between?)"
            )
        if response.status_code >= 400:
            problems = [str(p) for p in answer.get("problems", []) if isinstance(p, str)][:20]
            reason = answer.get("error", "no reason given")
            raise HqRefusedError(
                f"HQ refused {method} /{path} (HTTP {response.status_code}): {reason}",
                response.status_code,
                problems,
                reason=str(reason),
                retry_after_s=_retry_after(response.headers.get("Retry-After")),
            )
        return answer, response.status_code, response.headers

    def _send(
        self, method: str, path: str, data: bytes | None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        headers = dict(headers or {})
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        try:
            return self.session.request(
                method,
                urljoin(self.url, path),
                data=data,
                headers=headers,
                timeout=self.timeout,
                stream=True,
                allow_redirects=False,
            )
        except requests.RequestException as e:
            raise HqUnreachableError(f"HQ at {self.url} cannot be reached: {_why(e)}") from None


def _read(response: requests.Response, limit: int, where: str) -> bytes:
    try:
        chunks, size = [], 0
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > limit:
                raise HqUnreachableError(f"{where}: the answer is larger than {limit} bytes; that is not HQ")
            chunks.append(chunk)
        return b"".join(chunks)
    except requests.RequestException as e:
        raise HqUnreachableError(f"{where}: the answer broke off: {_why(e)}") from None
    finally:
        response.close()


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (HQ sends whole seconds; an HTTP date is read too)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _why(e: requests.RequestException) -> str:
    """One plain line for a network failure (requests' own messages nest several levels)."""
    if isinstance(e, requests.ConnectTimeout):
        return "no connection within the time allowed"
    if isinstance(e, requests.ReadTimeout):
        return "the answer stalled"
    if isinstance(e, requests.ConnectionError):
        text = str(e)
        for known in (
            "Connection refused",
            "Name or service not known",
            "Network is unreachable",
            "Connection reset",
            "RemoteDisconnected",
            "IncompleteRead",
            "No route to host",
        ):
            if known in text:
                return known
        return "the connection failed"
    return type(e).__name__
