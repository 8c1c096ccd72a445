"""One snapshot a scene (dutylog.tui.scenes): every screen and dialog over the scenes'
worlds (the demo year with today pinned to 2025-06-18, a month's last day, a first run).
`make screenshots` draws the README's pictures from the same table.

Refresh only after reading the diff report: pytest tests/tui --snapshot-update.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dutylog.tui import registry, scenes

SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"


@pytest.mark.parametrize("scene", scenes.SCENES, ids=lambda s: s.name)
def test_scene(snap_compare, tmp_path, scene):
    service = scenes.open_world(scene.world, tmp_path / "world")
    try:
        assert snap_compare(scene.app(service), run_before=scene.play, terminal_size=scene.size)
    finally:
        service.close()


def test_every_screen_and_dialog_has_a_scene():
    """A screen added to the registry without a scene fails here (CONTRIBUTING.md)."""
    assert set(registry.SCREENS) | {"dashboard"} <= set(scenes.pictured())
    assert len({s.name for s in scenes.SCENES}) == len(scenes.SCENES)


def test_every_scene_names_a_world_and_a_registered_screen():
    for s in scenes.SCENES:
        assert s.world in scenes.WORLDS
        assert set(s.shows) <= set(registry.SCREENS) | {"dashboard"}


def test_the_worlds_paint_the_same_every_run(tmp_path):
    """Fixed clock and ids: two demo worlds hold the same records with the same stamps."""
    one = scenes.open_world("demo", tmp_path / "one")
    two = scenes.open_world("demo", tmp_path / "two")
    try:
        a, b = one.entries("张海峰"), two.entries("张海峰")
        assert [e.id for e in a] == [e.id for e in b]
        assert one.history(a[-1].id) == two.history(b[-1].id)
    finally:
        one.close()
        two.close()


def test_svg_text_widths_follow_terminal_cells():
    """issue 10 §6: a line of Chinese in an exported SVG is as long as its cells."""
    from rich.cells import cell_len

    svg = (SNAPSHOTS / "test_scene[dashboard-month-end].svg").read_text(encoding="utf-8")
    lines = re.findall(r'<text[^>]*textLength="([0-9.]+)"[^>]*>([^<]*王明[^<]*)</text>', svg)
    assert lines
    length, text = lines[0]
    text = text.replace("&#160;", " ")
    per_cell = 12.2  # Rich's cell width at its 20px font
    assert float(length) == round(cell_len(text) * per_cell, 2)
    assert cell_len(text) > len(text)  # the line really is Chinese

