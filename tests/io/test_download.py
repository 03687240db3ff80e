"""The SYKE downloader, against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from fake_syke import FakeSyke, connect_directly, drip, hang, oversize, send, serve_fake_syke

from canemure._version import __version__
from canemure.errors import (
    DataFormatError,
    DataNotAvailableError,
    DownloadError,
    UnknownCodeError,
)
from canemure.io.cache import Cache, CacheWriter
from canemure.io.download import (
    SYKE_BASE_URL,
    SykeDownloader,
    municipality_file,
    offline_from_env,
    syke_cache_path,
)

# SYKE's open-data CSV layout: ";" separator, decimal comma, levels as abbreviations; one row
# per sub-sector, HINKU and emissions-trading flags per row, wind-power credits only in kt_tuuli.
KUNTA_167 = (
    "kt;kt_tuuli;GWh;vuosi;hinku_laskenta;päästökauppa;taso_3;taso_4;taso_5\n"
    "41,3;41,3;102,7;2022;TRUE;FALSE;Kul;Kul;Asu\n"
    "35,08;35,08;150,1;2022;TRUE;FALSE;Kau;Kau;Asu\n"
    "12,6;12,6;NA;2022;TRUE;FALSE;Tie;Kad;Hen\n"
    "NA;-3,2;;2022;TRUE;FALSE;Tuu;Tuu;Tuu\n"
).encode()
# SYKE's municipality list; populations may be grouped by spaces as Finnish numbers are.
ASUKASLUVUT_2023 = (
    "kuntanro;kunta_fi;maakunta_fi;asukasluku\n"
    "5;Alajärvi;Etelä-Pohjanmaa;9 849\n"
    "167;Joensuu;Pohjois-Karjala;77310\n"
).encode()

MAX_SLEEP = 2.0
"""Upper bound on any server-side delay, so that no test can hang."""


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No proxies (127.0.0.1 must be reached directly), no offline switch, no real cache."""
    connect_directly(monkeypatch)
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "env-cache"))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[FakeSyke]:
    with serve_fake_syke(tmp_path / "site") as fake:
        fake.add_file("Tulokset_taso_5/kunta_167.csv", KUNTA_167)
        fake.add_file("asukasluvut_2023.csv", ASUKASLUVUT_2023)
        yield fake


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


@pytest.fixture
def downloader(site: FakeSyke, cache: Cache) -> SykeDownloader:
    return SykeDownloader(cache, base_url=site.url, timeout=2.0, retries=3, backoff=0.01)


def cached_files(cache: Cache) -> list[str]:
    """Every file in the cache but the manifest database."""
    if not cache.root.exists():
        return []
    return sorted(
        str(p.relative_to(cache.root))
        for p in cache.root.rglob("*")
        if p.is_file() and not p.name.startswith("manifest.")
    )


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("167", "kunta_167.csv"),
        ("005", "kunta_5.csv"),
        ("5", "kunta_5.csv"),
        ("091", "kunta_91.csv"),
    ],
)
def test_municipality_file_uses_syke_naming(code: str, expected: str) -> None:
    assert municipality_file(code) == f"Tulokset_taso_5/{expected}"


@pytest.mark.parametrize("code", ["", "abc", "1234", "-5", "1.0", "١٦٧"])
def test_municipality_file_rejects_bad_codes(code: str) -> None:
    with pytest.raises(UnknownCodeError):
        municipality_file(code)


