"""Every change to rounds and applications: permission, validation, history and messages together."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import RecordedMethod, User
from accounts.services import person_create_offline
from members.models import Panel
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from recruitment import categories
from recruitment.models import (
    TAKES_LATE_APPLICATIONS,
    Answer,
    Application,
    ApplicationStatus,
    BalanceResponse,
    MonitoringResponse,
    Question,
    Round,
    RoundStatus,
)

from .interviews import interview_release_time
from .review import application_assign_reviewers
from .rounds import word_count
from .selection import selection_forget_balance

logger = logging.getLogger(__name__)


# Applications


def _require_changeable(actor: User, application: Application) -> None:
    require(actor, "recruitment.change_application", application)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("This application has been sent, so it can no longer be changed.")
    if not application.can_be_changed():
        raise ValidationError("This round has closed, so the application can no longer be changed.")


@transaction.atomic
def application_start(*, actor: User, round_: Round) -> Application:
    """Start (or return) the person's one application to a round. Two tabs or a double click give
    the same draft."""
    if not round_.is_open():
        raise ValidationError("This round is not open for applications.")
    application = Application.objects.filter(round=round_, applicant=actor).first()
    if application is not None:
        return application
    try:
        with transaction.atomic():  # a savepoint: the other tab may have started it a moment ago
            application = Application(round=round_, applicant=actor)
            application._history_user = actor
            application.save()
    except IntegrityError:
        return Application.objects.get(round=round_, applicant=actor)
    logger.info("application %s started by person %s", application.pk, actor.pk)
    return application


@transaction.atomic
def application_about_you_save(
    *,
    actor: User,
    application: Application,
    full_name: str,
    phone: str,
    address: str,
    postcode: str,
    contact_channel: str,
    contact_format: str,
    local_authority_area: str,
    interview_adjustments: str,
) -> Application:
    _require_changeable(actor, application)
    person = application.applicant
    person.full_name, person.phone, person.address, person.postcode = full_name, phone, address, postcode
    person._history_user = actor
    person.full_clean(exclude=["password"])
    person.save(update_fields=["full_name", "phone", "address", "postcode"])
    # A change of channel or format goes in the preference ledger, as it does from the account pages.
    outbox.contact_preference_apply(
        person=person, channel=contact_channel, format=contact_format, actor=actor,
        method=application.assisted_method if actor != person else RecordedMethod.WEB,
    )  # fmt: skip
    application.local_authority_area = local_authority_area
    application.interview_adjustments = interview_adjustments
    application._history_user = actor
    application.full_clean()
    application.save(update_fields=["local_authority_area", "interview_adjustments", "updated_at"])
    return application


@transaction.atomic
def answer_save(*, actor: User, application: Application, question: Question, text: str) -> Answer:
    _require_changeable(actor, application)
    if question.round_id != application.round_id:
        raise ValidationError("This question belongs to another round.")
    text = text.strip()
    if question.word_limit and word_count(text) > question.word_limit:
        raise ValidationError({"text": f"Your answer must be {question.word_limit} words or fewer"})
    answer, _ = Answer.objects.get_or_create(application=application, question=question)
    answer.text = text
    answer._history_user = actor
    answer.save(update_fields=["text", "updated_at"])
    return answer


@dataclass(frozen=True)
class Missing:
    """Something still to fill in before an application can be sent: in plain words, and where
    it is asked (the "about you" page, or a question by its number) so pages can link to it."""

    what: str
    field: str
    question: int | None = None

    def __str__(self) -> str:
        return self.what


def application_missing(application: Application) -> list[Missing]:
    """What must be filled in before the application can be sent, in the order it is asked."""
    missing = []
    if not application.applicant.full_name:
        missing.append(Missing("your name", "full_name"))
    if not application.local_authority_area:
        missing.append(Missing("where you live", "local_authority_area"))
    missing.extend(Missing(f"an answer to question {order}", "text", order) for order in _unanswered(application))
    return missing


def _unanswered(application: Application) -> list[int]:
    """The numbers of the round's questions this application has no answer to, in order.

    Plain SQL: it runs on every send, and building the ORM's version of this query took longer
    than the database took to answer it."""
    question, answer = Question._meta.db_table, Answer._meta.db_table
    order = connection.ops.quote_name("order")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT q.{order} FROM {question} q
                 WHERE q.round_id = %s
                   AND NOT EXISTS (SELECT 1 FROM {answer} a
                                    WHERE a.question_id = q.id AND a.application_id = %s AND a.text <> '')
                 ORDER BY q.{order}, q.id""",  # noqa: S608 - table names come from the models
            [application.round_id, application.pk],
        )
        return [number for (number,) in cursor.fetchall()]


