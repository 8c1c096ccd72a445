"""Palette words as plain text (issue 12): Textual reads a hit's `str` display and its help
as markup, and `Matcher.highlight` parses its candidate as markup — so a subject named
"[@click=app.screenshot(…)]张三[/]" would become a link, and "[/]" would crash Ctrl+P."""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from dutylog.textsafe import shown_line


def plain(text: str) -> str:
    """One line, every control character visible."""
    return shown_line(text)


def plain_help(text: str) -> str:
    """Help text, escaped for the palette's markup parser."""
    return escape(shown_line(text))


def highlight(matcher, title: str) -> Content:
    """`Matcher.highlight` without its markup parsing: the title as typed, the matched
    letters styled."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
