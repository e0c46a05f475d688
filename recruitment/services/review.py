"""Review: assigning applications to reviewers, anonymising what they read, scoring and moderating."""

import logging
import re
import secrets
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.access import require
from accounts.models import User
from recruitment.models import Answer, Application, ApplicationStatus, ReviewAssignment, Round, RoundStatus, Score
from recruitment.selectors import reviewers_of

from .rounds import round_move

__all__ = [
    "answer_redact",
    "review_fill_gaps",
    "review_start_due",
    "scores_check",
    "scores_write",
    "application_assign_reviewers",
    "application_moderate",
    "identifying_details",
    "review_conflict_declare",
    "review_record",
    "review_start",
]

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
_random = secrets.SystemRandom()


def _review_code() -> str:
    return "".join(_random.choice(CODE_ALPHABET) for _ in range(6))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def identifying_details(text: str, person: User) -> list[str]:
    """Which of the person's own details appear in an answer: their name (or any part of it longer
    than two letters), their email address, their postcode or their phone number, in any spacing."""
    found = []
    lowered = text.lower()
    email = (person.email or "").lower()
    if email and email in lowered:
        found.append("email")
        lowered = lowered.replace(email, " ")
    names = [part for part in re.split(r"[\s\-']+", (person.full_name or "").lower()) if len(part) > 2]
    if any(re.search(rf"\b{re.escape(part)}\b", lowered) for part in names):
        found.insert(0, "name")
    postcode = (person.postcode or "").replace(" ", "").lower()
    if len(postcode) >= 5 and postcode in lowered.replace(" ", ""):
        found.append("postcode")
    phone = _digits(person.phone or "")
    if len(phone) >= 7 and phone[-7:] in _digits(text):
        found.append("phone")
    return found


def _conflicts(applicant_ids) -> set[tuple[int, int]]:
    """(reviewer, applicant) pairs that must never meet: a conflict declared in any round."""
    return set(
        ReviewAssignment.objects.filter(
            application__applicant_id__in=applicant_ids, conflict_declared_at__isnull=False
        ).values_list("reviewer_id", "application__applicant_id")
    )


def _choose(reviewers, load: Counter, exclude: set[int], wanted: int) -> list[int]:
    """The `wanted` least-loaded reviewers not excluded, ties broken at random, so the work is spread
    evenly and no one gets the same colleagues every time."""
    candidates = [r for r in reviewers if r not in exclude]
    _random.shuffle(candidates)
    candidates.sort(key=lambda r: load[r])
    return candidates[:wanted]


def _next_positions(reviewer_ids) -> Counter:
    return Counter(
        dict(
            ReviewAssignment.objects.filter(reviewer_id__in=reviewer_ids)
            .values("reviewer_id")
            .annotate(n=Count("id"))
            .values_list("reviewer_id", "n")
        )
    )


@transaction.atomic
def review_start(*, actor: User | None, round_: Round) -> int:
    """Share the closed round's applications among the panel's reviewers. Returns how many went
    into review. `actor=None` is the system, starting review when the round closes."""
    if actor is not None:
        require(actor, "recruitment.run_review", round_)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status == RoundStatus.DRAFT:
        raise ValidationError("The round has not been published, so there is nothing to review.")
    if round_.status != RoundStatus.PUBLISHED:
        raise ValidationError("Review has already started for this round.")
    if round_.is_open():
        raise ValidationError("The round is still open. Review can start once it has closed.")
    if not round_.criteria.exists():
        raise ValidationError("Add at least one criterion for reviewers to score against.")
    reviewers = reviewers_of(round_)
    if len(reviewers) < round_.reviewers_per_application:
        raise ValidationError(
            f"Each application needs {round_.reviewers_per_application} reviewers, but the panel has "
            f"{len(reviewers)}. Ask an administrator to add reviewers to the panel."
        )
    applications = list(
        round_.applications.filter(status=ApplicationStatus.SUBMITTED).select_related("applicant").order_by("id")
    )
    _assign(round_, applications, reviewers, actor=actor)
    _flag_identifying_answers(applications)
    now = timezone.now()
    for application in applications:
        application.status = ApplicationStatus.IN_REVIEW
        application.updated_at = now
    reason = "review started" if actor else "review started when the round closed"
    bulk_update_with_history(
        applications, Application, ["status", "review_code", "updated_at"], default_user=actor,
        default_change_reason=reason,
    )  # fmt: skip
    round_.review_started_at = now
    round_move(round_, RoundStatus.IN_REVIEW, actor=actor, reason=reason, also=("review_started_at",))
    who = f"person {actor.pk}" if actor else "the system"
    logger.info("review started for round %s by %s: %s applications", round_.pk, who, len(applications))
    return len(applications)


