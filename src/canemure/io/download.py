"""Fetch SYKE's open data into the user cache.

SYKE publishes the ALas results at https://paastot.hiilineutraalisuomi.fi/ as one CSV file per
municipality, ``Tulokset_taso_5/kunta_<n>.csv`` (``<n>`` is the Statistics Finland code without
zero padding: ``kunta_5.csv`` for ``"005"``, SYKE's own naming), and a municipality list
``asukasluvut_<year>.csv``. They are cached under ``syke/`` with the same relative paths.

Design choices:

* **Standard library only** (:mod:`urllib.request`), so downloading adds no dependency. Proxy
  settings from the environment (``https_proxy``, ``no_proxy``) are honoured as urllib does.
* **Cache first.** A file that is in the cache and matches its manifest checksum is returned
  without touching the network, unless ``force=True``. A tampered or unrecorded file is fetched
  again.
* **Retries** with exponential backoff (``backoff``, ``2 * backoff``, ...) on timeouts, connection
  errors, truncated bodies and HTTP 5xx / 429. Other HTTP errors (404: SYKE has no such file)
  fail at once. ``retries`` counts *extra* attempts: ``retries=3`` means up to 4 requests.
* **Bounded.** ``timeout`` bounds each wait for the server (connecting, each read);
  ``deadline`` bounds a whole attempt, so a server that drip-feeds a byte at a time cannot keep
  a download going for ever. The body is streamed into a ``.part`` file in the cache folder,
  never held in memory, and refused once it passes ``max_bytes``. A body shorter than its
  ``Content-Length`` is refused as truncated (and retried).
* **Sanity check.** An empty body, or one that starts with ``<`` (an HTML error page or a captive
  portal login), is not data and is rejected; nothing is written.
* **Validated before stored.** A municipality's results file and a municipality list are read
  with the same readers the library uses (:mod:`canemure.io.syke_csv`) before they reach the
  cache; a file that does not parse raises :class:`~canemure.errors.DataFormatError` naming the
  address, line, column and value, and nothing is written. So the cache only ever holds files
  that ``canemure baseline`` can read.
* **Offline mode** (``CANEMURE_OFFLINE=1``) never opens a connection; a missing file raises
  :class:`~canemure.errors.DataNotAvailableError` explaining how to get it by hand and
  :meth:`SykeDownloader.import_file` it (``canemure data import <file>``).
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import attrs

from canemure._version import __version__
from canemure.errors import DataFormatError, DataNotAvailableError, DownloadError, UnknownCodeError
from canemure.io.cache import IMPORTS_DIR, SYKE_DIR, Cache, CacheWriteError, ManifestEntry

__all__ = [
    "MAX_BYTES",
    "OFFLINE_ENV",
    "SYKE_BASE_URL",
    "USER_AGENT",
    "SykeDownloader",
    "municipality_file",
    "municipality_list_file",
    "offline_from_env",
    "syke_cache_path",
]

SYKE_BASE_URL = "https://paastot.hiilineutraalisuomi.fi/"
"""Where SYKE publishes the ALas open data."""
OFFLINE_ENV = "CANEMURE_OFFLINE"
"""Environment variable that switches offline mode on (``1``, ``true`` or ``yes``)."""
USER_AGENT = f"canemure/{__version__}"
"""The ``User-Agent`` header sent with every request."""

_RETRY_STATUS = frozenset({429})
_MUNICIPALITY_FILE = re.compile(r"kunta_0*(\d{1,3})\.csv")
_LIST_FILE = re.compile(r"asukasluvut_(\d{4})\.csv")
_BOM = b"\xef\xbb\xbf"
_CHUNK = 64 * 1024
_HEAD = 4096
MAX_BYTES = 64 * 1024 * 1024
"""Default size limit of one downloaded file (SYKE's files are a few hundred kilobytes)."""


class _TransientError(Exception):
    """An attempt failed in a way another attempt may not (timeouts, truncation, HTTP 5xx)."""


def offline_from_env() -> bool:
    """Return whether ``CANEMURE_OFFLINE`` is set to ``1``, ``true`` or ``yes`` (any case)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in {"1", "true", "yes"}


def municipality_file(code: str) -> str:
    """Return SYKE's path of a municipality's results, e.g. ``"Tulokset_taso_5/kunta_5.csv"``.

    Parameters
    ----------
    code
        Statistics Finland municipality code, with or without zero padding (``"005"``, ``"5"``).

    Raises
    ------
    UnknownCodeError
        If ``code`` is not one to three digits.
    """
    stripped = code.strip()
    if not (stripped.isascii() and stripped.isdigit() and 1 <= len(stripped) <= 3):
        raise UnknownCodeError("municipality code", code)
    return f"Tulokset_taso_5/kunta_{int(stripped)}.csv"


def municipality_list_file(year: int) -> str:
    """Return SYKE's path of the municipality list of ``year``, e.g. ``"asukasluvut_2023.csv"``."""
    return f"asukasluvut_{int(year)}.csv"


def syke_cache_path(filename: str) -> str | None:
    """Return the cache path of a SYKE open-data file name, or ``None`` if it is not one.

    ``"kunta_167.csv"`` gives ``"syke/Tulokset_taso_5/kunta_167.csv"``, ``"asukasluvut_2023.csv"``
    gives ``"syke/asukasluvut_2023.csv"``; this is where :meth:`SykeDownloader.fetch` looks.
    """
    if match := _MUNICIPALITY_FILE.fullmatch(filename):
        return f"{SYKE_DIR}/{municipality_file(match[1])}"
    if match := _LIST_FILE.fullmatch(filename):
        return f"{SYKE_DIR}/{municipality_list_file(int(match[1]))}"
    return None


def _with_slash(url: str) -> str:
    return url.rstrip("/") + "/"


def _not_data(data: bytes) -> str | None:
    """Say why ``data`` cannot be a SYKE CSV file, or return ``None`` if it may be one."""
    head = data.removeprefix(_BOM).lstrip()
    if not head:
        return "the body is empty"
    if head.startswith(b"<"):
        return "the body is HTML (an error page or a network login page), not CSV data"
    return None


Check = Callable[[Path, str], None]
"""Validates a downloaded file (and its address, for messages) before it is stored."""


def _parses_as(read: Callable[[Path], object]) -> Check:
    """A check that runs the reader ``read`` on the downloaded file.

    The reader's problems name the downloaded address instead of the temporary file.
    """

    def check(path: Path, url: str) -> None:
        try:
            read(path)
        except DataFormatError as exc:
            problems = [
                attrs.evolve(p, file=url) if p.file == str(path) else p for p in exc.problems
            ]
            raise DataFormatError(problems, url) from None

    return check


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value > 0:
        raise ValueError(f"{attribute.name} must be a positive number of seconds, not {value!r}")


def _content_length(response: http.client.HTTPResponse) -> int | None:
    raw = response.headers.get("Content-Length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw.strip())


def _socket_of(response: http.client.HTTPResponse) -> socket.socket | None:
    """The response's socket, to shorten its read timeout near the deadline (if reachable)."""
    raw = getattr(response.fp, "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


@attrs.define
class SykeDownloader:
    """Downloads SYKE's open-data files into a :class:`~canemure.io.cache.Cache`.

    Attributes
    ----------
    cache
        Where files are stored; defaults to the per-user cache.
    base_url
        The site's root address; defaults to :data:`SYKE_BASE_URL`.
    timeout
        Seconds to wait for the server at each step (connecting, each read of the body).
    deadline
        Seconds one attempt may take in all, however the server trickles the body.
    max_bytes
        The largest body accepted; a larger one is refused (it is not a SYKE file).
    retries
        Extra attempts after a failed one (timeouts, connection errors, HTTP 5xx and 429).
    backoff
        Seconds to wait before the first retry; doubled for each further one.
    offline
        Never use the network; defaults to :func:`offline_from_env`.
    """

    cache: Cache = attrs.field(factory=Cache)
    base_url: str = attrs.field(default=SYKE_BASE_URL, converter=_with_slash)
    timeout: float = attrs.field(default=30.0, validator=_positive)
    deadline: float = attrs.field(default=300.0, validator=_positive)
    max_bytes: int = attrs.field(default=MAX_BYTES, validator=attrs.validators.gt(0))
    retries: int = attrs.field(default=3, validator=attrs.validators.ge(0))
    backoff: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    offline: bool = attrs.field(factory=offline_from_env)
    _cancelled: threading.Event = attrs.field(
        factory=threading.Event, init=False, repr=False, eq=False
    )

    def cancel(self) -> None:
        """Stop downloads in progress (other threads) at their next read; nothing is stored.

        Used after Ctrl-C, so that the process can exit without waiting for every file.
        """
        self._cancelled.set()

    def url_for(self, relative: str) -> str:
        """Return the full address of ``relative`` (a path on SYKE's site)."""
        return self.base_url + urllib.parse.quote(relative.lstrip("/"))

    def fetch_municipality(self, code: str, *, force: bool = False) -> Path:
        """Return the cached results file of municipality ``code``, downloading it if needed.

        Parameters
        ----------
        code
            Statistics Finland municipality code, e.g. ``"167"`` or ``"005"``.
        force
            Download again even if a verified copy is cached.
        """
        from canemure.io.syke_csv import read_syke_csv

        relative = municipality_file(code)
        check = _parses_as(lambda p: read_syke_csv(p, municipality=code))
        return self.fetch(relative, force=force, check=check)

    def fetch_municipality_list(self, year: int, *, force: bool = False) -> Path:
        """Return the cached municipality list ``asukasluvut_<year>.csv``, downloading if needed."""
        from canemure.io.syke_csv import read_syke_population

        relative = municipality_list_file(year)
        check = _parses_as(
            lambda p: read_syke_population(p, year=year, known_municipalities_only=False)
        )
        return self.fetch(relative, force=force, check=check)

    def fetch(self, relative: str, *, force: bool = False, check: Check | None = None) -> Path:
        """Return the cached copy of ``relative`` (a path on SYKE's site), downloading if needed.

        Parameters
        ----------
        relative
            Path below the base URL, e.g. ``"Tulokset_taso_5/kunta_167.csv"``; cached as
            ``syke/<relative>``.
        force
            Download again even if a verified copy is cached.
        check
            Called with the downloaded file (still a ``.part`` file) and its address before it
            is stored; it raises :class:`~canemure.errors.DataFormatError` to reject it.

        Raises
        ------
        DataNotAvailableError
            In offline mode, if no verified copy is cached.
        DownloadError
            If the download fails (after the retries, or at once for e.g. HTTP 404).
        DataFormatError
            If ``check`` rejects the downloaded file (nothing is stored).
        CacheWriteError
            If the cache cannot be written (disk full, read-only folder).
        """
        key = f"{SYKE_DIR}/{relative.lstrip('/')}"
        path = self.cache.path_for(key)
        url = self.url_for(relative)
        if not force and self.cache.verify(key):
            return path
        if self.offline:
            changed = path.exists() and self.cache.entry(key) is not None
            raise DataNotAvailableError.keyed(
                "offline_changed" if changed else "offline_not_cached",
                file=str(relative),
                path=str(path),
                env=OFFLINE_ENV,
                url=url,
            )
        self._download(url, key, check)
        return path

    def import_file(self, file: str | Path, *, name: str | None = None) -> ManifestEntry:
        """Store a file downloaded by hand in the cache, where :meth:`fetch` will find it.

        SYKE's file names (``kunta_<n>.csv``, ``asukasluvut_<year>.csv``) go to their place under
        ``syke/``; other files go to ``imports/<name>``.

        Parameters
        ----------
        file
            The local file.
        name
            The file name to file it under, if the browser renamed it (``kunta_167 (1).csv``).

        Raises
        ------
        DataFormatError
            If the file is not a regular file, cannot be read, is empty or is an HTML page.
        """
        file = Path(file)
        if not file.is_file():
            what = "a folder" if file.is_dir() else "not a regular file, or missing"
            raise DataFormatError(f"cannot import it: it is {what}", file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise DataFormatError(f"cannot read the file ({exc.strerror or exc})", file) from None
        if reason := _not_data(data):
            raise DataFormatError(f"not a data file: {reason}", file)
        filename = name or file.name
        key = syke_cache_path(filename) or f"{IMPORTS_DIR}/{filename}"
        return self.cache.store_bytes(key, data, source=str(file.resolve()), kind="import")

    def _download(self, url: str, key: str, check: Check | None) -> None:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        attempts = self.retries + 1
        reason = ""
        for attempt in range(1, attempts + 1):
            if self._cancelled.is_set():
                raise DownloadError.keyed("download_cancelled", url=url)
            with self.cache.writer(key) as out:
                try:
                    self._receive(request, out.write)
                except _TransientError as exc:
                    reason = str(exc)
                else:
                    out.close()
                    if check is not None:
                        check(out.path, url)
                    out.commit(source=url, kind="download")
                    return
            if attempt < attempts:
                time.sleep(self.backoff * 2 ** (attempt - 1))
        raise DownloadError.keyed("download_failed_after", url=url, n=attempts, reason=reason)

    def _receive(self, request: urllib.request.Request, write: Callable[[bytes], None]) -> None:
        """One attempt: stream the body to ``write``; raise :class:`_TransientError` to retry."""
        url = request.full_url
        start = time.monotonic()
        received = 0
        try:
            with urllib.request.urlopen(
                request, timeout=min(self.timeout, self.deadline)
            ) as response:
                length = _content_length(response)
                if length is not None and length > self.max_bytes:
                    raise DownloadError(self._too_large(url, f"announces {length} bytes"))
                sock = _socket_of(response)
                head = b""
                while True:
                    if self._cancelled.is_set():
                        raise DownloadError.keyed("download_cancelled", url=url)
                    left = self.deadline - (time.monotonic() - start)
                    if left <= 0:
                        raise _TransientError(self._past_deadline(received))
                    if sock is not None:
                        sock.settimeout(min(self.timeout, left))
                    chunk = response.read1(_CHUNK)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > self.max_bytes:
                        raise DownloadError(self._too_large(url, f"sent {received} bytes"))
                    if len(head) < _HEAD:
                        head += chunk[:_HEAD]
                    write(chunk)
        except urllib.error.HTTPError as exc:
            exc.close()
            reason = f"HTTP {exc.code} {exc.reason}"
            if exc.code < 500 and exc.code not in _RETRY_STATUS:
                raise DownloadError.keyed("download_failed", url=url, reason=reason) from exc
            raise _TransientError(reason) from None
        except http.client.IncompleteRead as exc:
            raise _TransientError(
                f"connection closed after {len(exc.partial)} bytes of the body"
            ) from None
        except (DownloadError, CacheWriteError):
            raise
        except urllib.error.URLError as exc:
            raise _TransientError(f"connection failed: {exc.reason}") from None
        except TimeoutError:
            if time.monotonic() - start >= self.deadline:
                raise _TransientError(self._past_deadline(received)) from None
            raise _TransientError(
                f"timed out: the server sent nothing for {self.timeout:g} s "
                f"({received} bytes received)"
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            raise _TransientError(
                f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            ) from None
        if length is not None and received < length:
            raise _TransientError(
                f"connection closed after {received} bytes of the body "
                f"(truncated: the server announced {length} bytes)"
            )
        if problem := _not_data(head):
            raise DownloadError.keyed("download_failed", url=url, reason=problem)

    def _past_deadline(self, received: int) -> str:
        return (
            f"the whole file took longer than {self.deadline:g} s "
            f"(deadline; {received} bytes received)"
        )

    def _too_large(self, url: str, what: str) -> str:
        return (
            f"could not download {url}: the server {what}, more than the {self.max_bytes} bytes "
            "allowed (max_bytes); SYKE's files are far smaller, so this is not the file asked for"
        )
