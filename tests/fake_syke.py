"""Test helpers: SYKE's open-data files in their real layout, and a local stand-in for the site.

``syke_csv_text`` builds a ``kunta_<n>.csv`` the way SYKE publishes it (see
``src/canemure/io/syke_csv.py``); ``serve_fake_syke`` runs an HTTP server on 127.0.0.1 that
serves files like SYKE's site and can misbehave on chosen paths: ``send`` with a short body
(``length`` larger than the body), ``drip`` (a byte at a time), ``oversize`` (a huge body, with
or without ``Content-Length``) and ``hang`` (never answers). No test reaches the internet.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from canemure.io.syke_csv import SYKE_CSV_COLUMNS
from canemure.sectors import sector_hierarchy

Behaviour = Callable[[BaseHTTPRequestHandler, int], None]
"""A route's handler: the request and how many times its path has been requested (1-based)."""


def syke_csv_text(years: Sequence[int], value: str = "0,5") -> str:
    """A SYKE open-data file with every one of the 91 leaves at ``value`` kt in each year.

    The wind-power credits leaf has no ``kt`` (``NA``) and ``-value`` in ``kt_tuuli``.
    """
    lines = [";".join(SYKE_CSV_COLUMNS)]
    for year in years:
        for leaf in sector_hierarchy().leaves:
            a3, a4, a5 = leaf.key.split(":")[0].split("/")
            credit = a3 == "Tuu"
            row = [
                "NA" if credit else value,
                "-" + value if credit else value,
                "1,0",
                str(year),
                "TRUE" if leaf.hinku else "FALSE",
                "TRUE" if leaf.ets else "FALSE",
                a3,
                a4,
                a5,
            ]
            lines.append(";".join(row))
    return "\n".join(lines) + "\n"


def write_syke_csv(path: Path, years: Sequence[int], value: str = "0,5") -> Path:
    """Write :func:`syke_csv_text` to ``path``."""
    path.write_text(syke_csv_text(years, value), encoding="utf-8")
    return path


class FakeSyke:
    """Serves files from ``root`` like SYKE's site, plus routes with scripted misbehaviour."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.routes: dict[str, Behaviour] = {}
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str | None] = []
        self.stop = threading.Event()
        self.url = ""
        self._lock = threading.Lock()

    def add_file(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path.lstrip("/")
        with self._lock:
            self.hits[path] += 1
            hit = self.hits[path]
            self.user_agents.append(handler.headers.get("User-Agent"))
        if path in self.routes:
            self.routes[path](handler, hit)
        elif (self.root / path).is_file():
            send(handler, (self.root / path).read_bytes())
        else:
            handler.send_error(404)


def send(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    *,
    content_type: str = "text/csv; charset=utf-8",
    length: int | None = None,
) -> None:
    """Answer 200 with ``body`` (``length`` may claim more bytes than are sent)."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    with contextlib.suppress(ConnectionError):
        handler.wfile.write(body)


def drip(fake: FakeSyke, body: bytes, *, interval: float = 0.05, limit: float = 5.0) -> Behaviour:
    """A route that announces ``body`` and then sends one byte every ``interval`` seconds.

    Gives up after ``limit`` seconds or when the server stops, so no test can hang on it.
    """

    def behaviour(handler: BaseHTTPRequestHandler, hit: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/csv")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        start = time.monotonic()
        with contextlib.suppress(ConnectionError):
            for i in range(len(body)):
                if fake.stop.wait(interval) or time.monotonic() - start > limit:
                    return
                handler.wfile.write(body[i : i + 1])

    return behaviour


def oversize(total: int, *, announce: bool, chunk: int = 64 * 1024) -> Behaviour:
    """A route that sends ``total`` bytes of CSV-looking data, announcing the length or not.

    Without ``Content-Length`` the body ends when the connection closes (HTTP/1.0).
    """
    block = (b"1;2;3;4\n" * (chunk // 8 + 1))[:chunk]

    def behaviour(handler: BaseHTTPRequestHandler, hit: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/csv")
        if announce:
            handler.send_header("Content-Length", str(total))
        handler.end_headers()
        sent = 0
        with contextlib.suppress(ConnectionError):
            while sent < total:
                piece = block[: min(chunk, total - sent)]
                handler.wfile.write(piece)
                sent += len(piece)

    return behaviour


def hang(fake: FakeSyke, *, limit: float = 5.0) -> Behaviour:
    """A route that accepts the request and never answers (until ``limit`` or server stop)."""

    def behaviour(handler: BaseHTTPRequestHandler, hit: int) -> None:
        fake.stop.wait(limit)

    return behaviour


def connect_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxies (127.0.0.1 must be reached directly) and no offline switch."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.delenv("CANEMURE_OFFLINE", raising=False)


@contextlib.contextmanager
def serve_fake_syke(root: Path) -> Iterator[FakeSyke]:
    """Run a :class:`FakeSyke` on 127.0.0.1 (a free port) for the ``with`` block."""
    fake = FakeSyke(root)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.handle(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield fake
    finally:
        fake.stop.set()  # wake slow handlers
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