def _locked(application_id: int, actor: User) -> Application:
    """The application, locked until the transaction ends, with its round, panel and applicant.

    Plain SQL, in two short queries (the lock, then the round with its panel's name): the ORM's
    locking query with both joins cost more to build than sending the application cost the
    database."""
    table = Application._meta.db_table
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found = list(Application.objects.raw(f"SELECT * FROM {table} WHERE id = %s{lock}", [application_id]))  # noqa: S608
    if not found:
        raise Application.DoesNotExist
    application = found[0]
    round_table, panel_table = Round._meta.db_table, Panel._meta.db_table
    round_ = next(
        iter(
            Round.objects.raw(
                f"SELECT r.*, p.name AS panel_name, p.mailbox AS panel_mailbox FROM {round_table} r "  # noqa: S608
                f"JOIN {panel_table} p ON p.id = r.panel_id WHERE r.id = %s",
                [application.round_id],
            )
        )
    )
    # The panel's name and mailbox are all sending needs; anything else is loaded when asked for.
    round_.panel = Panel.from_db(
        connection.alias, ["id", "name", "mailbox"], [round_.panel_id, round_.panel_name, round_.panel_mailbox]
    )
    application.round = round_
    if application.applicant_id == actor.pk:
        application.applicant = actor
    return application


def application_submit(*, actor: User, application_id: int, declaration: bool) -> Application:
    """Send the application. The row is locked, so a double click, a resubmitted form or two tabs
    give one submitted application and one confirmation message.

    A refusal (not theirs, already closed, something missing) is raised once the transaction block
    has ended, having changed nothing: inside a request's transaction the block then needs no
    savepoint of its own, and the request can still read the database to show what is missing."""
    with transaction.atomic(savepoint=False):
        try:
            application = _locked(application_id, actor)
            refusal = _submit_refusal(actor, application, declaration)
        except (Application.DoesNotExist, PermissionDenied) as exc:
            refusal = exc
        if refusal is None and application.status != ApplicationStatus.SUBMITTED:
            _submit(actor, application)
    if refusal is not None:
        raise refusal
    return application


def _submit_refusal(actor: User, application: Application, declaration: bool) -> Exception | None:
    require(actor, "recruitment.change_application", application)
    if application.status == ApplicationStatus.SUBMITTED:
        return None  # sent already (a double click): the first send stands
    try:
        _require_changeable(actor, application)
    except ValidationError as exc:
        return exc
    # Everything wrong at once, so the person can put it all right in one go.
    errors = {}
    missing = application_missing(application)
    if missing:
        message = "Before you send your application, add " + ", ".join(map(str, missing)) + "."
        errors[NON_FIELD_ERRORS] = [ValidationError(message, code="incomplete")]
    if not declaration:
        errors["declaration"] = [ValidationError("Confirm that the information you have given is true")]
    return ValidationError(errors) if errors else None


def _submit(actor: User, application: Application) -> None:
    now = timezone.now()
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = application.declaration_at = now
    application.reference = f"EP-{application.pk:06d}"
    application._history_user = actor
    application.save(update_fields=["status", "submitted_at", "declaration_at", "reference", "updated_at"])
    outbox.message_queue(
        kind="recruitment.application_submitted",
        recipient=application.applicant,
        context={
            "name": application.applicant.full_name,
            "reference": application.reference,
            "panel": application.round.panel.name,
            "round": application.round.title,
            "closes_at": timezone.localtime(application.round.closes_at).strftime("%-d %B %Y"),
        },
        idempotency_key=f"application-submitted:{application.pk}",
        topic=application.round.panel.topic,
        reference=application.round.message_reference,
        reply_to=application.round.panel.mailbox,  # read with the round: no look-up of its own
    )
    logger.info("application %s submitted by person %s", application.pk, actor.pk)
    if application.round.review_started_at:
        application_assign_reviewers(application=application)


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    require(actor, "recruitment.change_application", application)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if not application.can_be_withdrawn:
        raise ValidationError("This application can no longer be withdrawn.")
    interview_release_time(actor=actor, application=application, reason="application withdrawn")
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.withdrawal_reason = reason
    application._history_user = actor
    application._change_reason = reason or "withdrawn"
    application.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    outbox.message_queue(
        kind="recruitment.application_withdrawn",
        recipient=application.applicant,
        context={
            "name": application.applicant.full_name,
            "reference": application.reference or "",
            "panel": application.round.panel.name,
        },
        idempotency_key=f"application-withdrawn:{application.pk}",
        topic=application.round.panel.topic,
        reference=application.round.message_reference,
    )
    logger.info("application %s withdrawn by person %s", application.pk, actor.pk)
    return application


