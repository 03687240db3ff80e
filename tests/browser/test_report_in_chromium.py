"""The meeting report in a real headless Chromium, driven over the DevTools protocol.

Loads the report of Pohjois-Karjala from a file and checks what a coordinator would meet: no
console errors, no network request besides the file itself, the sections and key numbers in
the DOM, a screenshot, and printing to A4 that cuts no table in half. Chromium is Debian's
``chromium`` package (``.ci/run`` installs it when missing); without it the tests are skipped.

The DevTools protocol is spoken over a WebSocket by the small standard-library client below
(RFC 6455: a masked text frame out, frames of any length in), so no extra package is needed.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from canemure.geography import gazetteer
from canemure.plugins import PluginManager
from canemure.reports.html import SECTION_IDS, build_meeting_report, write_report

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)",
)

MM = 96 / 25.4  # CSS pixels per millimetre
A4_POINTS = (595.28, 841.89)
# report.css: @page { size: A4; margin: 14mm 12mm 16mm 12mm }
PRINTABLE_WIDTH_PX = (210 - 24) * MM
PRINTABLE_HEIGHT_PX = (297 - 30) * MM
STARTUP_SECONDS = 60.0
"""Longest wait for the browser to start or a page to load (a limit, not a measured time)."""


class WebSocket:
    """A minimal RFC 6455 client: text frames, fragmented and long frames, ping/pong, close."""

    def __init__(self, url: str, timeout: float) -> None:
        match = re.fullmatch(r"ws://([^/:]+):(\d+)(/.*)", url)
        assert match, url
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            assert chunk, "connection closed during the WebSocket handshake"
            response += chunk
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        assert head.split(b"\r\n")[0].split(b" ")[1] == b"101", head

    def _exactly(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ConnectionError("the browser closed the DevTools connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text: str) -> None:
        self._send(0x1, text.encode("utf-8"))

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._exactly(2)
            opcode, n = first & 0x0F, second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._exactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._exactly(8))[0]
            mask = self._exactly(4) if second & 0x80 else None
            payload = self._exactly(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:  # ping
                self._send(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the browser closed the DevTools connection")
            message += payload
            if first & 0x80:  # FIN: the last fragment
                return message.decode("utf-8")

    def close(self) -> None:
        try:
            self._send(0x8, b"")
        finally:
            self.sock.close()


class DevTools:
    """Commands and events of one page over the DevTools protocol."""

    def __init__(self, url: str) -> None:
        self.ws = WebSocket(url, timeout=STARTUP_SECONDS)
        self.events: list[dict[str, Any]] = []
        self.next_id = 0

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                assert "error" not in message, (method, message["error"])
                result: dict[str, Any] = message["result"]
                return result
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        while True:
            for seen in self.events:
                if seen["method"] == event:
                    return seen
            message = json.loads(self.ws.receive())
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The English report of Pohjois-Karjala (with charts), from the installed adapters."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CANEMURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        report = build_meeting_report(
            gazetteer().region("12"), manager=PluginManager(), lang="en", date=dt.date(2026, 12, 2)
        )
        yield write_report(report, tmp_path_factory.mktemp("report") / "pohjois-karjala.html")


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A headless Chromium of our own; yields its DevTools port and stops it afterwards."""
    assert CHROMIUM is not None
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped with all its helpers
    )
    try:
        active = profile / "DevToolsActivePort"
        limit = time.monotonic() + STARTUP_SECONDS
        while not (active.exists() and active.read_text().strip()):
            if process.poll() is not None:
                pytest.fail(f"chromium exited with status {process.returncode} at start")
            if time.monotonic() > limit:
                pytest.fail(f"chromium wrote no DevToolsActivePort in {STARTUP_SECONDS:.0f} s")
            time.sleep(0.1)
        yield int(active.read_text().split()[0])
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def page(chromium: int, report_file: Path) -> Iterator[DevTools]:
    """The report loaded in a page, with the console and network recorded from the start."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    with direct.open(f"http://127.0.0.1:{chromium}/json/list", timeout=30) as answer:
        targets = json.load(answer)
    url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
    tools = DevTools(url)
    try:
        for domain in ("Runtime", "Log", "Network", "Page"):
            tools.call(f"{domain}.enable")
        tools.events.clear()  # about:blank's own events
        tools.call("Page.navigate", url=report_file.as_uri())
        tools.wait_for("Page.loadEventFired")
        tools.evaluate("1")  # the events of the load have arrived before this answer
        yield tools
    finally:
        tools.ws.close()


def test_no_console_errors(page: DevTools) -> None:
    problems = [
        e
        for e in page.events
        if e["method"] == "Runtime.exceptionThrown"
        or (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warn"))
        or (
            e["method"] == "Log.entryAdded"
            and e["params"]["entry"]["level"] in ("error", "warning")
        )
    ]
    assert problems == []
    assert page.evaluate("document.scripts.length") == 0


def test_no_network_request_but_the_file(page: DevTools, report_file: Path) -> None:
    requested = [
        e["params"]["request"]["url"]
        for e in page.events
        if e["method"] == "Network.requestWillBeSent"
    ]
    assert requested == [report_file.as_uri()]
    failed = [e for e in page.events if e["method"] == "Network.loadingFailed"]
    assert failed == []
    resources = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []


def test_sections_and_key_numbers_are_in_the_dom(page: DevTools) -> None:
    ids = page.evaluate("[...document.querySelectorAll('section')].map(s => s.id)")
    assert ids == list(SECTION_IDS)
    total = page.evaluate(
        "[...document.querySelectorAll('#baseline tr.total td')].map(td => td.textContent)"
    )
    assert total == ["Total", "1,686.8", "937.2", "−44.4 %"]
    assert page.evaluate("document.querySelectorAll('figure svg').length") == 4
    widths = page.evaluate(
        "[...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().width)"
    )
    assert all(w > 300 for w in widths)  # the inline charts are laid out, not empty boxes
    text = page.evaluate("document.body.innerText")
    assert "North Karelia (12): 13 municipalities" in text
    assert "Gap in target year, log-linear trend 2015–2024" in text


@pytest.fixture(scope="module")
def roadmap_figures() -> dict[str, str]:
    """The shipped Pohjois-Karjala scenario computed through the library, formatted as the
    English report prints them (the DOM must hold these)."""
    from canemure.engine.scenario import example_scenario
    from canemure.io.bundled import pohjois_karjala

    inventory = pohjois_karjala()
    result = example_scenario().to_roadmap(inventory).compute(inventory)
    region = result.to_regions()
    k = result.year_index(2030)
    heat = result.measures.index("District heat: peat to wood")
    gap = float(region.gaps[0].gap.m_as("kt CO2e / a")[0, k])
    return {
        "gap": f"+{gap:,.1f}",
        "level": f"{float(region.levels[0].level.m_as('kt CO2e / a')[0]):,.1f}",
        "district_heat": f"{float(result.wedge_totals.m_as('kt CO2e / a')[heat, k]):,.1f}",
        "reduction": f"{float(np.nansum(result.reduction.m_as('kt CO2e / a')[:, :, k])):,.1f}",
    }


def test_roadmap_section_key_numbers_are_in_the_dom(
    page: DevTools, roadmap_figures: dict[str, str]
) -> None:
    cells = page.evaluate(
        "[...document.querySelectorAll('#roadmap tr.target[data-target=\"pk_ghg_80pct\"] td')]"
        ".map(td => td.textContent)"
    )
    assert cells[1:3] == ["2030", roadmap_figures["level"]]
    assert cells[4] == roadmap_figures["gap"]  # the gap with measures in 2030
    measures = page.evaluate(
        "[...document.querySelectorAll('#roadmap tr.measure')].map("
        " r => [...r.cells].map(c => c.textContent))"
    )
    by_name = {row[0].rstrip("*"): row for row in measures}
    assert by_name["District heat: peat to wood"][1:3] == [
        "planned",
        roadmap_figures["district_heat"],
    ]
    assert by_name["Electric cars"][4:6] == ["not estimated", "not estimated"]  # never 0
    total = page.evaluate(
        "[...document.querySelectorAll('#roadmap tr.total td')].map(td => td.textContent)"
    )
    assert total[2] == roadmap_figures["reduction"]
    charts = page.evaluate(
        "[...document.querySelectorAll('#roadmap figure svg')].map("
        " s => [s.id, s.getBoundingClientRect().width])"
    )
    assert len(charts) == 2 and all(width > 300 for _, width in charts)  # wedges and MACC
    assert (
        page.evaluate("document.querySelectorAll('#roadmap svg [id^=\"macc-measure\"]').length")
        == 1
    )


def test_screenshot(page: DevTools, tmp_path: Path) -> None:
    page.call(
        "Emulation.setDeviceMetricsOverride",
        width=1000,
        height=1400,
        deviceScaleFactor=1,
        mobile=False,
    )
    try:
        shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    finally:
        page.call("Emulation.clearDeviceMetricsOverride")
    png = base64.b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack("!II", png[16:24])
    assert 900 < width <= 1000  # the window less a scroll bar
    assert height > 3000  # the whole report, not one screen
    target = Path(os.environ.get("CANEMURE_SCREENSHOT_DIR", tmp_path)) / "report.png"
    target.write_bytes(png)
    assert target.stat().st_size == len(png)


def _print_boxes(page: DevTools) -> list[dict[str, Any]]:
    """Size and break rule of every table and figure, laid out at A4's printable width."""
    page.call("Emulation.setEmulatedMedia", media="print")
    page.call(
        "Emulation.setDeviceMetricsOverride",
        width=round(PRINTABLE_WIDTH_PX),
        height=round(PRINTABLE_HEIGHT_PX),
        deviceScaleFactor=1,
        mobile=False,
    )
    try:
        boxes: list[dict[str, Any]] = page.evaluate(
            "[...document.querySelectorAll('table, figure')].map(t => ({"
            " tag: t.tagName, height: t.getBoundingClientRect().height,"
            " width: t.getBoundingClientRect().width,"
            " avoid: getComputedStyle(t).breakInside,"
            " first: (t.querySelector('td, th, figcaption') || {}).textContent}))"
        )
    finally:
        page.call("Emulation.clearDeviceMetricsOverride")
        page.call("Emulation.setEmulatedMedia", media="")
    return boxes