def review_start_due() -> list[int]:
    """Start review for every round that has closed, as the system (run by Celery beat). A round
    whose panel has too few reviewers is left for its coordinator, who is told why on the page."""
    started = []
    due = Round.objects.filter(status=RoundStatus.PUBLISHED, closes_at__lte=timezone.now())
    for round_ in due.order_by("closes_at"):
        try:
            review_start(actor=None, round_=round_)
        except ValidationError as exc:
            logger.info("review for round %s not started automatically: %s", round_.pk, " ".join(exc.messages))
        else:
            started.append(round_.pk)
    return started


def _assign(
    round_: Round, applications: list[Application], reviewers: list[int], *, actor: User | None = None
) -> list[ReviewAssignment]:
    conflicts = _conflicts({a.applicant_id for a in applications})
    load = _round_load(round_, reviewers)  # a Counter: reviewers with none yet count as 0
    positions = _next_positions(reviewers)
    used_codes = set(round_.applications.exclude(review_code="").values_list("review_code", flat=True))
    assignments = []
    order = applications[:]
    _random.shuffle(order)
    for application in order:
        while not application.review_code or application.review_code in used_codes:
            application.review_code = _review_code()
        used_codes.add(application.review_code)
        excluded = {r for r in reviewers if (r, application.applicant_id) in conflicts}
        excluded.add(application.applicant_id)  # a reviewer who applied never reviews themselves
        for reviewer in _choose(reviewers, load, excluded, round_.reviewers_per_application):
            load[reviewer] += 1
            assignments.append(ReviewAssignment(application=application, reviewer_id=reviewer, position=0))
    # Each reviewer's own random reading order. One arriving later (a personal deadline, often a
    # reasonable adjustment) takes a random place rather than the last, which would stand out.
    _random.shuffle(assignments)
    for assignment in assignments:
        positions[assignment.reviewer_id] += 1
        last = positions[assignment.reviewer_id]
        assignment.position = last if round_.review_started_at is None else _random.randint(1, last)
    return bulk_create_with_history(assignments, ReviewAssignment, default_user=actor)


def _round_load(round_: Round, reviewers) -> Counter:
    """How many of the round's applications each reviewer already has."""
    return Counter(
        dict(
            ReviewAssignment.objects.filter(
                reviewer_id__in=reviewers, application__round=round_, conflict_declared_at__isnull=True
            )
            .values("reviewer_id")
            .annotate(n=Count("id"))
            .values_list("reviewer_id", "n")
        )
    )


def _flag_identifying_answers(applications: list[Application]) -> None:
    by_id = {a.pk: a.applicant for a in applications}
    flagged = []
    for answer in Answer.objects.filter(application_id__in=by_id).exclude(text=""):
        found = identifying_details(answer.text, by_id[answer.application_id])
        if found:
            answer.identifies = ", ".join(found)
            flagged.append(answer)
    Answer.objects.bulk_update(flagged, ["identifies"])


