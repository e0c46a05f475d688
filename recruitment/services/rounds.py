"""A round's life: drafted, checked and published, then (by the clock) open and closed, in review,
deciding, released and archived; and its questions and criteria, which may change only until
people rely on them.

The moves a coordinator makes here are `round_publish` and `round_archive`; review, decisions and
release move the round on as they happen (recruitment/services/review.py and decisions.py, through
`round_move`). Every move is kept in the round's history with who made it and a reason.
"""

import logging
import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import Panel
from recruitment import categories
from recruitment.models import ApplicationStatus, Criterion, Question, Round, RoundStatus
from recruitment.selectors import outcomes_pending, panel_questions, round_publish_problems

logger = logging.getLogger(__name__)

MANAGE = "recruitment.manage_round"
# Sent, and still waiting for an outcome: a round is not archived while anyone is.
UNDECIDED = [
    ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INVITED, ApplicationStatus.INTERVIEWED,
]  # fmt: skip
CRITERIA_FIXED = "Review has started, so the criteria cannot change: scores already sent would not add up."
# Fixed once review starts: scores already sent were given on these terms.
REVIEW_SETTINGS = ("reviewers_per_application", "score_max", "disagreement_threshold")
# Where each stage may go next, and the reason kept in the round's history.
MOVES = {
    RoundStatus.DRAFT: {RoundStatus.PUBLISHED},
    RoundStatus.PUBLISHED: {RoundStatus.IN_REVIEW, RoundStatus.RELEASED},
    RoundStatus.IN_REVIEW: {RoundStatus.DECIDING, RoundStatus.RELEASED},
    RoundStatus.DECIDING: {RoundStatus.RELEASED},
    RoundStatus.RELEASED: {RoundStatus.ARCHIVED},
    RoundStatus.ARCHIVED: set(),
}
REASONS = {
    RoundStatus.PUBLISHED: "published",
    RoundStatus.IN_REVIEW: "review started",
    RoundStatus.DECIDING: "deciding",
    RoundStatus.RELEASED: "outcomes released",
    RoundStatus.ARCHIVED: "archived",
}


WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    return len(WORD.findall(text or ""))