def _assert_kept_whole(boxes: list[dict[str, Any]]) -> None:
    for box in boxes:
        # a box shorter than a page with break-inside: avoid is moved whole to the next page
        assert box["avoid"] == "avoid", box
        assert box["height"] < PRINTABLE_HEIGHT_PX, box
        assert box["width"] <= PRINTABLE_WIDTH_PX + 1, box


def test_tables_fit_a_printed_page_and_are_kept_whole(page: DevTools) -> None:
    boxes = _print_boxes(page)
    assert len([b for b in boxes if b["tag"] == "TABLE"]) >= 7
    assert len([b for b in boxes if b["tag"] == "FIGURE"]) == 4
    _assert_kept_whole(boxes)


def _printed(page: DevTools) -> bytes:
    return base64.b64decode(
        page.call(
            "Page.printToPDF",
            preferCSSPageSize=True,
            printBackground=True,
            paperWidth=210 / 25.4,
            paperHeight=297 / 25.4,
        )["data"]
    )


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_prints_to_a4(page: DevTools, tmp_path: Path) -> None:
    pdf = _printed(page)
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "report.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(pages) >= 3  # eight sections with two charts do not fit on two pages
    assert boxes
    for width, height in boxes:
        assert abs(float(width) - A4_POINTS[0]) < 1.5 and abs(float(height) - A4_POINTS[1]) < 1.5


