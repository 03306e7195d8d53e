"""A TCP proxy between the kiosk and HQ that breaks connections the way store networks do.

Each connection it accepts draws one fate (seeded, so a failing run can be replayed):
`ok` passes bytes both ways; `refuse` closes the connection at once; `cut` lets the request
reach HQ and drops the answer (the connection closes as HQ's first bytes come back);
`truncate` passes part of the answer, then closes; `stall` holds the answer back until the
kiosk gives up. It counts the bytes each way, for the delta test and the idle-sync benchmark, and can slow
them to a store link's speed (`rate`).
"""

from __future__ import annotations

import random
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

FATES = ("refuse", "cut", "truncate", "stall")


class FaultProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, upstream: tuple[str, int], fault_rate: float, seed: int, stall_s: float, rate: float | None
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = upstream
        #: Bytes a second HQ's answers may flow at (None: as fast as loopback goes).
        self.rate = rate
        self.fault_rate = fault_rate
        self.stall_s = stall_s
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.fates: dict[str, int] = {}
        self.bytes_down = 0
        self.bytes_up = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fate(self) -> str:
        with self._lock:
            fate = self._rng.choice(FATES) if self._rng.random() < self.fault_rate else "ok"
            self.fates[fate] = self.fates.get(fate, 0) + 1
            return fate

    def count(self, n: int, up: bool = False) -> None:
        with self._lock:
            if up:
                self.bytes_up += n
            else:
                self.bytes_down += n


class _Handler(socketserver.BaseRequestHandler):
    server: FaultProxy

    def handle(self) -> None:
        client: socket.socket = self.request
        fate = self.server.fate()
        if fate == "refuse":
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.close()  # a reset, as a dropped link or a full firewall table gives
            return
        try:
            upstream = socket.create_connection(self.server.upstream, timeout=30)
        except OSError:
            client.close()
            return
        done = threading.Event()
        up = threading.Thread(target=_pipe, args=(client, upstream, done, self.server), daemon=True)
        up.start()
        try:
            self._down(upstream, client, fate, done)
        finally:
            done.set()
            for s in (client, upstream):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def _down(self, upstream: socket.socket, client: socket.socket, fate: str, done: threading.Event) -> None:
        while not done.is_set():
            try:
                data = upstream.recv(65536)
            except OSError:
                return
            if not data:
                return
            if fate == "cut":
                return
            if fate == "stall":
                done.wait(self.server.stall_s)
                return
            if fate == "truncate":
                keep = max(1, len(data) // 2)
                client.sendall(data[:keep])
                self.server.count(keep)
                return
            try:
                client.sendall(data)
            except OSError:
                return
            self.server.count(len(data))
            if self.server.rate:
                time.sleep(len(data) / self.server.rate)


def _pipe(src: socket.socket, dst: socket.socket, done: threading.Event, proxy: FaultProxy) -> None:
    try:
        while not done.is_set():
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
            proxy.count(len(data), up=True)
    except OSError:
        pass
    finally:
        done.set()


@contextmanager
def fault_proxy(
    url: str, fault_rate: float = 0.3, seed: int = 1, stall_s: float = 5.0, rate: float | None = None
) -> Iterator[FaultProxy]:
    host, _, port = url.removeprefix("http://").partition(":")
    proxy = FaultProxy((host, int(port)), fault_rate, seed, stall_s, rate)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
