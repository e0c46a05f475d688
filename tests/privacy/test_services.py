"""Data protection requests: the month to answer, the reminders, and closing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import RecordedMethod
from members.services import staff_role_grant
from notifications.models import Message, MessageStatus
from privacy.models import RequestKind, RequestStatus, one_month_after
from privacy.services import request_close, request_log
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "received,due",
    [
        (date(2026, 12, 4), date(2027, 1, 4)),  # across the new year
        (date(2027, 1, 31), date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 30), date(2028, 2, 29)),  # a leap year
        (date(2027, 3, 31), date(2027, 4, 30)),
    ],
)
def test_the_deadline_is_one_calendar_month_after_the_day_it_reached_us(received, due):
    assert one_month_after(received) == due


def _log(actor, person, **changes):
    fields = {
        "kind": RequestKind.ACCESS, "received_on": timezone.localdate(), "received_how": RecordedMethod.EMAIL,
        "identity_check": "Sent from the email address we hold", **changes,
    }  # fmt: skip
    return request_log(actor=actor, person=person, **fields)


def test_logging_a_request_reminds_every_administrator_a_week_before_and_on_the_day(administrator, applicant):
    other_admin = UserFactory()
    staff_role_grant(actor=None, user=other_admin, role="administrator")
    request = _log(administrator, applicant, received_on=date(2026, 12, 1))
    assert request.due_on == date(2027, 1, 1) and request.status == RequestStatus.OPEN
    reminders = Message.objects.filter(kind="privacy.request_due")
    assert {(m.recipient_id, m.due_at) for m in reminders} == {
        (person.pk, datetime(*day, 9, tzinfo=LONDON))
        for person in (administrator, other_admin)
        for day in ((2026, 12, 25), (2027, 1, 1))
    }
    # The reminder names the request by number, never the person.
    assert applicant.full_name not in str(reminders.first().context)
    assert request.history.get().history_user == administrator


def test_a_request_logged_late_is_reminded_at_once(administrator, applicant):
    request = _log(administrator, applicant, received_on=date(2026, 10, 1))
    assert request.days_left() < 0
    due = Message.objects.filter(kind="privacy.request_due").values_list("due_at", flat=True)
    assert all(moment <= timezone.now() for moment in due)


def test_closing_a_request_stops_its_reminders_and_records_what_we_did(administrator, applicant):
    request = _log(administrator, applicant)
    with pytest.raises(ValidationError, match="Say what we did"):
        request_close(actor=administrator, request=request, status=RequestStatus.DONE, outcome=" ")
    request = request_close(actor=administrator, request=request, status=RequestStatus.DONE, outcome="Sent the ZIP")
    assert request.closed_at and request.outcome == "Sent the ZIP"
    assert set(Message.objects.filter(kind="privacy.request_due").values_list("status", flat=True)) == {
        MessageStatus.CANCELLED
    }
    with pytest.raises(ValidationError, match="already been closed"):
        request_close(actor=administrator, request=request, status=RequestStatus.REFUSED, outcome="Again")


def test_a_date_to_come_is_refused(administrator, applicant):
    with pytest.raises(ValidationError) as refused:
        _log(administrator, applicant, received_on=date(2099, 1, 1))
    assert "today or in the past" in str(refused.value)


def test_only_administrators_log_or_close_requests(coordinator, applicant, administrator):
    with pytest.raises(PermissionDenied):
        _log(coordinator, applicant)
    request = _log(administrator, applicant)
    with pytest.raises(PermissionDenied):
        request_close(actor=coordinator, request=request, status=RequestStatus.DONE, outcome="x")
