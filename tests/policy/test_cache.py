"""The shipped preset's parsed copy (loader `_cached_builtin`) is used only when it was made
from exactly the shipped TOML; `make policy-cache` refreshes it after an edit."""

from __future__ import annotations

import json
import tomllib

from dutylog.policy import loader


def test_the_shipped_copy_is_fresh():
    text = loader.builtin_text()
    cached = json.loads(loader._packaged(loader._BUILTIN_FILE + loader.CACHE_SUFFIX)
                        .read_text(encoding="utf-8"))
    assert cached == json.loads(json.dumps(loader.builtin_cache_entry(text))), \
        "run `make policy-cache` after editing the preset"
    assert loader._cached_builtin(text) == cached["data"]


def test_the_copy_gives_the_same_policy_as_the_toml():
    text = loader.builtin_text()
    assert loader.parse_policy(text) == loader._Builder("builtin").policy(tomllib.loads(text))


def test_a_copy_of_other_text_is_ignored(monkeypatch, tmp_path):
    text = loader.builtin_text()
    edited = text.replace("target", "target", 1) + "\n# edited in place\n"
    assert loader._cached_builtin(edited) is None  # not made from this text
    same_length = text[:-1] + ("x" if text[-1] != "x" else "y")
    assert loader._cached_builtin(same_length) is None  # the CRC differs
    for broken in ("", "not json", "[]", '{"length": 1}'):
        (tmp_path / (loader._BUILTIN_FILE + loader.CACHE_SUFFIX)).write_text(broken, encoding="utf-8")
        monkeypatch.setattr(loader, "_packaged", lambda name, d=tmp_path: d / name)
        assert loader._cached_builtin(text) is None
        assert loader.parse_policy(text).rules  # parsed from the TOML instead