def _locked(round_: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("panel").get(pk=round_.pk)


def round_move(round_: Round, to: str, *, actor: User | None, reason: str = "", also: tuple[str, ...] = ()) -> Round:
    """Move a locked round to its next stage, keeping who and why (with the fields named in
    `also`, set by the caller). Unchecked: the caller has checked permission and holds the round's
    lock. Moving to where it already is does nothing."""
    if round_.status == to:
        return round_
    if to not in MOVES[RoundStatus(round_.status)]:
        raise ValidationError(f"A round that is {round_.stage} cannot move to {RoundStatus(to).label.lower()}.")
    round_.status = to
    round_._history_user = actor
    round_._change_reason = reason or REASONS[RoundStatus(to)]
    round_.save(update_fields=["status", *also])
    who = f"person {actor.pk}" if actor else "the system"
    logger.info("round %s moved to %s by %s", round_.pk, to, who)
    return round_


def require_not_archived(round_: Round) -> None:
    if round_.status == RoundStatus.ARCHIVED:
        raise ValidationError("This round has been archived, so nothing in it can change.")


def _balance_allowed(panel: Panel, keys) -> None:
    """A round balances only on what its panel may (an administrator's choice)."""
    refused = [key for key in keys or [] if key not in panel_questions(panel).balance]
    if refused:
        names = ", ".join(categories.target_category_name(key) for key in refused)
        raise ValidationError(
            {"balance_questions": f"This panel's rounds cannot balance on: {names}. An administrator chooses these."}
        )


@transaction.atomic
def round_create(*, actor: User, panel: Panel, **fields) -> Round:
    """A new round, as a draft: nobody outside sees it until it is published."""
    require(actor, MANAGE, panel)
    _balance_allowed(panel, fields.get("balance_questions"))
    round_ = Round(panel=panel, created_by=actor, status=RoundStatus.DRAFT, **fields)
    round_._history_user = actor
    round_.full_clean()
    round_.save()
    logger.info("round %s created for panel %s by person %s", round_.pk, panel.pk, actor.pk)
    return round_


def _to_the_minute(moment: datetime) -> datetime:
    """Dates are entered to the minute; a round made elsewhere may carry seconds."""
    return timezone.localtime(moment).replace(second=0, microsecond=0)


def _date_problems(before: Round, changed: set[str]) -> dict[str, str]:
    """Why the dates may not move as asked: a closed round never opens again, and an open round
    keeps the opening date people have already seen."""
    now = timezone.now()
    if before.has_closed(now):
        late = "To let one person finish late, give them a personal deadline on their application instead."
        return dict.fromkeys(changed, f"This round has closed, so its dates cannot change. {late}")
    problems = {}
    if before.status == RoundStatus.PUBLISHED and before.opens_at <= now and "opens_at" in changed:
        problems["opens_at"] = "This round has opened, so its opening date cannot change."
    return problems


@transaction.atomic
def round_update(*, actor: User, round_: Round, **fields) -> Round:
    require(actor, MANAGE, round_)
    before = _locked(round_)
    require_not_archived(before)
    if before.status not in (RoundStatus.DRAFT, RoundStatus.PUBLISHED):
        changed = [name for name in REVIEW_SETTINGS if name in fields and fields[name] != getattr(before, name)]
        if changed:
            raise ValidationError({changed[0]: "Review has started, so how applications are scored cannot change."})
    dates = {
        name
        for name in ("opens_at", "closes_at")
        if name in fields and _to_the_minute(fields[name]) != _to_the_minute(getattr(before, name))
    }
    if "balance_questions" in fields:
        _balance_allowed(before.panel, set(fields["balance_questions"] or []) - set(before.balance_questions or []))
    problems = _date_problems(before, dates) if dates else {}
    now = timezone.now()
    running = before.status == RoundStatus.PUBLISHED and before.opens_at <= now
    if running and "closes_at" in dates and "closes_at" not in problems and fields["closes_at"] <= now:
        problems["closes_at"] = "The closing date must be in the future: people may be writing their answers now."
    if problems:
        raise ValidationError(problems)
    for name, value in fields.items():
        if name in ("opens_at", "closes_at") and name not in dates:
            continue
        setattr(before, name, value)
    before._history_user = actor
    before.full_clean()
    before.save()
    return before


@transaction.atomic
def round_publish(*, actor: User, round_: Round) -> Round:
    """Put a draft round before the public, once its checklist is complete."""
    require(actor, MANAGE, round_)
    round_ = _locked(round_)
    if round_.status != RoundStatus.DRAFT:
        raise ValidationError("This round has already been published.")
    problems = round_publish_problems(round_)
    if problems:
        raise ValidationError(problems)
    return round_move(round_, RoundStatus.PUBLISHED, actor=actor)


@transaction.atomic
def round_archive(*, actor: User, round_: Round) -> Round:
    """Put away a round whose outcomes are all released: it can be read, never changed."""
    require(actor, MANAGE, round_)
    round_ = _locked(round_)
    if round_.status != RoundStatus.RELEASED:
        raise ValidationError("A round can be archived only once its outcomes have been released.")
    undecided = round_.applications.filter(status__in=UNDECIDED).count()
    if undecided:
        have = "application has" if undecided == 1 else "applications have"
        raise ValidationError(f"{undecided} {have} no outcome yet. Decide and release them before archiving the round.")
    if outcomes_pending(round_).exists():
        raise ValidationError("Some outcomes have not been released yet. Release them before archiving the round.")
    return round_move(round_, RoundStatus.ARCHIVED, actor=actor)


# Questions: fixed once anyone has started applying (their answers are to these questions).


def _require_questions_changeable(round_: Round) -> None:
    round_ = _locked(round_)
    require_not_archived(round_)
    if not round_.questions_can_change():
        raise ValidationError(
            "People have already started applying, so questions cannot be added, moved or removed. "
            "You can still correct the wording."
        )


@transaction.atomic
def question_add(
    *, actor: User, round_: Round, text: str, guidance: str = "", word_limit: int | None = None, easy_read: str = ""
) -> Question:
    require(actor, MANAGE, round_)
    _require_questions_changeable(round_)
    last = round_.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question(
        round=round_, order=last + 1, text=text, easy_read=easy_read, guidance=guidance, word_limit=word_limit
    )
    question._history_user = actor
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_update(
    *, actor: User, question: Question, text: str, guidance: str, word_limit: int | None, easy_read: str = ""
) -> Question:
    require(actor, MANAGE, question.round)
    require_not_archived(question.round)
    if word_limit is not None and question.answers.exists():
        longest = max((word_count(a.text) for a in question.answers.all()), default=0)
        if longest > word_limit:
            raise ValidationError(
                {"word_limit": f"Someone has already written {longest} words; the limit cannot be lower"}
            )
    question.text, question.easy_read, question.guidance, question.word_limit = text, easy_read, guidance, word_limit
    question._history_user = actor
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_remove(*, actor: User, question: Question) -> None:
    require(actor, MANAGE, question.round)
    _require_questions_changeable(question.round)
    question._history_user = actor
    question.delete()


def _swap(item: Question | Criterion, siblings, *, up: bool, actor: User) -> None:
    """Swap `item` with the one before it (up) or after it, keeping every order unique."""
    neighbour = (
        siblings.filter(order__lt=item.order).order_by("-order").first()
        if up
        else siblings.filter(order__gt=item.order).order_by("order").first()
    )
    if neighbour is None:
        return
    mine, theirs = item.order, neighbour.order
    for thing, order in [(item, 0), (neighbour, mine), (item, theirs)]:
        thing.order = order
        thing._history_user = actor
        thing.save(update_fields=["order"])


@transaction.atomic
def question_move(*, actor: User, question: Question, up: bool) -> Question:
    require(actor, MANAGE, question.round)
    _require_questions_changeable(question.round)
    _swap(question, question.round.questions.all(), up=up, actor=actor)
    return question


# Criteria: fixed once review starts (scores already sent would not add up).


def _require_criteria_changeable(round_: Round) -> None:
    round_ = _locked(round_)  # as it is now: review may have started since the page was shown
    require_not_archived(round_)
    if not round_.criteria_can_change:
        raise ValidationError(CRITERIA_FIXED)


@transaction.atomic
def criterion_add(*, actor: User, round_: Round, name: str, marking_guide: str) -> Criterion:
    require(actor, MANAGE, round_)
    _require_criteria_changeable(round_)
    last = round_.criteria.order_by("-order").values_list("order", flat=True).first() or 0
    criterion = Criterion(round=round_, order=last + 1, name=name, marking_guide=marking_guide)
    criterion._history_user = actor
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(*, actor: User, criterion: Criterion, name: str, marking_guide: str) -> Criterion:
    require(actor, MANAGE, criterion.round)
    _require_criteria_changeable(criterion.round)
    criterion.name, criterion.marking_guide = name, marking_guide
    criterion._history_user = actor
    criterion.full_clean()
    criterion.save(update_fields=["name", "marking_guide"])
    return criterion


@transaction.atomic
def criterion_move(*, actor: User, criterion: Criterion, up: bool) -> Criterion:
    require(actor, MANAGE, criterion.round)
    _require_criteria_changeable(criterion.round)
    _swap(criterion, criterion.round.criteria.all(), up=up, actor=actor)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    require(actor, MANAGE, criterion.round)
    _require_criteria_changeable(criterion.round)
    criterion._history_user = actor
    criterion.delete()