def test_syke_cache_path() -> None:
    assert syke_cache_path("kunta_167.csv") == "syke/Tulokset_taso_5/kunta_167.csv"
    assert syke_cache_path("kunta_005.csv") == "syke/Tulokset_taso_5/kunta_5.csv"
    assert syke_cache_path("asukasluvut_2023.csv") == "syke/asukasluvut_2023.csv"
    assert syke_cache_path("ALas_Joensuu_data_2024.xlsx") is None


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    downloader = SykeDownloader()
    assert downloader.base_url == SYKE_BASE_URL == "https://paastot.hiilineutraalisuomi.fi/"
    assert (downloader.timeout, downloader.retries, downloader.backoff) == (30.0, 3, 1.0)
    assert downloader.cache.root == tmp_path / "env-cache"
    assert downloader.offline is False
    assert (
        downloader.url_for("Tulokset_taso_5/kunta_5.csv")
        == "https://paastot.hiilineutraalisuomi.fi/Tulokset_taso_5/kunta_5.csv"
    )
    assert SykeDownloader(base_url="http://x.test/mirror").url_for("a.csv") == (
        "http://x.test/mirror/a.csv"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("YES", True), (" yes ", True), ("0", False), ("no", False)],
)
def test_offline_from_env(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("CANEMURE_OFFLINE", value)
    assert offline_from_env() is expected
    assert SykeDownloader().offline is expected


# --- successful downloads and the cache ---------------------------------------------------------


def test_fetch_stores_exact_bytes_and_records_them(
    downloader: SykeDownloader, site: FakeSyke, cache: Cache
) -> None:
    path = downloader.fetch_municipality("167")

    assert path == cache.root / "syke" / "Tulokset_taso_5" / "kunta_167.csv"
    assert path.read_bytes() == KUNTA_167
    entry = cache.entry("syke/Tulokset_taso_5/kunta_167.csv")
    assert entry is not None
    assert entry.sha256 == hashlib.sha256(KUNTA_167).hexdigest()
    assert entry.size == len(KUNTA_167)
    assert entry.source == f"{site.url}Tulokset_taso_5/kunta_167.csv"
    assert entry.kind == "download"
    assert entry.timestamp.endswith("Z")
    assert site.user_agents == [f"canemure/{__version__}"]
    assert cached_files(cache) == ["syke/Tulokset_taso_5/kunta_167.csv"]


def test_zero_padded_code_requests_syke_name(downloader: SykeDownloader, site: FakeSyke) -> None:
    site.add_file("Tulokset_taso_5/kunta_5.csv", KUNTA_167)
    path = downloader.fetch_municipality("005")
    assert path.name == "kunta_5.csv"
    assert site.hits == Counter({"Tulokset_taso_5/kunta_5.csv": 1})


def test_municipality_list(downloader: SykeDownloader, cache: Cache) -> None:
    path = downloader.fetch_municipality_list(2023)
    assert path == cache.root / "syke" / "asukasluvut_2023.csv"
    assert path.read_bytes() == ASUKASLUVUT_2023
    assert cache.verify("syke/asukasluvut_2023.csv")


def test_second_fetch_uses_cache_and_force_refetches(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    first = downloader.fetch_municipality("167")
    assert downloader.fetch_municipality("167") == first
    assert downloader.fetch("Tulokset_taso_5/kunta_167.csv") == first
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 1

    site.add_file(
        "Tulokset_taso_5/kunta_167.csv", KUNTA_167 + b"0;0;0;2023;TRUE;FALSE;Kul;Kul;Asu\n"
    )
    assert downloader.fetch_municipality("167", force=True) == first
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 2
    assert first.read_bytes().endswith(b"2023;TRUE;FALSE;Kul;Kul;Asu\n")


def test_tampered_file_is_fetched_again(
    downloader: SykeDownloader, site: FakeSyke, cache: Cache
) -> None:
    path = downloader.fetch_municipality("167")
    path.write_bytes(b"kt\n999\n")
    assert not cache.verify("syke/Tulokset_taso_5/kunta_167.csv")
    downloader.fetch_municipality("167")
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 2
    assert path.read_bytes() == KUNTA_167


# --- retries and failures -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [503, 500, 429])
def test_retries_transient_errors_then_succeeds(
    downloader: SykeDownloader, site: FakeSyke, status: int
) -> None:
    def flaky(handler: BaseHTTPRequestHandler, hit: int) -> None:
        if hit <= 2:
            handler.send_error(status)
        else:
            send(handler, KUNTA_167)

    site.routes["Tulokset_taso_5/kunta_167.csv"] = flaky
    assert downloader.fetch_municipality("167").read_bytes() == KUNTA_167
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 3


def test_gives_up_after_all_attempts(downloader: SykeDownloader, site: FakeSyke) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = lambda handler, hit: handler.send_error(503)
    downloader.retries = 2
    url = f"{site.url}Tulokset_taso_5/kunta_167.csv"
    with pytest.raises(DownloadError, match="after 3 attempts") as info:
        downloader.fetch_municipality("167")
    assert url in str(info.value)
    assert "HTTP 503" in str(info.value)
    assert isinstance(info.value, OSError)
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 3
    assert cached_files(downloader.cache) == []


def test_backoff_grows_exponentially(
    downloader: SykeDownloader, site: FakeSyke, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []
    monkeypatch.setattr(time, "sleep", delays.append)
    site.routes["Tulokset_taso_5/kunta_167.csv"] = lambda handler, hit: handler.send_error(502)
    downloader.backoff = 0.5
    with pytest.raises(DownloadError, match="after 4 attempts"):
        downloader.fetch_municipality("167")
    assert delays == [0.5, 1.0, 2.0]


def test_404_is_not_retried(downloader: SykeDownloader, site: FakeSyke) -> None:
    with pytest.raises(DownloadError, match="HTTP 404") as info:
        downloader.fetch_municipality("999")
    assert f"{site.url}Tulokset_taso_5/kunta_999.csv" in str(info.value)
    assert site.hits["Tulokset_taso_5/kunta_999.csv"] == 1
    assert cached_files(downloader.cache) == []


def test_timeout_is_retried_then_reported(downloader: SykeDownloader, site: FakeSyke) -> None:
    def slow(handler: BaseHTTPRequestHandler, hit: int) -> None:
        site.stop.wait(MAX_SLEEP)
        send(handler, KUNTA_167)

    site.routes["Tulokset_taso_5/kunta_167.csv"] = slow
    downloader.timeout = 0.2
    downloader.retries = 1
    start = time.monotonic()
    with pytest.raises(DownloadError, match="after 2 attempts") as info:
        downloader.fetch_municipality("167")
    assert time.monotonic() - start < 2.0
    assert "timed out" in str(info.value)
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 2
    assert cached_files(downloader.cache) == []


def test_slow_first_response_then_success(downloader: SykeDownloader, site: FakeSyke) -> None:
    def slow_once(handler: BaseHTTPRequestHandler, hit: int) -> None:
        if hit == 1:
            site.stop.wait(MAX_SLEEP)
        send(handler, KUNTA_167)

    site.routes["Tulokset_taso_5/kunta_167.csv"] = slow_once
    downloader.timeout = 0.2
    assert downloader.fetch_municipality("167").read_bytes() == KUNTA_167


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!DOCTYPE html><html><body>Please log in</body></html>", "HTML"),
        (b"\xef\xbb\xbf\n  <html></html>", "HTML"),
        (b"", "empty"),
        (b"  \n", "empty"),
    ],
)
def test_rejects_html_and_empty_bodies(
    downloader: SykeDownloader, site: FakeSyke, body: bytes, message: str
) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = lambda handler, hit: send(
        handler, body, content_type="text/html"
    )
    with pytest.raises(DownloadError, match=message) as info:
        downloader.fetch_municipality("167")
    assert f"{site.url}Tulokset_taso_5/kunta_167.csv" in str(info.value)
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 1
    assert cached_files(downloader.cache) == []


def test_a_file_that_does_not_parse_is_never_stored(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    broken = KUNTA_167.replace(b"41,3;41,3", b"41,3;lots")  # not a number
    site.add_file("Tulokset_taso_5/kunta_167.csv", broken)
    with pytest.raises(DataFormatError) as info:
        downloader.fetch_municipality("167")
    problem = info.value.problems[0]
    assert problem.file == f"{site.url}Tulokset_taso_5/kunta_167.csv"
    assert (problem.line, problem.column, problem.value) == (2, "kt_tuuli", "lots")
    assert cached_files(downloader.cache) == []


def test_a_municipality_list_that_does_not_parse_is_never_stored(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    site.add_file("asukasluvut_2023.csv", ASUKASLUVUT_2023.replace(b"77310", b"-5"))
    with pytest.raises(DataFormatError, match="must not be negative"):
        downloader.fetch_municipality_list(2023)
    assert cached_files(downloader.cache) == []


def test_truncated_body_leaves_no_file(downloader: SykeDownloader, site: FakeSyke) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = lambda handler, hit: send(
        handler, KUNTA_167[:50], length=len(KUNTA_167)
    )
    downloader.retries = 1
    with pytest.raises(DownloadError, match="after 2 attempts") as info:
        downloader.fetch_municipality("167")
    assert "closed after 50 bytes" in str(info.value)
    assert f"truncated: the server announced {len(KUNTA_167)} bytes" in str(info.value)
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 2
    assert cached_files(downloader.cache) == []


def test_truncated_once_then_complete(downloader: SykeDownloader, site: FakeSyke) -> None:
    def truncated_once(handler: BaseHTTPRequestHandler, hit: int) -> None:
        send(handler, KUNTA_167[:50] if hit == 1 else KUNTA_167, length=len(KUNTA_167))

    site.routes["Tulokset_taso_5/kunta_167.csv"] = truncated_once
    path = downloader.fetch_municipality("167")
    assert path.read_bytes() == KUNTA_167
    assert downloader.cache.verify("syke/Tulokset_taso_5/kunta_167.csv")


def test_connection_closed_without_response(downloader: SykeDownloader, site: FakeSyke) -> None:
    def hang_up(handler: BaseHTTPRequestHandler, hit: int) -> None:
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)

    site.routes["Tulokset_taso_5/kunta_167.csv"] = hang_up
    downloader.retries = 1
    with pytest.raises(DownloadError, match="after 2 attempts"):
        downloader.fetch_municipality("167")
    assert cached_files(downloader.cache) == []


def test_connection_refused(cache: Cache) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    downloader = SykeDownloader(cache, base_url=f"http://127.0.0.1:{port}", retries=1, backoff=0.01)
    with pytest.raises(DownloadError, match="after 2 attempts") as info:
        downloader.fetch_municipality("167")
    assert "connection failed" in str(info.value)


def test_interrupted_store_leaves_no_file(
    downloader: SykeDownloader, site: FakeSyke, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloader.fetch_municipality_list(2023)
    entries = downloader.cache.entries()

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        downloader.fetch_municipality("167")
    monkeypatch.undo()
    assert downloader.cache.entries() == entries
    assert cached_files(downloader.cache) == ["syke/asukasluvut_2023.csv"]


# --- offline mode and importing by hand ---------------------------------------------------------


def test_offline_missing_file_explains_what_to_do(
    downloader: SykeDownloader, site: FakeSyke, cache: Cache
) -> None:
    downloader.offline = True
    with pytest.raises(DataNotAvailableError) as info:
        downloader.fetch_municipality("167")
    message = str(info.value)
    assert "is not in the cache at" in message
    assert str(cache.path_for("syke/Tulokset_taso_5/kunta_167.csv")) in message
    assert "offline mode is on" in message
    assert "unset CANEMURE_OFFLINE" in message
    assert f"{site.url}Tulokset_taso_5/kunta_167.csv" in message
    assert "canemure data import" in message
    assert isinstance(info.value, LookupError)
    assert site.hits == Counter()


def test_offline_from_env_never_connects(
    site: FakeSyke, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    downloader = SykeDownloader(cache, base_url=site.url)
    with pytest.raises(DataNotAvailableError, match="canemure data import"):
        downloader.fetch_municipality_list(2023)
    assert site.hits == Counter()


def test_offline_uses_verified_cache(downloader: SykeDownloader, site: FakeSyke) -> None:
    path = downloader.fetch_municipality("167")
    downloader.offline = True
    assert downloader.fetch_municipality("167") == path
    path.write_bytes(b"kt\n1\n")
    with pytest.raises(DataNotAvailableError, match="does not match its recorded checksum"):
        downloader.fetch_municipality("167")
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 1


def test_import_by_hand_satisfies_offline_fetch(
    downloader: SykeDownloader, site: FakeSyke, tmp_path: Path
) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "kunta_167.csv").write_bytes(KUNTA_167)
    (downloads / "kunta_167 (1).csv").write_bytes(ASUKASLUVUT_2023)
    (downloads / "ALas_Joensuu_data.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")

    downloader.offline = True
    entry = downloader.import_file(downloads / "kunta_167.csv")
    assert entry.path == "syke/Tulokset_taso_5/kunta_167.csv"
    assert entry.kind == "import"
    assert entry.source == str(downloads / "kunta_167.csv")
    assert downloader.fetch_municipality("167").read_bytes() == KUNTA_167

    renamed = downloader.import_file(downloads / "kunta_167 (1).csv", name="asukasluvut_2023.csv")
    assert renamed.path == "syke/asukasluvut_2023.csv"
    other = downloader.import_file(downloads / "ALas_Joensuu_data.xlsx")
    assert other.path == "imports/ALas_Joensuu_data.xlsx"
    assert site.hits == Counter()


def test_import_rejects_html(downloader: SykeDownloader, tmp_path: Path) -> None:
    page = tmp_path / "kunta_167.csv"
    page.write_text("<html><body>Error</body></html>", encoding="utf-8")
    with pytest.raises(DataFormatError, match="HTML"):
        downloader.import_file(page)
    assert cached_files(downloader.cache) == []


# --- bounded downloads: deadline, size limit, streaming to the cache folder ---------------------


def no_parts(cache: Cache) -> bool:
    return not cache.root.exists() or not list(cache.root.rglob("*.part"))


def test_a_drip_feeding_server_hits_the_deadline(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    # a byte every 0.05 s: each read is quick, so only the deadline can stop it (the whole file
    # would take len(KUNTA_167) * 0.05 s, about 10 s)
    site.routes["Tulokset_taso_5/kunta_167.csv"] = drip(site, KUNTA_167)
    downloader.timeout = 1.0
    downloader.deadline = 0.5
    downloader.retries = 1
    start = time.monotonic()
    with pytest.raises(DownloadError, match="after 2 attempts") as info:
        downloader.fetch_municipality("167")
    assert time.monotonic() - start < len(KUNTA_167) * 0.05 / 2
    assert "took longer than 0.5 s (deadline" in str(info.value)
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 2
    assert cached_files(downloader.cache) == [] and no_parts(downloader.cache)


def test_a_server_that_never_answers_times_out(downloader: SykeDownloader, site: FakeSyke) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = hang(site)
    downloader.timeout = 0.3
    downloader.retries = 0
    with pytest.raises(DownloadError, match="after 1 attempt;") as info:
        downloader.fetch_municipality("167")
    assert "timed out" in str(info.value)
    assert cached_files(downloader.cache) == []


def test_an_announced_oversize_body_is_refused_at_once(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = oversize(10_000_000, announce=True)
    downloader.max_bytes = 100_000
    with pytest.raises(
        DownloadError, match="announces 10000000 bytes, more than the 100000 bytes allowed"
    ):
        downloader.fetch_municipality("167")
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 1  # not retried
    assert cached_files(downloader.cache) == [] and no_parts(downloader.cache)


def test_an_unannounced_huge_body_is_streamed_to_disk_and_cut_off(
    downloader: SykeDownloader, site: FakeSyke, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.routes["Tulokset_taso_5/kunta_167.csv"] = oversize(5_000_000, announce=False)
    downloader.max_bytes = 300_000
    writes: list[int] = []
    real_write = CacheWriter.write

    def counting_write(self: CacheWriter, data: bytes) -> None:
        writes.append(len(data))
        real_write(self, data)

    monkeypatch.setattr(CacheWriter, "write", counting_write)
    with pytest.raises(DownloadError, match="more than the 300000 bytes allowed"):
        downloader.fetch_municipality("167")
    # the body went to disk in pieces, and stopped at the limit: never held whole in memory
    assert max(writes) <= 64 * 1024
    assert sum(writes) <= 300_000
    assert site.hits["Tulokset_taso_5/kunta_167.csv"] == 1
    assert cached_files(downloader.cache) == [] and no_parts(downloader.cache)


def test_the_body_goes_to_a_part_file_next_to_its_place(
    downloader: SykeDownloader, site: FakeSyke
) -> None:
    seen: list[Path] = []

    def check(path: Path, url: str) -> None:
        seen.append(path)
        assert path.read_bytes() == KUNTA_167

    path = downloader.fetch("Tulokset_taso_5/kunta_167.csv", check=check)
    assert len(seen) == 1
    assert seen[0].parent == path.parent
    assert seen[0].name.startswith(".kunta_167.csv.") and seen[0].name.endswith(".part")
    assert not seen[0].exists()
    assert path.read_bytes() == KUNTA_167


@pytest.mark.parametrize("field", ["timeout", "deadline"])
@pytest.mark.parametrize("value", [0, -1.0])
def test_timeouts_must_be_positive(cache: Cache, field: str, value: float) -> None:
    with pytest.raises(ValueError, match=f"{field} must be a positive number of seconds"):
        SykeDownloader(cache, **{field: value})  # type: ignore[arg-type]


def test_import_refuses_what_is_not_a_file(downloader: SykeDownloader, tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="it is a folder"):
        downloader.import_file(tmp_path)
    with pytest.raises(DataFormatError, match="not a regular file, or missing"):
        downloader.import_file(tmp_path / "kunta_5.csv")
    assert cached_files(downloader.cache) == []
