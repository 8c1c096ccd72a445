"""The Textual app. Only `dutylog` with no arguments (and `demo`) imports this package."""
