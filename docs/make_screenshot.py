"""Regenerate docs/images/report.png, the README's screenshot of the HTML meeting report.

Run with ``nox -s screenshot`` or, from an environment with canemure, its ``plot`` extra and the
region adapters installed, ``python docs/make_screenshot.py``. Needs Debian's ``chromium``
(``apt-get install chromium``); Pillow (installed with matplotlib) crops the page to its text
column and compresses the PNG.

The report is Pohjois-Karjala's, in English, from the data bundled with canemure: the same file
as ``canemure report pohjois-karjala -o report.html --lang en``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from canemure.cli.main import main as canemure

OUTPUT = Path(__file__).resolve().parent / "images" / "report.png"
WINDOW = (1200, 1600)  # CSS pixels: the first screen of the report, down to the sector chart
MARGIN = 24  # white pixels kept around the text column


def take(html: Path, png: Path, chromium: str) -> None:
    """Let headless Chromium load ``html`` (offline, fresh profile) and write a screenshot."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def crop_and_compress(png: Path, output: Path) -> None:
    """Cut the white margins beside the report's text column and write an optimised PNG."""
    from PIL import Image, ImageChops

    with Image.open(png) as image:
        page = image.convert("RGB")
    background = Image.new("RGB", page.size, (255, 255, 255))
    box = ImageChops.difference(page, background).getbbox()
    if box is not None:
        left, _top, right, _bottom = box
        page = page.crop((max(left - MARGIN, 0), 0, min(right + MARGIN, page.width), page.height))
    output.parent.mkdir(parents=True, exist_ok=True)
    page.quantize(colors=256).save(output, optimize=True)


def run() -> int:
    """Write the report, take the screenshot, crop it into ``OUTPUT``; return an exit status."""
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        status = canemure(["report", "pohjois-karjala", "-o", str(html), "--lang", "en"])
        if status != 0:
            return status
        shot = Path(folder) / "shot.png"
        take(html, shot, chromium)
        crop_and_compress(shot, OUTPUT)
    print(f"{OUTPUT} ({OUTPUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(run())
