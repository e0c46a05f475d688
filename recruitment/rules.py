"""Who may do what in recruitment. Object-level: the round's or application's panel."""

import rules

from members.models import Panel, StaffRoleKind
from members.rules import is_administrator, staff_roles

from .models import Application, ApplicationStatus, Interview, InterviewSlot, ReviewAssignment, Round, RoundInterviewer
from .selectors import assignments_for_reviewer


def _panel_id(obj) -> int | None:
    """The panel a panel, round, application or review assignment belongs to."""
    if obj is None:
        return None
    if isinstance(obj, Panel):
        return obj.pk
    if isinstance(obj, Round):
        return obj.panel_id
    if isinstance(obj, Application):
        return obj.round.panel_id
    if isinstance(obj, (ReviewAssignment, Interview)):
        return obj.application.round.panel_id
    if isinstance(obj, (InterviewSlot, RoundInterviewer)):
        return obj.round.panel_id
    raise TypeError(f"No panel is known for {type(obj).__name__}")


@rules.predicate
def coordinates(user, obj) -> bool:
    """The user coordinates the panel of this panel, round or application."""
    panel_id = _panel_id(obj)
    return panel_id is not None and (StaffRoleKind.COORDINATOR, panel_id) in staff_roles(user)


@rules.predicate
def is_reviewer(user) -> bool:
    return any(role == StaffRoleKind.REVIEWER for role, _ in staff_roles(user))


@rules.predicate
def reviews_for(user, obj) -> bool:
    """The user is a reviewer of the panel of this round or application."""
    panel_id = _panel_id(obj)
    return panel_id is not None and (StaffRoleKind.REVIEWER, panel_id) in staff_roles(user)


@rules.predicate
def is_own_assignment(user, assignment) -> bool:
    """The reviewer's own current assignment, on an application still in review."""
    return (
        assignment is not None
        and assignment.reviewer_id == user.pk
        and assignment.conflict_declared_at is None
        and assignment.application.status == ApplicationStatus.IN_REVIEW
    )


@rules.predicate
def reviews_in_round(user, round_) -> bool:
    """The reviewer has current assignments in this round."""
    return round_ is not None and assignments_for_reviewer(user, round_).exists()


@rules.predicate
def is_own_application(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_assisted(user, application) -> bool:
    return application is not None and bool(application.assisted_method)


@rules.predicate
def is_interviewer(user) -> bool:
    return user.is_authenticated and RoundInterviewer.objects.filter(person=user).exists()


@rules.predicate
def interviews_this(user, interview) -> bool:
    """The user interviews in this interview's round and is on its booked time (or was, and has a
    scorecard for it). Nobody else learns the interview exists."""
    if interview is None or not user.is_authenticated:
        return False
    if not RoundInterviewer.objects.filter(round_id=interview.application.round_id, person=user).exists():
        return False
    on_the_time = interview.slot_id is not None and interview.slot.interviewers.filter(pk=user.pk).exists()
    return on_the_time or interview.scorecards.filter(interviewer=user).exists()


rules.add_perm("recruitment.manage_round", coordinates | is_administrator)
rules.add_perm("recruitment.view_applications", coordinates | is_administrator)
# Equality tables across every panel, a year at a time.
rules.add_perm("recruitment.view_equality_across_panels", is_administrator)
# The public equality data page: loading population figures, previewing and publishing.
rules.add_perm("recruitment.publish_equality_data", is_administrator)
# Which monitoring questions each panel asks and what its rounds may balance on.
rules.add_perm("recruitment.choose_panel_questions", is_administrator)
rules.add_perm("recruitment.record_assisted_application", coordinates)
rules.add_perm("recruitment.extend_deadline", coordinates)
# The applicant changes their own application; a coordinator does so only for an application they
# recorded on someone's behalf (by phone, on paper, by email or BSL video).
rules.add_perm("recruitment.change_application", is_own_application | (coordinates & is_assisted))
# Equality monitoring answers are the applicant's alone to download or delete, even when a
# coordinator recorded the application (and typed the answers in) for them.
rules.add_perm("recruitment.manage_own_equality_answers", is_own_application)

# Reviewers score only what is assigned to them, and only while they have no conflict.
rules.add_perm("recruitment.review", is_reviewer)
rules.add_perm("recruitment.score_application", is_own_assignment & reviews_for)
rules.add_perm("recruitment.review_round", reviews_in_round)
# Running review and deciding are the panel coordinator's: administrators can look, not decide.
rules.add_perm("recruitment.run_review", coordinates)
rules.add_perm("recruitment.decide", coordinates)

# Interviewers: a role per round, given by the coordinator; they score the interviews at their times.
rules.add_perm("recruitment.interview", is_interviewer)
rules.add_perm("recruitment.score_interview", interviews_this)
# The applicant chooses, accepts, declines or asks to rearrange their own interview time.
rules.add_perm("recruitment.reply_to_interview", is_own_application)
