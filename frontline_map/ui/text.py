"""User- and article-supplied strings inside Streamlit's Markdown messages are shown as text, never as markup."""
from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(value: object) -> str:
    """``value`` with every Markdown and HTML special character backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", str(value))
