"""What `recruitment` holds about people (see accounts.personal_data), and `recruitment_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import (
    Answer,
    Application,
    ApplicationStatus,
    BalanceResponse,
    Interview,
    InterviewScore,
    InterviewScorecard,
    MonitoringResponse,
    ReviewAssignment,
    RoundInterviewer,
    Score,
    Selection,
)

# What the coordinator decided and how the application was judged: held back from the person's
# own download until the outcome is released (ADR 0006), and given in full to a data protection
# request.
MONITORING_FIELDS = ("age_band", "sex", "gender_same_as_sex", "sexual_orientation", "ethnicity", "disability",
                     "religion", "caring")  # fmt: skip
DECISION_FIELDS = ("moderated_score", "moderation_reason", "decision_reason", "decision_note", "feedback")

DECLARED = {
    "recruitment.Round": NotPersonal("A round's dates, places and settings."),
    "recruitment.Question": NotPersonal("The questions a round asks."),
    "recruitment.Criterion": NotPersonal("What applications are judged on, with the marking guide."),
    "recruitment.PanelQuestions": NotPersonal(
        "Which questions a panel's rounds ask, and the administrator who chose them, at work."
    ),
    "recruitment.HistoricalPanelQuestions": NotPersonal(
        "Earlier choices of a panel's questions, and the administrators who made them, at work."
    ),
    "recruitment.PopulationFigures": NotPersonal(
        "Published counts of the City Region's population, and the member of staff who loaded them, at work."
    ),
    "recruitment.EqualityPublication": NotPersonal(
        "The public equality page as published: counts that passed disclosure control, and who published it."
    ),
    "recruitment.InterviewSlot": NotPersonal(
        "A time offered for interviews; who took it is held on the interview, and its interviewers are staff at work."
    ),
    "recruitment.Application": Personal(
        of="applicant",
        fields=(
            "round",
            "status",
            "reference",
            "local_authority_area",
            "interview_adjustments",
            "declaration_at",
            "submitted_at",
            "withdrawn_at",
            "withdrawal_reason",
            "deadline",
            "deadline_reason",
            "assisted_method",
            "review_code",
            *DECISION_FIELDS,
            "outcome_released_at",
            "released_status",
            "membership",
            "anonymised_at",
            "created_at",
            "updated_at",
        ),
        names=("recorded_by",),
        special=("interview_adjustments",),
    ),  # fmt: skip
    "recruitment.Answer": Personal(
        of="application__applicant", fields=("question", "text", "redacted_text", "identifies", "updated_at")
    ),
    # Kept apart and never shown to staff (ADR 0004); the person's own, so it is in their export.
    "recruitment.MonitoringResponse": Personal(
        of="application__applicant", fields=(*MONITORING_FIELDS, "answered_at"), special=MONITORING_FIELDS
    ),
    "recruitment.BalanceResponse": Personal(
        of="application__applicant", fields=("answers", "consent", "answered_at"), special=("answers",)
    ),
    # Who reviewed, and what they said of a conflict, identify the reviewer.
    "recruitment.ReviewAssignment": Personal(
        of="application__applicant",
        fields=("assigned_at", "submitted_at", "conflict_declared_at"),
        names=("reviewer", "position", "conflict_reason"),
    ),  # fmt: skip
    "recruitment.Score": Personal(of="assignment__application__applicant", fields=("criterion", "score", "comment")),
    "recruitment.RoundInterviewer": Personal(of="person", fields=("round", "added_at"), names=("added_by",)),
    "recruitment.Interview": Personal(
        of="application__applicant",
        fields=(
            "slot",
            "state",
            "accepted_at",
            "reply_note",
            "sequence",
            "adjustments_confirmed",
            "score",
            "invited_at",
        ),
        names=("invited_by",),
        special=("adjustments_confirmed",),
    ),  # fmt: skip
    "recruitment.InterviewScorecard": Personal(
        of="interview__application__applicant",
        fields=("submitted_at", "conflict_declared_at"),
        names=("interviewer", "conflict_reason"),
    ),  # fmt: skip
    "recruitment.InterviewScore": Personal(
        of="scorecard__interview__application__applicant", fields=("criterion", "score", "comment")
    ),
    # A proposal keeps a snapshot of every candidate (their balance answers and score) under
    # `inputs`; only the person's own entry goes out. `result` holds application ids only.
    "recruitment.Selection": Personal(
        of="round__applications__applicant",
        fields=("method", "status", "decision", "created_at"),
        names=("created_by", "decided_by", "result", "decision_reason"),
        entries=("inputs",),
        kept_out=("seats", "targets", "merit_bar", "seed", "decided_at"),
    ),  # fmt: skip
}


def recruitment_data_of(person, *, pending_held_back: bool = False) -> list[Section]:
    """Everything `recruitment` holds about the person: applications and answers, equality and
    balance answers, scores and comments about them (never who gave them), interviews, and their
    entries in panel proposals.

    With `pending_held_back` (the person's own download), an application whose outcome is not yet
    released shows the stage they have been told, and its scores, proposals and history wait for
    the release, as the decision itself does."""
    applications = Application.objects.filter(applicant=person)
    mine = list(applications.values_list("pk", flat=True))
    pending = set()
    if pending_held_back:
        unsettled = applications.exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        pending = {a.pk for a in unsettled.filter(outcome_released_at__isnull=True)}
    shown = [pk for pk in mine if pk not in pending]

    read = partial(sections, DECLARED, person)
    found = [
        *read(Application, applications, "Your applications"),
        *read(Answer, Answer.objects.filter(application__applicant=person), "Your answers"),
        *read(
            MonitoringResponse,
            MonitoringResponse.objects.filter(application__applicant=person),
            "Your equality monitoring answers",
        ),  # fmt: skip
        *read(
            BalanceResponse,
            BalanceResponse.objects.filter(application__applicant=person),
            "Your answers for a balanced panel",
        ),  # fmt: skip
        *read(ReviewAssignment, ReviewAssignment.objects.filter(application__in=shown), "Reviews of your applications"),
        *read(Score, Score.objects.filter(assignment__application__in=shown), "Reviewers' scores and comments"),
        *read(RoundInterviewer, RoundInterviewer.objects.filter(person=person), "Rounds you interviewed for"),
        *read(Interview, Interview.objects.filter(application__applicant=person), "Your interviews"),
        *read(
            InterviewScorecard,
            InterviewScorecard.objects.filter(interview__application__in=shown),
            "Interviewers' scorecards",
        ),  # fmt: skip
        *read(
            InterviewScore,
            InterviewScore.objects.filter(scorecard__interview__application__in=shown),
            "Interviewers' scores and comments",
        ),  # fmt: skip
        *read(
            Selection,
            Selection.objects.filter(round__applications__in=shown).distinct(),
            "Panels proposed from your round",
            entries_of=mine,
        ),  # fmt: skip
    ]
    if pending:
        _hold_back(found, pending, applications)
        _hold_back_history(found, shown)
    return found


def _hold_back_history(found: list[Section], shown: list[int]) -> None:
    """The earlier versions of scores, scorecards and proposals wait for the release as the
    records themselves do."""
    allowed = {
        "recruitment.HistoricalReviewAssignment": ReviewAssignment.objects.filter(application__in=shown),
        "recruitment.HistoricalScore": Score.objects.filter(assignment__application__in=shown),
        "recruitment.HistoricalInterviewScorecard": InterviewScorecard.objects.filter(interview__application__in=shown),
        "recruitment.HistoricalInterviewScore": InterviewScore.objects.filter(
            scorecard__interview__application__in=shown
        ),
        "recruitment.HistoricalSelection": Selection.objects.filter(round__applications__in=shown),
    }
    for section in found:
        if section.label in allowed:
            ids = set(allowed[section.label].values_list("pk", flat=True))
            section.rows = [row for row in section.rows if row["id"] in ids]


def _hold_back(found: list[Section], pending: set[int], applications) -> None:
    told = {a.pk: a.stage_for_applicant for a in applications if a.pk in pending}
    for section in found:
        if section.label == "recruitment.HistoricalApplication":
            section.rows = [row for row in section.rows if row["id"] not in pending]
        elif section.label == "recruitment.Application":
            for row in section.rows:
                if row["pk"] in pending:
                    row.update({"status": told[row["pk"]], **dict.fromkeys(DECISION_FIELDS, "")})
        elif section.label in ("recruitment.Interview", "recruitment.HistoricalInterview"):
            for row in section.rows:
                row["score"] = None
