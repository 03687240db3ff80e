"""Progress on standard error: drawn in place on a terminal, plain lines elsewhere, never on
standard output, and cleared before what follows (a warning, an error, the shell prompt)."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import run

from canemure.cli import progress
from canemure.cli.progress import Progress, activity, bar


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, recording what is drawn on it."""

    def isatty(self) -> bool:
        return True


def screen(drawn: str) -> list[str]:
    """What a terminal shows after ``drawn``: carriage returns overwrite the line."""
    lines: list[str] = []
    for raw in drawn.split("\n"):
        line = ""
        for part in raw.split("\r"):
            line = part + line[len(part) :]
        lines.append(line.rstrip())
    return lines


def test_the_bar_shows_done_of_total() -> None:
    assert bar(0, 8, "Downloading", width=8) == "Downloading [........] 0/8"
    assert bar(3, 8, "Downloading", width=8) == "Downloading [###.....] 3/8"
    assert bar(8, 8, "Downloading", width=8) == "Downloading [########] 8/8"
    assert bar(2, 0, "Reading") == "Reading 2"


def test_on_a_terminal_lines_go_above_the_bar_and_the_bar_is_cleared() -> None:
    tty = Terminal()
    with Progress(3, "Downloading", stream=tty, delay=0.0) as p:
        assert screen(tty.getvalue()) == [f"Downloading [{'.' * 24}] 0/3"]
        for name in ("Lemi", "Imatra", "Taipalsaari"):
            p.done += 1
            p.line(f"  {name}: downloaded")
        shown = screen(tty.getvalue())
        assert shown[:3] == [
            "  Lemi: downloaded",
            "  Imatra: downloaded",
            "  Taipalsaari: downloaded",
        ]
        assert shown[3] == f"Downloading [{'#' * 24}] 3/3"
    assert screen(tty.getvalue())[-1] == ""  # cleared: the next output starts on a clean line
    assert tty.getvalue().endswith("\r")


def test_off_a_terminal_there_is_one_line_per_item_and_no_bar() -> None:
    pipe = io.StringIO()
    with Progress(2, "Downloading", stream=pipe, delay=0.0) as p:
        p.done += 1
        p.line("  Lemi: downloaded")
        p.advance()
    assert pipe.getvalue() == "  Lemi: downloaded\n"  # no carriage return, no bar


def test_quick_work_draws_nothing_even_on_a_terminal() -> None:
    tty = Terminal()
    with Progress(3, "Compiling", stream=tty) as p:  # the default delay of a second
        p.advance(3)
    with activity("Reading", stream=tty):
        pass
    assert tty.getvalue() == ""


def test_an_activity_is_drawn_after_its_delay_and_cleared_on_an_error() -> None:
    tty = Terminal()

    def work() -> None:
        with activity("Computing the roadmap", stream=tty, delay=0.05):
            time.sleep(0.5)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        work()
    drawn = tty.getvalue()
    assert "\rComputing the roadmap ... 0 s" in drawn
    assert screen(drawn) == [""]  # blanked before the error is printed


def test_a_message_blanks_the_bar_first() -> None:
    tty = Terminal()
    with Progress(4, "Compiling the report", stream=tty, delay=0.0) as p:
        p.advance()
        progress.message("canemure: warning: something", tty)
        assert screen(tty.getvalue()) == ["canemure: warning: something", ""]
        p.advance()
        assert screen(tty.getvalue())[-1].endswith("2/4")


def test_download_on_a_terminal_draws_on_stderr_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Through the command: the bar on (fake-terminal) stderr, stdout clean for a pipe."""
    from fake_syke import connect_directly, serve_fake_syke, syke_csv_text

    connect_directly(monkeypatch)
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    tty = Terminal()
    monkeypatch.setattr(sys, "stderr", tty)
    with serve_fake_syke(tmp_path / "site") as site:
        for code in ("405", "416"):
            site.add_file(f"Tulokset_taso_5/kunta_{int(code)}.csv", syke_csv_text([2024]).encode())
        status, out, _ = run(
            capsys, "data", "download", "lemi", "lappeenranta", "--base-url", site.url,
            "--retries", "0",
        )  # fmt: skip
    assert status == 0
    assert "\r" not in out and "Downloading" not in out  # stdout: the summary only
    assert out.startswith("2 downloaded, 0 already cached, 0 failed")
    drawn = tty.getvalue()
    assert "\rDownloading [" in drawn and "] 0/2" in drawn and "] 2/2" in drawn
    shown = screen(drawn)
    assert {line.split(": ")[0].strip() for line in shown[:2]} == {
        "Lappeenranta (405)",
        "Lemi (416)",
    }
    assert all(": downloaded -> " in line for line in shown[:2])  # each file on its own line
    assert shown[2:] == [""]  # then the bar, cleared at the end


def test_report_piped_draws_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Standard error not a terminal: only the line saying where the report was written."""
    monkeypatch.setenv("CANEMURE_PROGRESS_DELAY", "0")  # would draw at once on a terminal
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "r.html"
    status, out, err = run(capsys, "report", "12", "-o", str(target), "--no-charts")
    assert status == 0 and out == ""
    assert err == f"canemure: report written: {target}\n"


def test_report_in_a_real_pty_draws_and_clears(tmp_path: Path) -> None:
    """``canemure report`` under a pseudo-terminal draws its bar on stderr and blanks it."""
    command = [
        sys.executable, "-m", "canemure.cli.main", "report", "pohjois-karjala",
        "-o", str(tmp_path / "r.html"), "--no-charts", "--lang", "en",
    ]  # fmt: skip
    env = {**os.environ, "CANEMURE_CACHE_DIR": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env["CANEMURE_PROGRESS_DELAY"] = "0"  # drawn from the start, however fast the machine
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, env=env
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the pty closes when the command exits
                break
            if not chunk:
                break
            drawn += chunk
        out, _ = process.communicate(timeout=120)
    finally:
        os.close(leader)
    assert process.returncode == 0
    assert out == b""
    text = drawn.decode().replace("\r\n", "\n")  # the terminal's own line ends
    assert "\rCompiling the report [" in text
    assert f"] {10}/10" in text  # every step counted
    assert screen(text) == [f"canemure: report written: {tmp_path / 'r.html'}", ""]


def test_worker_threads_count_every_finished_item() -> None:
    """Downloads finish on worker threads: no count is lost and every line stays whole."""
    import threading

    tty = Terminal()
    total = 200
    with Progress(total, "Downloading", stream=tty, delay=0.0) as progress:
        threads = [
            threading.Thread(
                target=progress.line, args=(f"file {i}: downloaded",), kwargs={"count": 1}
            )
            for i in range(total)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert progress.done == total
    shown = screen(tty.getvalue())
    assert sorted(shown[:total]) == sorted(f"file {i}: downloaded" for i in range(total))
    assert f"] {total}/{total}" in tty.getvalue()