@transaction.atomic
def application_extend_deadline(
    *, actor: User, application: Application, deadline: datetime, reason: str
) -> Application:
    """A reasonable adjustment: one person may finish after the round closes."""
    require(actor, "recruitment.extend_deadline", application)
    if not reason.strip():
        raise ValidationError({"reason": "Say why this person needs more time"})
    if deadline <= application.round.closes_at:
        raise ValidationError({"deadline": "The new deadline must be after the round closes"})
    application.deadline, application.deadline_reason = deadline, reason.strip()
    application._history_user = actor
    application._change_reason = f"deadline extended: {reason.strip()}"
    application.save(update_fields=["deadline", "deadline_reason", "updated_at"])
    return application


@transaction.atomic
def application_record_assisted(
    *, actor: User, round_: Round, method: str, applicant: User | None = None, full_name: str = "", email: str = ""
) -> Application:
    """A coordinator records an application received by phone, on paper, by email or BSL video,
    for someone already known, someone with this email address, or a new person."""
    require(actor, "recruitment.record_assisted_application", round_)
    if round_.status == RoundStatus.DRAFT:
        raise ValidationError("This round has not been published, so nobody can apply to it yet.")
    if round_.status not in TAKES_LATE_APPLICATIONS:
        raise ValidationError("This round's outcomes have been released, so it takes no more applications.")
    if applicant is None and email:
        applicant = User.objects.filter(email__iexact=email).first()
    if applicant is None:
        applicant = person_create_offline(actor=actor, full_name=full_name, email=email or None)
    if Application.objects.filter(round=round_, applicant=applicant).exists():
        raise ValidationError("This person already has an application to this round.")
    application = Application(round=round_, applicant=applicant, assisted_method=method, recorded_by=actor)
    application._history_user = actor
    application.full_clean()
    application.save()
    logger.info("application %s recorded %s by person %s", application.pk, method, actor.pk)
    return application


# After submitting: optional questions, each kept apart


def _require_own_submitted(actor: User, application: Application) -> None:
    require(actor, "recruitment.change_application", application)
    if application.status == ApplicationStatus.DRAFT:
        raise ValidationError("Send your application first.")


@transaction.atomic
def monitoring_save(*, actor: User, application: Application, answers: dict[str, str]) -> MonitoringResponse:
    _require_own_submitted(actor, application)
    response, _ = MonitoringResponse.objects.get_or_create(application=application)
    for name, value in answers.items():
        setattr(response, name, value)
    response.full_clean()
    response.save()
    logger.info("monitoring answers saved for application %s", application.pk)
    return response


@transaction.atomic
def monitoring_delete(*, actor: User, application: Application) -> None:
    require(actor, "recruitment.manage_own_equality_answers", application)
    MonitoringResponse.objects.filter(application=application).delete()
    logger.info("monitoring answers deleted for application %s", application.pk)


@transaction.atomic
def balance_save(
    *, actor: User, application: Application, answers: dict[str, str], consent: bool
) -> BalanceResponse | None:
    """Answers for building a balanced panel are kept only with consent, recorded in the ledger
    with the wording shown. Saying no (or withdrawing) removes any answers kept before."""
    _require_own_submitted(actor, application)  # the person, or the coordinator who recorded it for them
    wording = outbox.consent_wording_current(ConsentPurpose.BALANCE_SELECTION)
    by_the_person = actor == application.applicant
    method = RecordedMethod.WEB if by_the_person else application.assisted_method or RecordedMethod.PHONE
    decided_by = None if by_the_person else actor
    if not consent:
        existing = BalanceResponse.objects.filter(application=application)
        if existing.exists():
            outbox.consent_apply(
                person=application.applicant, wording=wording, decision=ConsentDecision.WITHDRAWN,
                method=method, actor=decided_by,
            )  # fmt: skip
            existing.delete()
            selection_forget_balance(application=application)
        return None
    allowed = set(application.round.balance_questions)
    cleaned = {}
    for key, value in answers.items():
        spec = categories.BALANCE_QUESTIONS.get(key)
        if key not in allowed or spec is None or value not in {choice for choice, _ in spec["choices"]}:
            raise ValidationError({key: "Choose one of the options"})
        cleaned[key] = value
    record = outbox.consent_apply(
        person=application.applicant, wording=wording, decision=ConsentDecision.GIVEN, method=method, actor=decided_by
    )
    response, _ = BalanceResponse.objects.update_or_create(
        application=application, defaults={"answers": cleaned, "consent": record}
    )
    return response


@transaction.atomic
def future_opportunities_consent(*, actor: User, person: User, consent: bool):
    if actor != person:
        require(actor, "notifications.record_consent_for", person)
    wording = outbox.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    return outbox.consent_apply(
        person=person,
        wording=wording,
        decision=ConsentDecision.GIVEN if consent else ConsentDecision.WITHDRAWN,
        actor=None if actor == person else actor,
        method=RecordedMethod.WEB if actor == person else RecordedMethod.PHONE,
    )