@transaction.atomic
def application_assign_reviewers(*, application: Application) -> list[ReviewAssignment]:
    """An application sent after review started (a personal deadline) joins review at once."""
    round_ = application.round
    reviewers = reviewers_of(round_)
    _flag_identifying_answers([application])
    assignments = _assign(round_, [application], reviewers)
    application.status = ApplicationStatus.IN_REVIEW
    application._change_reason = "joined review"
    application.save(update_fields=["status", "review_code", "updated_at"])
    return assignments


@transaction.atomic
def review_conflict_declare(*, actor: User, assignment: ReviewAssignment, reason: str) -> ReviewAssignment | None:
    """The reviewer knows the applicant (or may seem to): they stop reviewing them, here and in any
    later round, and the application goes to another reviewer. Returns the new assignment, or None
    when no reviewer is free, which the coordinator sees."""
    # Checked on the row as it is now: the caller's copy may say the application is still in review.
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application__round")
        .get(pk=assignment.pk)
    )
    require(actor, "recruitment.score_application", assignment)
    if assignment.submitted_at:
        raise ValidationError("You have already sent your scores. Tell the coordinator about the conflict.")
    if not reason.strip():
        raise ValidationError({"reason": "Say briefly why you have a conflict of interest"})
    assignment.conflict_declared_at = timezone.now()
    assignment.conflict_reason = reason.strip()
    assignment._history_user = actor
    assignment.save(update_fields=["conflict_declared_at", "conflict_reason"])
    Score.objects.filter(assignment=assignment).delete()
    # Locked, so two conflicts declared at once cannot hand the application to the same person.
    application = Application.objects.select_for_update(of=("self",)).get(pk=assignment.application_id)
    taken = set(application.assignments.values_list("reviewer_id", flat=True))
    conflicts = _conflicts([application.applicant_id])
    excluded = taken | {r for r, _ in conflicts} | {application.applicant_id}
    reviewers = reviewers_of(assignment.application.round)
    chosen = _choose(reviewers, _round_load(assignment.application.round, reviewers), excluded, 1)
    logger.info("conflict declared on assignment %s by person %s", assignment.pk, actor.pk)
    if not chosen:
        return None
    position = _next_positions(chosen)[chosen[0]] + 1
    return ReviewAssignment.objects.create(application=application, reviewer_id=chosen[0], position=position)


@transaction.atomic
def review_fill_gaps(*, actor: User, round_: Round) -> int:
    """Give applications left short of reviewers (every free reviewer had a conflict) to reviewers
    added to the panel since. Returns how many assignments were made."""
    require(actor, "recruitment.run_review", round_)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    reviewers = reviewers_of(round_)
    load = _round_load(round_, reviewers)
    made = []
    short = round_.applications.filter(status=ApplicationStatus.IN_REVIEW).prefetch_related("assignments")
    conflicts = _conflicts(short.values_list("applicant_id", flat=True))
    positions = _next_positions(reviewers)
    for application in short.order_by("id"):
        active = [a for a in application.assignments.all() if a.conflict_declared_at is None]
        wanted = round_.reviewers_per_application - len(active)
        if wanted <= 0:
            continue
        excluded = {a.reviewer_id for a in application.assignments.all()} | {application.applicant_id}
        excluded |= {r for r, applicant in conflicts if applicant == application.applicant_id}
        for reviewer in _choose(reviewers, load, excluded, wanted):
            load[reviewer] += 1
            positions[reviewer] += 1
            position = _random.randint(1, positions[reviewer])
            made.append(ReviewAssignment(application=application, reviewer_id=reviewer, position=position))
    bulk_create_with_history(made, ReviewAssignment, default_user=actor)
    logger.info("round %s: %s assignments made to fill gaps by person %s", round_.pk, len(made), actor.pk)
    return len(made)


