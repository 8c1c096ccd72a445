"""The app over a temporary data folder (DUTYLOG_HOME from tests/conftest.py), today pinned."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2025, 6, 18)
SIZE = (120, 40)


@pytest.fixture
def svc():
    from dutylog.services import Dutylog

    service = Dutylog.open(today=TODAY)
    yield service
    service.close()


@pytest.fixture
def demo_svc(svc):
    from dutylog.services.demo import fill_demo

    fill_demo(svc)
    return svc


@pytest.fixture
def make():
    """make(service, lang="zh") -> a deterministic app: fixed today and theme, no blink."""
    from dutylog.tui.app import make_app

    def _make(service, lang: str = "zh"):
        return make_app(service, today=TODAY, lang=lang, blink=False, theme="textual-dark",
                        animations=False)

    return _make
