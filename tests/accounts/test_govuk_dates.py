from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.templatetags.govuk_dates import govuk_time

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
