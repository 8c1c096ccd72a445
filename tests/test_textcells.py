"""textcells measures text as rich does (the TUI's widths), faster for Chinese."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

from dutylog import textcells


def test_every_character_of_the_fast_path_is_two_cells_in_rich():
    fast = textcells._PLAIN_CJK
    fast_chars = [chr(c) for c in range(0x80, 0x10000) if fast.fullmatch(chr(c))]
    narrow = [ch for ch in fast_chars if textcells._NARROW.fullmatch(ch)]
    wide = [ch for ch in fast_chars if ch not in narrow]
    assert len(wide) > 27_000  # ideographs, extension A, punctuation, fullwidth forms
    assert all(get_character_cell_size(ch) == 2 for ch in wide)
    assert narrow and all(get_character_cell_size(ch) == 1 for ch in narrow)
    assert all(get_character_cell_size(chr(c)) == 1 for c in range(0x20, 0x7F))


def test_widths_agree_with_rich():
    for text in ["", "abc", "王明", "走访 3 户，留格庄镇（东村）", "调研 · 走访…", "“两个”—×", "a\x1bb", "é中", "한국어",
                 "ｶﾀｶﾅ", "〪", "👍🏽x", "e\u0301", "\u200b中", "中" * 600]:
        assert textcells.width(text) == cell_len(text), text


def test_a_table_of_chinese_lines_up():
    out = textcells.table(["日期", "地点"], [["2025-01-01", "留格庄镇"], ["2025-01-02", "东村"]],
                          max_widths=[0, 6])
    lines = out.splitlines()
    assert lines[2] == "2025-01-01  留格~" or lines[2] == "2025-01-01  留格…"
    assert [textcells.width(x) for x in lines[1:2]] == [18]
    assert lines[3] == "2025-01-02  东村"


def test_shown_line_fast_path_changes_nothing():
    """textsafe.shown_line returns most cells untouched without running its regexes: the
    result must be what the full path gives, for any mix of the characters that matter."""
    import itertools

    from dutylog.textsafe import shown, shown_line

    alphabet = ["a", " ", "中", "\t", "\n", "\x1b", "\x9b", "\u202e", "\u3000", "\ud800",
                "\u200b", "·"]
    for n in range(4):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert shown_line(text) == (" ".join(shown(text).split()) if text else ""), repr(text)


def test_fit_keeps_the_longest_start_within_the_width():
    """`fit` measures Chinese text a few starts at a time (C), not a character at a time:
    the start it keeps is the longest that fits, as rich measures it, a wide character
    never halved."""
    import random

    alphabet = "ab 3·…—“”×，。（）一二海阳市民情日记é👍"
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        width = rng.randint(0, 40)
        longest = max(i for i in range(len(text) + 1) if cell_len(text[:i]) <= width)
        assert textcells.fit(text, width) == text[:longest], (text, width)
