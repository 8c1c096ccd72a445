"""Pilot helpers for the ledger TUI tests."""

from __future__ import annotations


async def submit(pilot, form) -> None:
    """Press Enter in the form's first text field, then let the app settle: the form
    either closes (accepted) or stays with its refusal shown."""
    from textual.widgets import Input

    form.query(Input).first().focus()
    await pilot.press("enter")
    for _ in range(20):
        await pilot.pause()
        if pilot.app.screen is not form:
            break
