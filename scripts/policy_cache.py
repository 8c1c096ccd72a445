"""Write the shipped preset's parsed copy (`make policy-cache`), read by every command
instead of parsing the TOML (src/dutylog/policy/loader.py `_cached_builtin`). A copy that
no longer matches the TOML is ignored at run time and fails tests/policy/test_cache.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dutylog.policy.loader import _BUILTIN_FILE, CACHE_SUFFIX, builtin_cache_entry

HERE = Path(__file__).resolve().parent.parent / "src" / "dutylog" / "policy"


def main() -> int:
    toml = HERE / _BUILTIN_FILE
    entry = builtin_cache_entry(toml.read_text(encoding="utf-8"))
    out = HERE / (_BUILTIN_FILE + CACHE_SUFFIX)
    out.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{out.relative_to(HERE.parent.parent.parent)}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
