"""The payments cast: rates in force, a member who chose to be paid, a meeting they came to, a
person in finance, and a receipt."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.services import attendance_record, meeting_invite
from members.models import StaffRoleKind
from members.services import staff_role_grant
from payments import services
from payments.models import Activity, PaymentChoice, Rate, Unit
from tests.factories import UserFactory
from tests.meetings.factories import a_meeting

LONG_AGO = date(2020, 1, 1)
# A tiny real PNG: the upload checks look at what a file is, not at its name.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def a_receipt(name: str = "ticket.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def rates(**amounts) -> dict[str, Rate]:
    """Rates in force since long ago: £25 an hour for meetings, £10 each for preparing, £30 each
    for a written consultation, £20 an hour on an interview panel, £50 a half day of training,
    unless `amounts` (activity → (unit, pence)) says otherwise."""
    chosen = {
        Activity.MEETING: (Unit.HOUR, 2500), Activity.PREPARATION: (Unit.EACH, 1000),
        Activity.WRITTEN: (Unit.EACH, 3000), Activity.INTERVIEW_PANEL: (Unit.HOUR, 2000),
        Activity.TRAINING: (Unit.HALF_DAY, 5000), **amounts,
    }  # fmt: skip
    made = {}
    for activity, (unit, pence) in chosen.items():
        made[activity] = Rate.objects.create(activity=activity, unit=unit, amount_pence=pence,
                                             effective_from=LONG_AGO, created_by=UserFactory())  # fmt: skip
    return made


def a_choice(person, panel, choice: str = "take") -> PaymentChoice:
    return services.payment_choice_set(actor=person, panel=panel, choice=choice, warning_read=True)


def a_finance_person(**fields):
    person = UserFactory(**fields)
    staff_role_grant(actor=None, user=person, role=StaffRoleKind.FINANCE)
    return person


def attended(coordinator, panel, *people, minutes: int = 120):
    """A meeting of `panel`, `minutes` long, that ended an hour ago, with `people` recorded present."""
    meeting = a_meeting(coordinator, panel, minutes=minutes)
    meeting_invite(actor=coordinator, meeting=meeting)
    end = timezone.now() - timedelta(hours=1)
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=end - timedelta(minutes=minutes), ends_at=end)
    meeting.refresh_from_db()
    present = {inv.pk: "present" for inv in meeting.invitations.filter(person__in=people)}
    attendance_record(actor=coordinator, meeting=meeting, attendance=present)
    return meeting
