"""Run every ``python`` code block of README.md and docs/*.md (plugins.md: tests/plugins)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = [DOCS.parent / "README.md", *sorted(p for p in DOCS.glob("*.md") if p.name != "plugins.md")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_code_blocks_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for number, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")), start=1):
        code = compile(block, f"{page.name}#block{number}", "exec")
        exec(code, namespace)


def test_guide_has_examples() -> None:
    assert len(BLOCK.findall((DOCS / "guide.md").read_text(encoding="utf-8"))) >= 6