def _cut_tables(page: DevTools) -> tuple[list[tuple[str, str]], int]:
    """Print the loaded document; return the tables whose first and last rows are printed on
    different pages, and how many tables could be located in the PDF's text."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the printed PDF")
    import io

    reader = pypdf.PdfReader(io.BytesIO(_printed(page)))
    pages = [_words(p.extract_text()) for p in reader.pages]
    ends = page.evaluate(
        "[...document.querySelectorAll('table')].map(t => {"
        " const rows = [...t.querySelectorAll('tbody tr')];"
        " return [rows[0], rows[rows.length - 1]].map("
        "  r => [...r.cells].map(c => c.textContent.trim()).join(' '));"
        "})"
    )
    cut = []
    located = 0
    for first, last in ends:
        on_first = [i for i, text in enumerate(pages) if _words(first) in text]
        on_last = [i for i, text in enumerate(pages) if _words(last) in text]
        if len(on_first) == 1 and len(on_last) == 1:  # rows with wrapped cells are not found
            located += 1
            if on_first != on_last:
                cut.append((first, last))
    return cut, located


def test_no_table_is_cut_by_a_page_break(page: DevTools) -> None:
    """The first and the last row of every table are printed on the same PDF page."""
    cut, located = _cut_tables(page)
    assert cut == []
    assert located >= 5  # most tables are checked, not none


def test_roadmap_tables_are_printed_whole(page: DevTools) -> None:
    """The roadmap section's rows are found in the PDF, each table's all on one page."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the printed PDF")
    import io

    pages = [_words(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(_printed(page))).pages]
    located = 0
    for selector in ("#roadmap table.roadmap-targets", "#roadmap table.roadmap-measures"):
        rows = page.evaluate(
            f"[...document.querySelectorAll('{selector} tbody tr')].map("
            " r => [...r.cells].map(c => c.textContent.trim()).join(' '))"
        )
        assert rows
        found = [
            where
            for where in ({i for i, text in enumerate(pages) if _words(r) in text} for r in rows)
            if len(where) == 1  # rows with wrapped cells are not found in the PDF's text
        ]
        assert found, selector
        located += len(found)
        assert len(set.union(*found)) == 1, (selector, found)  # every row on one page
    assert located >= 4  # most roadmap rows were checked


