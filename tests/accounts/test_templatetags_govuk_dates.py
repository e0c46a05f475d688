from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.templatetags.govuk_dates import govuk_date_time, govuk_time

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "hour, minute, written",
    [(17, 0, "5pm"), (17, 30, "5:30pm"), (9, 5, "9:05am"), (12, 0, "midday"), (0, 0, "midnight"), (12, 15, "12:15pm"),
     (0, 30, "12:30am")],
)  # fmt: skip
def test_times_are_written_the_gov_uk_way(hour, minute, written):
    assert govuk_time(datetime(2027, 1, 29, hour, minute, tzinfo=LONDON)) == written


def test_a_time_kept_in_utc_is_written_in_london_time():
    assert govuk_time(datetime(2027, 7, 1, 16, 0, tzinfo=ZoneInfo("UTC"))) == "5pm"  # British Summer Time


def test_a_moment_is_written_with_its_day_in_london_time():
    assert govuk_date_time(datetime(2027, 7, 1, 16, 30, tzinfo=ZoneInfo("UTC"))) == "5:30pm on Thursday 1 July 2027"
    assert govuk_date_time(datetime(2027, 1, 29, 12, 0, tzinfo=LONDON)) == "midday on Friday 29 January 2027"


def test_a_moment_kept_as_an_iso_string_is_written_the_same_way():
    # How a message's stored context carries allauth's timestamp.
    kept = datetime(2027, 7, 1, 23, 30, 5, 123456, tzinfo=ZoneInfo("UTC")).isoformat()
    assert govuk_date_time(kept) == "12:30am on Friday 2 July 2027"  # already the next day in London
    assert govuk_date_time("2027-01-29T17:00:00Z") == "5pm on Friday 29 January 2027"


@pytest.mark.parametrize("value", [None, "", "not a time", "2027-01-29", 42])
def test_anything_that_is_not_a_moment_is_written_as_nothing(value):
    # A day alone is not a moment: it would otherwise be written as midnight.
    assert govuk_date_time(value) == ""
