"""The policy preset as data: the built-in TOML file and the loader that checks a user's copy."""

from .loader import BUILTIN_ID, builtin_path, builtin_text, holidays_template_text, load_policy, parse_policy

__all__ = ["BUILTIN_ID", "builtin_path", "builtin_text", "holidays_template_text", "load_policy", "parse_policy"]