def scores_check(round_: Round, scores: dict[int, tuple[int | None, str]], *, submit: bool) -> None:
    """Scores on the round's criteria and scale, every criterion scored when they are sent: for
    reviewers and interviewers alike."""
    criteria = {c.pk: c for c in round_.criteria.all()}
    errors = {}
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in criteria:
            raise ValidationError("That criterion is not part of this round.")
        if score is not None and not 0 <= score <= round_.score_max:
            errors[f"score_{criterion_id}"] = f"Score {criteria[criterion_id].name} from 0 to {round_.score_max}"
    if submit:
        for criterion_id, criterion in criteria.items():
            if scores.get(criterion_id, (None, ""))[0] is None:
                errors.setdefault(f"score_{criterion_id}", f"Give a score for {criterion.name}")
    if errors:
        raise ValidationError(errors)


def scores_write(rows, new_row, scores: dict[int, tuple[int | None, str]], *, actor: User) -> None:
    """Keep one row per criterion scored (`rows` are those already kept, `new_row(criterion_id)`
    makes another), removing any left without a score. Unchecked: for the services that checked."""
    existing = {row.criterion_id: row for row in rows.all()}
    for criterion_id, (score, comment) in scores.items():
        row = existing.get(criterion_id)
        if score is None:
            if row:
                row._history_user = actor
                row.delete()
            continue
        row = row or new_row(criterion_id)
        row.score, row.comment = score, comment.strip()
        row._history_user = actor
        row.save()


@transaction.atomic
def review_record(
    *, actor: User, assignment: ReviewAssignment, scores: dict[int, tuple[int | None, str]], submit: bool
) -> ReviewAssignment:
    """Save a reviewer's scores (criterion id: score and comment). Sending them is final: after that
    they can see the other reviewers' scores, so they can no longer change their own."""
    # Checked on the row as it is now: the caller's copy may say the application is still in review.
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application__round")
        .get(pk=assignment.pk)
    )
    require(actor, "recruitment.score_application", assignment)
    if assignment.submitted_at:
        raise ValidationError("You have already sent your scores for this application.")
    scores_check(assignment.application.round, scores, submit=submit)
    scores_write(assignment.scores, lambda criterion_id: Score(assignment=assignment, criterion_id=criterion_id),
                 scores, actor=actor)  # fmt: skip
    if submit:
        assignment.submitted_at = timezone.now()
        assignment._history_user = actor
        assignment.save(update_fields=["submitted_at"])
        logger.info("scores sent for assignment %s by person %s", assignment.pk, actor.pk)
    return assignment


@transaction.atomic
def application_moderate(*, actor: User, application: Application, score: Decimal, reason: str) -> Application:
    """The coordinator settles the score where reviewers disagreed, and says why."""
    require(actor, "recruitment.run_review", application)
    application = Application.objects.select_for_update(of=("self",)).select_related("round").get(pk=application.pk)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise ValidationError("Scores can only be moderated while the application is in review.")
    highest = application.round.score_max * application.round.criteria.count()
    errors = {}
    if not 0 <= score <= highest:
        errors["score"] = f"The moderated score must be from 0 to {highest}"
    if not reason.strip():
        errors["reason"] = "Say why you chose this score"
    if errors:
        raise ValidationError(errors)
    application.moderated_score, application.moderation_reason = score, reason.strip()
    application._history_user = actor
    application._change_reason = "score moderated"
    application.save(update_fields=["moderated_score", "moderation_reason", "updated_at"])
    return application


@transaction.atomic
def answer_redact(*, actor: User, answer: Answer, redacted_text: str) -> Answer:
    """Keep the person's own details out of what reviewers read. The original stays, for
    coordinators. Saving the text unchanged records that it was checked and nothing needed removing."""
    require(actor, "recruitment.run_review", answer.application)
    redacted_text = redacted_text.strip()
    if not redacted_text:
        raise ValidationError({"redacted_text": "Enter the answer as reviewers should read it"})
    answer.redacted_text = redacted_text
    answer._history_user = actor
    answer._change_reason = "redacted for review"
    answer.save(update_fields=["redacted_text", "updated_at"])
    return answer