def test_a_long_report_keeps_its_tables_whole(page: DevTools, tmp_path: Path) -> None:
    """Pirkanmaa: 329 published measures with long texts, 23 municipalities, partial data.

    Leaves another document in the page: runs after the tests of the first one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
        report = build_meeting_report(
            gazetteer().region("06"), manager=PluginManager(), lang="fi", date=dt.date(2026, 12, 2)
        )
    path = write_report(report, tmp_path / "pirkanmaa.html")
    page.events.clear()
    page.call("Page.navigate", url=path.as_uri())
    page.wait_for("Page.loadEventFired")
    assert page.evaluate("document.querySelectorAll('#measures table').length") >= 5
    _assert_kept_whole(_print_boxes(page))
    cut, located = _cut_tables(page)
    assert cut == []
    assert located >= 5


def test_the_page_break_check_finds_a_cut_table(page: DevTools, tmp_path: Path) -> None:
    """A table longer than a page is cut: the check above says so (it can fail). Runs last:
    it leaves another document in the page."""
    rows = "".join(f"<tr><td>row {i} of the long table</td></tr>" for i in range(1, 121))
    long = tmp_path / "long.html"
    long.write_text(
        f"<!DOCTYPE html><html><body><table><tbody>{rows}</tbody></table></body></html>",
        encoding="utf-8",
    )
    page.events.clear()
    page.call("Page.navigate", url=long.as_uri())
    page.wait_for("Page.loadEventFired")
    assert page.evaluate("document.querySelectorAll('tr').length") == 120
    cut, located = _cut_tables(page)
    assert located == 1
    assert cut == [("row 1 of the long table", "row 120 of the long table")]
