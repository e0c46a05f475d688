"""Balanced selection: proposing a panel from the interviewed candidates, and the coordinator's
decision about it.

Only two kinds of characteristic are ever counted: where the person lives (asked on the
application), and answers they gave to the balance questions with their consent to that use, still
in force in the ledger. Equality monitoring answers are never read here.
"""

import logging
import secrets
from decimal import Decimal

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.services import membership_end
from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord
from recruitment import categories
from recruitment.balancing import lottery
from recruitment.balancing.solver import Candidate, Target, best_by_score
from recruitment.models import (
    Application,
    ApplicationStatus,
    DecisionReason,
    Round,
    Selection,
    SelectionDecision,
    SelectionMethod,
    SelectionStatus,
)
from recruitment.selectors import accepted_selection, selection_changes, serving

from .decisions import application_decide
from .rounds import require_not_archived

RUN_LOTTERY = "recruitment.tasks.run_lottery"

__all__ = [
    "selection_categories",
    "selection_decide",
    "selection_forget_balance",
    "selection_pool",
    "selection_propose",
    "selection_replacement_propose",
    "selection_replay",
    "selection_not_started",
    "selection_run_lottery",
]

logger = logging.getLogger(__name__)

S = ApplicationStatus
# Interviewed candidates, appointed or reserve for now, until they are told. Someone the coordinator
# has marked unsuccessful stays out: a proposal never overturns that.
POOL = [S.INTERVIEWED, S.APPOINTED, S.RESERVE]
AREA = categories.AREA
NOT_COUNTED = {categories.PREFER_NOT[0], ""}


def selection_categories(round_: Round) -> dict[str, dict]:
    """The categories a coordinator may set targets for: area, and the round's balance questions."""
    found = {AREA: {"label": categories.AREA_NAME, "choices": list(categories.LocalAuthorityArea.choices)}}
    for key in round_.balance_questions:
        spec = categories.BALANCE_QUESTIONS[key]
        found[key] = {
            "label": spec["short"],
            "choices": [(value, label) for value, label in spec["choices"] if value not in NOT_COUNTED],
        }
    return found


def _consenting(person_ids) -> set[int]:
    """Who, of these people, has consent to balance use in force now: their latest decision is yes."""
    latest = {}
    records = ConsentRecord.objects.filter(person_id__in=person_ids, purpose=ConsentPurpose.BALANCE_SELECTION)
    for person_id, decision in records.order_by("person_id", "recorded_at", "id").values_list("person_id", "decision"):
        latest[person_id] = decision
    return {person_id for person_id, decision in latest.items() if decision == ConsentDecision.GIVEN}


def _counted(application: Application, consenting: set[int]) -> dict[str, str]:
    """What may be counted for this person: their area, and their balance answers only while
    their consent to that use is in force."""
    attributes = {AREA: application.local_authority_area} if application.local_authority_area else {}
    balance = getattr(application, "balance", None)
    if balance is not None and application.applicant_id in consenting:
        attributes |= {key: value for key, value in balance.answers.items() if value not in NOT_COUNTED}
    return attributes


def _candidates(applications, *, fixed: bool = False) -> list[tuple[Application, Candidate]]:
    applications = list(applications)
    consenting = _consenting([a.applicant_id for a in applications])
    return [
        (a, Candidate(a.pk, 0.0 if fixed else float(a.interview.score), _counted(a, consenting), fixed=fixed))
        for a in applications
    ]


def selection_pool(round_: Round, *, statuses=None) -> list[tuple[Application, Candidate]]:
    """Interviewed candidates with an interview score, not yet told their outcome."""
    applications = (
        round_.applications.filter(status__in=statuses or POOL, released_status="", interview__score__isnull=False)
        .select_related("applicant", "interview", "balance")
        .order_by("id")
    )
    return _candidates(applications)


def _targets(round_: Round, targets: list[dict], seats: int) -> list[Target]:
    known = selection_categories(round_)
    cleaned = []
    for target in targets:
        category, value = target["category"], target["value"]
        if category not in known or value not in {v for v, _ in known[category]["choices"]}:
            raise ValidationError(f"There is no category {category!r} with the value {value!r} in this round.")
        minimum, maximum = int(target["minimum"]), int(target["maximum"])
        if not 0 <= minimum <= maximum:
            raise ValidationError(
                f"For {categories.target_label(category, value)}, the minimum must be from 0 up to the maximum."
            )
        if minimum == 0 and maximum >= seats:
            continue  # no target at all
        cleaned.append(Target(category, value, minimum, maximum))
    return cleaned


