"""Times are stored in UTC and shown in the laptop's zone (issue 11 §3)."""

from datetime import timedelta, timezone

from dutylog.fmt import local_time

BEIJING = timezone(timedelta(hours=8), "CST")


def test_utc_stamp_shown_in_beijing_time():
    assert local_time("2025-03-02T03:29:41.123456+00:00", BEIJING) == "2025-03-02 11:29"
    assert local_time("2025-03-02T23:10:00+00:00", BEIJING) == "2025-03-03 07:10"  # the next day


def test_stamps_from_elsewhere():
    assert local_time("2025-03-02T11:29:00+08:00", BEIJING) == "2025-03-02 11:29"
    assert local_time("2025-03-02T03:29:00", BEIJING) == "2025-03-02 11:29"  # no zone: UTC
    assert local_time("not a time", BEIJING) == "not a time"
    assert local_time(None) == ""
    assert local_time("9999-12-31T23:59:59+00:00", BEIJING) == "9999-12-31 23:59"  # past the edge
