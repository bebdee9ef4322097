"""The web view's HTTP transport: one thread watches every connection, a bounded pool answers.

The standard library's threading server gives each connection a thread for as long as it stays
open, reads from it with no time limit and listens with a backlog of 5: a few hundred idle or
half-sent connections hold as many threads, forever. Here instead:

- one thread (the caller of `serve_forever`) accepts connections and reads from all of them without
  blocking, until a whole request (its head, and its body up to the handler's limit) has arrived;
- only then does a worker of a fixed pool run the handler on the bytes read, and write the answer
  (with a write timeout); a keep-alive connection then goes back to the watcher;
- a connection silent for `idle_timeout` seconds, or a request not complete `request_timeout`
  seconds after its first byte, is closed; past `max_connections` the least recently active
  connection waiting for a request is closed to make room;
- the listen backlog is `request_queue_size`.

A head over `MAX_HEAD` bytes is answered 431 (414 when its first line alone is that long) by the
handler's `send_error`, so that answer too carries the handler's headers.

This transport stays the standard library's `http.server` handler on a pool of our own, not an ASGI
server (Starlette, uvicorn): issue 18's load guarantees (p99 latency under load, 500 idle sockets
held without a thread each, one listening socket shared by the `--processes` workers) were measured
on it (`marsad.web.soak`, `marsad.web.bench`), and a change of transport would have to be measured
again. What sits above it, the route table (marsad.web.routes) and the templates, does not depend
on it.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import re
import selectors
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import HTTPServer
from typing import Any

# the longest request head (request line and headers) read before answering 431 or 414
MAX_HEAD = 64 * 1024
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,15})[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_CHUNKED = re.compile(rb"^transfer-encoding[ \t]*:", re.IGNORECASE | re.MULTILINE)
_EXPECT = re.compile(rb"^expect[ \t]*:[ \t]*100-continue", re.IGNORECASE | re.MULTILINE)


@dataclass
class Job:
    """One request for a worker: the connection, the request's bytes, or an error to answer."""

    sock: socket.socket
    data: bytes
    error: tuple[int, str] | None = None


@dataclass(eq=False)
class Connection:
    sock: socket.socket
    address: Any
    last: float  # the last time a byte arrived (or an answer went out)
    started: float | None = None  # when the first byte of the pending request arrived
    buffer: bytearray = field(default_factory=bytearray)
    continued: bool = False  # 100 Continue sent for the pending request


