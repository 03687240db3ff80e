"""mkdocs hook: turn the Sphinx roles of canemure's docstrings into links of the API reference.

Docstrings in ``src/`` cite other objects as ``:class:`~canemure.inventory.Source```; Markdown
renders that as ``:class:<code>~canemure.inventory.Source</code>``. This hook rewrites each such
role into a cross-reference that mkdocs-autorefs resolves: a link where the object is documented
on the site, plain code where it is not (``optional``: an unresolved name never fails the build).
A leading ``~`` shows only the last part of the name, as in Sphinx.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(
    r":(?:class|func|meth|mod|data|attr|exc|obj|const):<code>"
    r"(?:([^<]*?) &lt;([\w.]+)&gt;|(~?)([\w.]+)(\(\))?)</code>"
)


def _reference(match: re.Match[str]) -> str:
    title, target, short, name, call = match.groups()
    if target is not None:  # :meth:`EmissionInventory.merge <canemure.inventory....merge>`
        name, shown = target, title
    else:
        shown = (name.rsplit(".", 1)[-1] if short else name) + (call or "")
    return f'<autoref identifier="{name}" optional><code>{shown}</code></autoref>'


def on_page_content(html_text: str, **_kwargs: Any) -> str:
    """Rewrite the roles of one rendered page (mkdocs calls this for every page)."""
    return ROLE.sub(_reference, html_text)
