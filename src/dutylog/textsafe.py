"""Text that users or bundles bring is data: never markup, never terminal control (issue 12).

- `clean_text(text, multiline)`: what is stored. C0 and C1 control characters, DEL, lone
  surrogates and the bidi overrides are removed (tab and newline kept where a field holds
  several lines: notes); nothing else changes.
- `clean_name(text)`: a name (a subject, a linked object, a recorder) as it is compared for
  uniqueness: NFKC-normalised (a full-width space becomes a space, full-width letters
  ordinary ones), invisible characters (zero-width spaces and joiners, BOM, soft hyphen)
  removed, runs of white space folded, the ends stripped.
- `shown(text)`: what is printed or exported from text stored before these rules, or from
  any other source: every control character made visible as \\xNN (so an ESC or OSC
  sequence can never reach the terminal, a Markdown file or a spreadsheet), lone
  surrogates as U+FFFD.
"""

from __future__ import annotations

import re
import unicodedata

# C0 except tab/newline/carriage return, DEL, C1; bidi embeddings/overrides/isolates
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# what `shown` makes visible: every control but tab and newline
_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str, multiline: bool = True) -> str:
    if text.isprintable():  # no control, format (bidi), surrogate or line character: as is
        return text  # (checked in C: a county's import cleans ten million texts)
    text = _SURROGATE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def clean_name(text: str) -> str:
    if text.isascii() and text.isprintable() and "  " not in text and text.strip() == text:
        return text  # printable ASCII with single spaces: NFKC and the rest change nothing
    text = unicodedata.normalize("NFKC", clean_text(text, multiline=False))
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def shown(text: str | None) -> str:
    if not text:
        return text or ""
    text = _SURROGATE.sub("\ufffd", text)
    return _SHOWN.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_line(text: str | None) -> str:
    """`shown`, on one line (table cells): newlines and tabs become spaces."""
    if not text:
        return ""
    # most cells need nothing done: printable (no control, format or separator character
    # but the ASCII space) and no space to fold — checked in C, a county's table has 20,000
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return " ".join(shown(text).split())