def _snapshot(pool: list[tuple[Application, Candidate]]) -> list[dict]:
    return [{"id": c.id, "score": c.score, "attributes": dict(c.attributes), "fixed": c.fixed} for _, c in pool]


@transaction.atomic
def selection_propose(
    *,
    actor: User,
    round_: Round,
    method: str,
    seats: int,
    targets: list[dict],
    merit_bar: Decimal | None = None,
    seed: int | None = None,
) -> Selection:
    """Record a proposal with its inputs. Best by score is worked out at once (it takes
    milliseconds); the lottery can take minutes, so a worker draws it and the page shows it when
    ready."""
    require(actor, "recruitment.decide", round_)
    require_not_archived(round_)
    if method not in (SelectionMethod.BEST_BY_SCORE, SelectionMethod.LOTTERY):
        raise ValidationError({"method": "Choose how to propose the panel"})
    if seats < 1:
        raise ValidationError({"seats": "The panel needs at least 1 seat"})
    pool = selection_pool(round_)
    if method == SelectionMethod.LOTTERY:
        if not lottery.available():
            raise ValidationError({"method": f"The fair lottery is not installed here. {lottery.ENABLE_HINT}"})
        if merit_bar is None:
            raise ValidationError({"merit_bar": "Enter the interview score candidates must reach"})
        pool = [(a, c) for a, c in pool if c.score >= merit_bar]
        seed = seed or secrets.randbelow(2**31 - 2) + 1
    if len(pool) < seats:
        where = " at or above the merit bar" if method == SelectionMethod.LOTTERY else " with an interview score"
        raise ValidationError({"seats": f"There are {len(pool)} candidates{where}, fewer than the {seats} seats"})
    if seats > round_.places:
        raise ValidationError({"seats": f"The round has {round_.places} places: propose at most that many seats"})
    cleaned = _targets(round_, targets, seats)
    selection = Selection(
        round=round_, method=method, seats=seats, targets=[t.__dict__ for t in cleaned], merit_bar=merit_bar,
        seed=seed, inputs={"candidates": _snapshot(pool)}, created_by=actor,
    )  # fmt: skip
    if method == SelectionMethod.BEST_BY_SCORE:
        _solve(selection, [c for _, c in pool], cleaned)
    else:
        _check_lottery_targets(selection, [c for _, c in pool], cleaned)
    selection._history_user = actor
    selection.save()
    if selection.status == SelectionStatus.RUNNING:
        transaction.on_commit(lambda: lottery_queue(selection_id=selection.pk))
    logger.info("selection %s (%s) proposed for round %s by person %s", selection.pk, method, round_.pk, actor.pk)
    return selection


def _solve(selection: Selection, pool: list[Candidate], targets: list[Target]) -> None:
    try:
        proposal = best_by_score(pool, seats=selection.seats, targets=targets)
    except (ValueError, TimeoutError) as exc:
        raise ValidationError(str(exc)) from exc
    selection.result = proposal.to_dict()
    selection.status = SelectionStatus.READY


@transaction.atomic
def selection_replay(*, actor: User, selection: Selection) -> Selection:
    """Draw a recorded lottery again from exactly what it was drawn from (its candidates, targets
    and seed), so anyone can check the draw was what the seed gives."""
    require(actor, "recruitment.decide", selection.round)
    require_not_archived(selection.round)
    if selection.method != SelectionMethod.LOTTERY or selection.status != SelectionStatus.READY:
        raise ValidationError("Only a lottery that has been drawn can be drawn again.")
    replay = Selection(
        round=selection.round, method=selection.method, seats=selection.seats, targets=selection.targets,
        merit_bar=selection.merit_bar, seed=selection.seed, inputs={**selection.inputs, "replay_of": selection.pk},
        created_by=actor,
    )  # fmt: skip
    replay._history_user = actor
    replay.save()
    transaction.on_commit(lambda: lottery_queue(selection_id=replay.pk))
    return replay


def lottery_queue(*, selection_id: int) -> None:
    """Hand a draw to a worker. A draw can take minutes, so it may have a queue (and worker) of its
    own, away from messages. The task is named, not imported: tasks call services, never the other
    way round. If the broker cannot be reached the proposal says so, rather than seeming to wait for
    ever."""
    try:
        current_app.signature(RUN_LOTTERY, args=(selection_id,)).apply_async(queue=settings.LOTTERY_QUEUE, retry=False)
    except Exception:
        logger.exception("lottery for selection %s could not be queued", selection_id)
        selection_not_started(selection_id=selection_id)


