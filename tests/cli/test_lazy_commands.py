"""The lazy command table names exactly the commands each module defines."""

from __future__ import annotations

import click

from dutylog.cli import COMMANDS, load_module


def test_command_table_matches_modules():
    defined = {}
    for module in set(COMMANDS.values()):
        group = click.Group()
        load_module(module).register(group)
        defined.update({name: module for name in group.commands})
    assert defined == COMMANDS


def test_help_lists_every_command(run):
    r = run("--help")
    assert r.code == 0
    for name in COMMANDS:
        assert name in r.out


def test_unknown_command_is_a_refusal(run):
    r = run("frobnicate")
    assert r.code == 2 and "frobnicate" in r.err
