"""Reads for the interview stage: who may interview in a round, the times still free, each
interviewer's list, and the scorecards sent for an interview."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from members.models import MembershipStatus, StaffRoleKind
from recruitment.models import Interview, InterviewScorecard, InterviewSlot, Round


def interviewer_candidates(round_: Round) -> QuerySet[User]:
    """Who a coordinator may ask to interview: the panel's coordinators and reviewers and its
    current members (the chair, say), never someone who applied in this round."""
    panel_id = round_.panel_id
    return (
        User.objects.filter(
            Q(staff_roles__panel_id=panel_id, staff_roles__role__in=[StaffRoleKind.COORDINATOR, StaffRoleKind.REVIEWER])
            | Q(memberships__panel_id=panel_id, memberships__status=MembershipStatus.ACTIVE)
        )
        .exclude(applications__round=round_)
        .distinct()
        .order_by("full_name", "email", "id")
    )


def round_interviewers(round_: Round) -> QuerySet[User]:
    """The people asked to interview in this round, to put on its times."""
    return User.objects.filter(interviewing__round=round_).order_by("full_name", "id")


def free_slots(round_: Round) -> QuerySet[InterviewSlot]:
    """Interview times still to come that nobody has booked."""
    return round_.interview_slots.filter(starts_at__gt=timezone.now(), interview__isnull=True)


def round_slots(round_: Round) -> list[InterviewSlot]:
    """Every interview time in the round, with its interviewers and whoever is booked."""
    return list(
        round_.interview_slots.select_related("interview__application__applicant").prefetch_related("interviewers")
    )


def interviews_in_round(round_: Round) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(application__round=round_)
        .select_related("application__applicant", "slot")
        .order_by("application__reference")
    )


def interviews_for_interviewer(person: User) -> list[tuple[Interview, InterviewScorecard | None]]:
    """The interviews at the times a person is on, soonest first, each with their own scorecard."""
    interviews = list(
        Interview.objects.filter(slot__interviewers=person)
        .select_related("application__applicant", "application__round__panel", "slot")
        .order_by("slot__starts_at")
    )
    mine = {c.interview_id: c for c in InterviewScorecard.objects.filter(interview__in=interviews, interviewer=person)}
    return [(interview, mine.get(interview.pk)) for interview in interviews]


def scorecards_sent(interview: Interview) -> list[InterviewScorecard]:
    return list(
        interview.scorecards.filter(submitted_at__isnull=False)
        .select_related("interviewer")
        .prefetch_related("scores__criterion")
    )