def _check_lottery_targets(selection: Selection, pool: list[Candidate], targets: list[Target]) -> None:
    """A draw can only meet targets some panel meets. CP-SAT says at once (and says which targets
    clash and by how much), so a hopeless draw never waits for a worker."""
    proposal = best_by_score(pool, seats=selection.seats, targets=targets)
    if not proposal.feasible:
        selection.status = SelectionStatus.FAILED
        selection.result = {
            "error": "No panel from the candidates above the merit bar meets every target.",
            **{key: value for key, value in proposal.to_dict().items() if key in ("conflicts", "relaxation")},
        }


def selection_run_lottery(*, selection_id: int) -> Selection:
    """Draw a lottery recorded by `selection_propose`, in its own process. Run by a worker; safe to
    run twice (a finished draw is left alone)."""
    selection = Selection.objects.get(pk=selection_id)
    if selection.status != SelectionStatus.RUNNING:
        return selection
    candidates = [{"id": c["id"], "attributes": c["attributes"]} for c in selection.inputs["candidates"]]
    try:
        result = lottery.draw(
            candidates=candidates, seats=selection.seats, targets=selection.targets, seed=selection.seed
        )
    except lottery.LotteryError as exc:
        selection.status, selection.result = SelectionStatus.FAILED, {"error": str(exc)}
    except Exception:  # anything else must not leave the coordinator waiting for ever
        logger.exception("lottery for selection %s failed", selection.pk)
        selection.status = SelectionStatus.FAILED
        selection.result = {"error": "Something went wrong while drawing the lottery. Please try again."}
    else:
        result["probabilities"] = {str(k): v for k, v in result["probabilities"].items()}
        selection.status, selection.result = SelectionStatus.READY, {**result, "feasible": True}
    Selection.objects.filter(pk=selection.pk, status=SelectionStatus.RUNNING).update(
        status=selection.status, result=selection.result
    )
    logger.info("lottery for selection %s finished: %s", selection.pk, selection.status)
    return selection


def selection_forget_balance(*, application: Application) -> int:
    """Consent to balance use was withdrawn: remove the person's balance answers from the inputs of
    every proposal that recorded them (their area stays: it was not given under that consent).
    Returns how many proposals changed."""
    changed = 0
    for selection in Selection.objects.select_for_update().filter(round_id=application.round_id):
        touched = False
        for candidate in selection.inputs.get("candidates", []):
            if candidate["id"] == application.pk and set(candidate["attributes"]) - {AREA}:
                candidate["attributes"] = {k: v for k, v in candidate["attributes"].items() if k == AREA}
                touched = True
        if touched:
            selection.save(update_fields=["inputs"])
            changed += 1
    return changed


def selection_not_started(*, selection_id: int) -> None:
    Selection.objects.filter(pk=selection_id, status=SelectionStatus.RUNNING).update(
        status=SelectionStatus.FAILED,
        result={"error": "The draw could not be started just now. Please propose it again in a few minutes."},
    )


@transaction.atomic
def selection_replacement_propose(*, actor: User, selection: Selection, leaving: Application) -> Selection:
    """A member appointed from this round leaves: propose the best reserve who keeps the panel
    within the targets of the accepted selection, with everyone else staying."""
    require(actor, "recruitment.decide", selection.round)
    require_not_archived(selection.round)
    selection = Selection.objects.select_related("round").get(pk=selection.pk)
    if selection.decision != SelectionDecision.ACCEPTED:
        raise ValidationError("Replacements are proposed from an accepted selection.")
    round_ = selection.round
    members = serving(round_)
    if leaving.round_id != round_.pk or not members.filter(pk=leaving.pk).exists():
        raise ValidationError({"leaving": "Choose a member appointed from this round"})
    appointed = list(members.exclude(pk=leaving.pk).select_related("balance"))
    reserves = _candidates(
        round_.applications.filter(status=S.RESERVE, interview__score__isnull=False).select_related(
            "interview", "balance"
        )
    )
    if not reserves:
        raise ValidationError("There is nobody on the reserve list.")
    if selection.merit_bar is not None:
        # The lottery drew only from those who reached its merit bar; so does its reserve list.
        reserves = [(a, c) for a, c in reserves if c.score >= selection.merit_bar]
        if not reserves:
            bar = f"{selection.merit_bar:f}".rstrip("0").rstrip(".")
            raise ValidationError(
                f"Nobody on the reserve list reached the merit bar of {bar}, so no replacement can be proposed "
                "from it. You could run a new round, or propose again without the bar."
            )
    staying = _candidates(appointed, fixed=True)
    pool = staying + reserves
    targets = [Target(**t) for t in selection.targets]
    replacement = Selection(
        round=round_, method=SelectionMethod.REPLACEMENT, seats=len(staying) + 1, targets=selection.targets,
        inputs={"candidates": _snapshot(pool), "leaving": leaving.pk, "accepted": selection.pk}, created_by=actor,
    )  # fmt: skip
    _solve(replacement, [c for _, c in pool], targets)
    replacement._history_user = actor
    replacement.save()
    return replacement


