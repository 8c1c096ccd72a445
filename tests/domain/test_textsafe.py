"""Text is data (issue 12): control characters never stored or shown raw; names compared
as people read them."""

from __future__ import annotations

from dutylog.textsafe import clean_name, clean_text, shown, shown_line

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # sets the clipboard
CLEAR = "\x1b[2J\x1b[H"


def test_clean_text_removes_terminal_control_and_keeps_lines():
    assert clean_text(f"海阳{OSC52}调研{CLEAR}\n第二行\t备注") == "海阳]52;c;ZXZpbA==调研[2J[H\n第二行\t备注"
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("一\n二", multiline=False) == "一 二"
    assert clean_text("\ud800孤") == "孤"  # a lone surrogate
    assert clean_text("\u202e反转") == "反转"  # a bidi override


def test_clean_name_folds_what_looks_the_same():
    assert clean_name("王明\u3000") == "王明"  # a trailing ideographic space
    assert clean_name("王\u200b明") == "王明"  # a zero-width space
    assert clean_name("\ufeff王明") == "王明"
    assert clean_name("ＡＢＣ　公司") == "ABC 公司"  # full-width letters and space (NFKC)
    assert clean_name("  海阳  某 公司 ") == "海阳 某 公司"


def test_shown_makes_every_control_visible():
    assert shown(f"a{OSC52}b") == "a\\x1b]52;c;ZXZpbA==\\x07b"
    assert "\x1b" not in shown(CLEAR) and "\x9b" not in shown("\x9b31m")
    assert shown("一\n二\t三") == "一\n二\t三"
    assert shown("\ud800") == "\ufffd"
    assert shown("\u202e") == "\\u202e"
    assert shown(None) == "" and shown("") == ""
    assert shown_line("一\n二\t三") == "一 二 三"


def test_the_fast_paths_change_nothing():
    """clean_text and clean_name return printable text untouched without their regexes:
    for every short mix of the characters that matter, the same as the full path."""
    import itertools
    import unicodedata

    from dutylog import textsafe as T

    def full_text(text, multiline=True):
        text = T._SURROGATE.sub("", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = T._CONTROL.sub("", text)
        return text if multiline else text.replace("\n", " ").replace("\t", " ")

    def full_name(text):
        text = T._INVISIBLE.sub("", unicodedata.normalize("NFKC", full_text(text, False)))
        return T._SPACES.sub(" ", text).strip()

    alphabet = ["a", " ", "中", "\t", "\n", "\r", "\x1b", "\x9b", "\u202e", "\u3000", "\ud800",
                "\u200b", "ｱ", "Ａ", "\xa0", "\u00ad", "\u0301"]
    for n in range(4):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert T.clean_text(text) == full_text(text), repr(text)
            assert T.clean_text(text, multiline=False) == full_text(text, False), repr(text)
            assert T.clean_name(text) == full_name(text), repr(text)