class SocketWriter:
    """What a handler writes to: straight to the socket (sendall, under its write timeout)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def write(self, data: bytes) -> int:
        self._sock.sendall(data)
        return len(data)

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True


def complete_request(buffer: bytearray, max_body: int) -> tuple[int, tuple[int, str] | None] | None:
    """How many bytes of `buffer` make its first request, and an error to answer instead of it;
    None while more must be read."""
    end = _HEAD_END.search(buffer, 0, MAX_HEAD + 4)
    if end is None:
        if len(buffer) > MAX_HEAD:
            first_line = buffer.find(b"\n", 0, MAX_HEAD)
            if first_line < 0:
                return len(buffer), (414, "the request line is too long")
            return len(buffer), (431, "the request's headers are too large")
        return None
    head = bytes(buffer[: end.start()])
    if _CHUNKED.search(head):
        return end.end(), None  # the handler refuses it and closes the connection
    lengths = _LENGTH.findall(head)
    length = int(lengths[0]) if len(lengths) == 1 else 0
    if length > max_body:
        return end.end(), None  # the handler answers 413 and closes the connection
    total = end.end() + length
    return (total, None) if len(buffer) >= total else None


class PooledHTTPServer(HTTPServer):
    """An HTTP server whose handlers run in a fixed pool of `workers` threads; see the module."""

    request_queue_size = 128
    idle_timeout = 20.0
    request_timeout = 10.0
    write_timeout = 30.0
    max_connections = 2000
    max_body = 64 * 1024
    workers = max(4, min(16, 4 * (os.cpu_count() or 1)))

    def __init__(
        self,
        address: tuple[str, int],
        handler: Any,
        *,
        listen_socket: socket.socket | None = None,
        **settings: Any,
    ) -> None:
        """Bind `address`, or serve `listen_socket`, a socket already bound and listening (shared
        with other processes serving the same store: `listen`)."""
        for name, value in settings.items():
            if value is not None:
                if not hasattr(type(self), name):
                    raise TypeError(f"unknown setting {name}")
                setattr(self, name, value)
        self._jobs: queue.SimpleQueue[tuple[Connection, Job] | None] = queue.SimpleQueue()
        self._returned: collections.deque[Connection] = collections.deque()
        self._waiting: dict[socket.socket, Connection] = {}  # connections the watcher reads
        self._busy: set[Connection] = set()  # connections a worker holds
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        self._threads: list[threading.Thread] = []
        if listen_socket is None:
            super().__init__(address, handler)  # binds; on failure calls server_close and raises
        else:
            super().__init__(address, handler, bind_and_activate=False)
            self.socket.close()
            self.socket = listen_socket
            self.server_address = listen_socket.getsockname()
            self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])
        self._threads += [
            threading.Thread(target=self._worker, name=f"marsad-web-{n}", daemon=True)
            for n in range(self.workers)
        ]
        for thread in self._threads:
            thread.start()

    # --- the watcher
    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stop.clear()
        self._stopped.clear()
        selector = selectors.DefaultSelector()
        self.socket.setblocking(False)
        selector.register(self.socket, selectors.EVENT_READ, "listen")
        selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=poll_interval):
                    if key.data == "listen":
                        self._accept(selector)
                    elif key.data == "wake":
                        self._drain_wake()
                    else:
                        self._read(selector, key.data)
                self._take_back(selector)
                self._sweep(selector)
        finally:
            for conn in list(self._waiting.values()):
                self._close(selector, conn)
            selector.close()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever and wait for it to return (from another thread)."""
        self._stop.set()
        self._wake()
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        for _ in self._threads:
            self._jobs.put(None)
        with self._lock:
            busy = list(self._busy)
        for conn in busy:
            _close_quietly(conn.sock)
        self._wake_r.close()
        self._wake_w.close()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # full (already woken) or closed
            self._wake_w.send(b"x")

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass

    def _accept(self, selector: selectors.BaseSelector) -> None:
        for _ in range(256):
            try:
                sock, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of file descriptors, say: leave it in the backlog
                sys.stderr.write(f"marsad serve: accept: {exc}\n")
                return
            if len(self._waiting) + len(self._busy) >= self.max_connections:
                self._evict(selector)
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = Connection(sock, address, last=time.monotonic())
            self._waiting[sock] = conn
            selector.register(sock, selectors.EVENT_READ, conn)

    def _evict(self, selector: selectors.BaseSelector) -> None:
        if self._waiting:
            oldest = min(self._waiting.values(), key=lambda c: c.last)
            self._close(selector, oldest)

    def _read(self, selector: selectors.BaseSelector, conn: Connection) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._close(selector, conn)
            return
        now = time.monotonic()
        conn.last = now
        if conn.started is None:
            conn.started = now
        conn.buffer += data
        self._dispatch_if_complete(selector, conn)

    def _dispatch_if_complete(self, selector: selectors.BaseSelector, conn: Connection) -> None:
        while (
            conn.buffer[:2] in (b"\r\n", b"\n\r") or conn.buffer[:1] == b"\n"
        ):  # blank lines before a request
            del conn.buffer[: 2 if conn.buffer[:2] == b"\r\n" else 1]
        if not conn.buffer:
            conn.started = None
            return
        found = complete_request(conn.buffer, self.max_body)
        if found is None:
            if not conn.continued and _HEAD_END.search(conn.buffer) and _EXPECT.search(conn.buffer):
                conn.continued = True
                with contextlib.suppress(OSError):
                    conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
            return
        size, error = found
        job = Job(conn.sock, bytes(conn.buffer[:size]), error)
        del conn.buffer[:size]
        selector.unregister(conn.sock)
        del self._waiting[conn.sock]
        with self._lock:
            self._busy.add(conn)
        self._jobs.put((conn, job))

    def _take_back(self, selector: selectors.BaseSelector) -> None:
        while self._returned:
            conn = self._returned.popleft()
            if self._stop.is_set():
                _close_quietly(conn.sock)
                continue
            self._waiting[conn.sock] = conn
            try:
                selector.register(conn.sock, selectors.EVENT_READ, conn)
            except (ValueError, OSError):  # closed meanwhile
                self._waiting.pop(conn.sock, None)
                _close_quietly(conn.sock)
                continue
            if conn.buffer:  # pipelined: the next request may be here already
                conn.started = conn.last
                self._dispatch_if_complete(selector, conn)

    def _sweep(self, selector: selectors.BaseSelector) -> None:
        now = time.monotonic()
        for conn in list(self._waiting.values()):
            if conn.started is not None:
                if now - conn.started > self.request_timeout:
                    self._close(selector, conn)
            elif now - conn.last > self.idle_timeout:
                self._close(selector, conn)

    def _close(self, selector: selectors.BaseSelector, conn: Connection) -> None:
        self._waiting.pop(conn.sock, None)
        with contextlib.suppress(KeyError, ValueError):
            selector.unregister(conn.sock)
        _close_quietly(conn.sock)

    # --- the workers
    def _worker(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            conn, job = item
            keep = False
            try:
                conn.sock.settimeout(self.write_timeout)
                handler: Any = self.RequestHandlerClass(job, conn.address, self)  # type: ignore[arg-type]
                keep = not handler.close_connection and job.error is None
            except Exception as exc:  # a handler that fails must not take a worker with it
                sys.stderr.write(f"marsad serve: {type(exc).__name__}: {exc}\n")
            with self._lock:
                self._busy.discard(conn)
            if keep and not self._stop.is_set():
                try:
                    conn.sock.setblocking(False)
                except OSError:
                    _close_quietly(conn.sock)
                    continue
                conn.last = time.monotonic()
                conn.started = None
                conn.continued = False
                self._returned.append(conn)
                self._wake()
            else:
                _close_quietly(conn.sock)


def listen(host: str, port: int, backlog: int = PooledHTTPServer.request_queue_size) -> socket.socket:
    """A socket bound to (host, port) and listening, which several serving processes may share
    (each accepts from it); OSError when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=backlog)
    sock.set_inheritable(True)
    return sock


def _close_quietly(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.close()