def _set_aside_for(selection: Selection, *, actor: User, reason: str) -> None:
    """Before a proposal is accepted: withdraw the round's accepted one, with the reason, when
    this one would take its place; refuse when people have already been told what it decided. A
    replacement needs the proposal it was made from to be the accepted one still."""
    if selection.method == SelectionMethod.REPLACEMENT:
        made_from = selection.inputs.get("accepted")
        if not Selection.objects.filter(pk=made_from, decision=SelectionDecision.ACCEPTED).exists():
            raise ValidationError(
                f"Proposal {made_from}, which this replacement was made from, is no longer the accepted one."
            )
        return
    current = accepted_selection(selection.round, other_than=selection)
    if current is None:
        return
    current = Selection.objects.select_for_update().get(pk=current.pk)
    told = [c.application for c in selection_changes(selection) if c.application.released_status]
    if told:
        names = ", ".join(application.applicant.display_name for application in told)
        raise ValidationError(
            f"{names} {'has' if len(told) == 1 else 'have'} already been told the outcome of proposal {current.pk}, "
            "so it cannot be withdrawn. When a member leaves, propose a replacement from its reserve list instead."
        )
    if not reason.strip():
        raise ValidationError(
            {
                "reason": f"Accepting this proposal withdraws proposal {current.pk}, accepted by "
                f"{current.decided_by.display_name}. Say why you are accepting this one instead."
            }
        )
    current.decision, current.decision_reason = SelectionDecision.WITHDRAWN, reason.strip()
    current.decided_by, current.decided_at = actor, timezone.now()
    current._history_user = actor
    current._change_reason = f"withdrawn: proposal {selection.pk} accepted instead"
    current.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    logger.info("selection %s withdrawn for selection %s by person %s", current.pk, selection.pk, actor.pk)


@transaction.atomic
def selection_decide(*, actor: User, selection: Selection, decision: str, reason: str = "") -> Selection:
    """The decision is the coordinator's. Accepting marks the proposed people appointed and the
    other candidates reserve (each can still be changed one by one before outcomes are released);
    accepting a replacement appoints the one reserve it proposes."""
    require(actor, "recruitment.decide", selection.round)
    require_not_archived(selection.round)
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.decision:
        raise ValidationError("This proposal has already been decided.")
    if selection.status != SelectionStatus.READY:
        raise ValidationError("This proposal is not ready yet.")
    if decision not in (SelectionDecision.ACCEPTED, SelectionDecision.REJECTED):
        raise ValidationError({"decision": "Choose whether to accept or reject the proposal"})
    if decision == SelectionDecision.REJECTED and not reason.strip():
        raise ValidationError({"reason": "Say why you are rejecting the proposal"})
    if decision == SelectionDecision.ACCEPTED and selection.method == SelectionMethod.REPLACEMENT:
        # The member leaving makes room first: the round never has more people appointed than places.
        leaving = Application.objects.select_related("membership__panel").get(pk=selection.inputs["leaving"])
        membership_end(
            actor=actor, membership=leaving.membership, reason=f"left the panel; replaced (selection {selection.pk})"
        )
    if decision == SelectionDecision.ACCEPTED:
        _set_aside_for(selection, actor=actor, reason=reason)
        # Those leaving the panel's places go first, so the round never holds more than its places.
        for change in sorted(selection_changes(selection), key=lambda c: c.then == S.APPOINTED):
            application_decide(
                actor=actor, application=change.application, status=change.then,
                reason=DecisionReason.SELECTED if change.then == S.APPOINTED else DecisionReason.RESERVE_LIST,
                note=f"selection {selection.pk}",
            )  # fmt: skip
    selection.decision, selection.decision_reason = decision, reason.strip()
    selection.decided_by, selection.decided_at = actor, timezone.now()
    selection._history_user = actor
    selection.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    logger.info("selection %s %s by person %s", selection.pk, decision, actor.pk)
    return selection
