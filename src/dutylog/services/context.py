"""What every use case shares: the open store, the policy and the one injected today."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from dutylog.domain.dates import parse_date
from dutylog.domain.errors import InvalidInput
from dutylog.domain.rules import Policy
from dutylog.policy import load_policy
from dutylog.store import Store

POLICY_SETTING = "policy_path"


def today_from_env() -> dt.date:
    """Today's date; `DUTYLOG_TODAY=YYYY-MM-DD` pins it for tests and demos."""
    pinned = os.environ.get("DUTYLOG_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise InvalidInput(code="env.today", text=pinned) from None
    return dt.date.today()


class Context:
    """The store, the policy (read from the user's setting on first use) and today.

    `today` is fixed when the context is made: a caller that needs another day makes
    another context (`Dutylog.on(day)`), it never moves this one's clock."""

    def __init__(self, store: Store, today: dt.date, policy: Policy | None = None) -> None:
        self.store = store
        self._today = today
        self._policy = policy

    @property
    def today(self) -> dt.date:
        return self._today

    @property
    def policy(self) -> Policy:
        if self._policy is None:
            path = self.store.settings.get(POLICY_SETTING)
            self._policy = load_policy(path or None)
        return self._policy

    def use_policy(self, path: str | None) -> Policy:
        """Point dutylog at a user's copy of the preset (None: back to the built-in one)."""
        if path is None:
            policy = load_policy(None)
            self.store.settings.set(POLICY_SETTING, "")
        else:
            resolved = str(Path(path).expanduser().resolve())
            policy = load_policy(resolved)
            self.store.settings.set(POLICY_SETTING, resolved)
        self._policy = policy
        return policy

    def on(self, day: dt.date) -> Context:
        """The same store and policy, evaluated on `day`."""
        return Context(self.store, day, self._policy)

    def date(self, text: str, field: str = "date", allow_future: bool = True) -> dt.date:
        return parse_date(text, self.today, field, allow_future)

    def not_future(self, day: dt.date, field: str) -> dt.date:
        if day > self.today:
            raise InvalidInput(code="day.future", field=field, when=day, today=self.today)
        return day
