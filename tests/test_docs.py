"""Run every ``python`` code block of README.md and docs/**/*.md (plugins.md: tests/plugins).

Pages are read as the documentation site shows them: a line ``--8<-- "path"`` (mkdocs.yml's
``pymdownx.snippets``) is replaced by the file it names, relative to the repository, so the code
of an included file (``benchmarks/README.md`` on the performance page) runs here too, with the
included file's folder on ``sys.path`` as its text says. Benchmark calls in included files run
with their repetition counts set to 1: timings belong to ``nox -s benchmarks``; here the code
only has to work. Shell blocks are fenced ```` ```sh ```` and are not run.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
INCLUDE = re.compile(r'^--8<-- "([^"]+)"[ \t]*$', re.MULTILINE)
REPETITIONS = re.compile(r"\b(repeat|repeats|number|runs)=\d+")
PAGES = [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if p.name != "plugins.md")]


def parts(page: Path) -> list[tuple[Path, str]]:
    """The page's own text and the files it includes, in reading order, each with its file."""
    text = page.read_text(encoding="utf-8")
    found: list[tuple[Path, str]] = []
    start = 0
    for match in INCLUDE.finditer(text):
        included = ROOT / match.group(1)
        assert included.is_file(), f"{page.name} includes {match.group(1)}, which does not exist"
        found += [(page, text[start : match.start()])]
        found += [(included, included.read_text(encoding="utf-8"))]
        start = match.end()
    return [*found, (page, text[start:])]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    before = set(sys.modules)
    folders: set[Path] = set()
    try:
        for origin, text in parts(page):
            included = origin != page
            if included:
                folders.add(origin.parent)
                monkeypatch.syspath_prepend(str(origin.parent))
            for number, block in enumerate(BLOCK.findall(text), start=1):
                code = REPETITIONS.sub(r"\1=1", block) if included else block
                name = f"{origin.relative_to(ROOT)}#block{number}"
                exec(compile(code, name, "exec"), namespace)
    finally:  # modules imported from an included file's folder are not left behind
        for module in set(sys.modules) - before:
            path = getattr(sys.modules[module], "__file__", None)
            if path is not None and Path(path).parent in folders:
                del sys.modules[module]


def test_includes_are_read_with_their_code(tmp_path: Path) -> None:
    """The performance page is benchmarks/README.md, whose Python example runs above."""
    readme = ROOT / "benchmarks" / "README.md"
    included = [text for origin, text in parts(DOCS / "performance.md") if origin == readme]
    assert included == [readme.read_text(encoding="utf-8")]
    assert BLOCK.findall(included[0])
    page = tmp_path / "page.md"
    page.write_text('Text\n--8<-- "no/such/file.md"\n', encoding="utf-8")
    with pytest.raises(AssertionError, match=r"no/such/file\.md, which does not exist"):
        parts(page)


def test_guide_has_examples() -> None:
    assert len(BLOCK.findall((DOCS / "guide.md").read_text(encoding="utf-8"))) >= 6


def test_ci_runs_the_readme_check() -> None:
    """.ci/run runs the README's second set-up command as written: the whole check, docs too."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = re.search(r"^## Set-up: two commands\n.*?^```sh\n(.*?)^```", readme, re.M | re.S)
    assert setup is not None
    commands = [line for line in setup.group(1).splitlines() if line.startswith("python3 ")]
    assert len(commands) == 2
    assert commands[1].endswith("-m nox -s lint typecheck tests docs")
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_api_reference_lists_every_root_export() -> None:
    """docs/api/canemure.md links every name the package root re-exports, to its module."""
    import canemure

    page = (DOCS / "api" / "canemure.md").read_text(encoding="utf-8")
    linked = dict(re.findall(r"\[`(\w+)`\]\[([\w.]+)\]", page))
    exports = {name for name in canemure.__all__ if name != "__version__"}
    assert set(linked) == exports
    for name, target in linked.items():
        assert target.startswith(f"{canemure._EXPORTS[name]}.")
        assert target.rsplit(".", 1)[1] == name
