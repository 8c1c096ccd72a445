"""Services shared by the command line and the Textual app: validation, status, records.

The CLI and the TUI stay thin: they parse or collect input, call one method here, and
render what comes back. `today` is injected once, here, and flows down.
"""

from .core import Dutylog, LogRequest, today_from_env

__all__ = ["Dutylog", "LogRequest", "today_from_env"]
