"""An officer's request: written as a draft, with its documents, then sent to the panels it names,
where each panel triages it as an engagement of its own (ADR 0024). A request a panel asked more
about can be changed and sent back."""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import uploads
from accounts.access import require
from accounts.models import User
from engagement import messages
from engagement.models import Engagement, EngagementStatus, Request, RequestDocument, RequestStatus
from members.models import Panel
from notifications.services import message_queue

from . import common

logger = logging.getLogger(__name__)

BRING = "engagement.bring_request"
CHANGE = "engagement.change_request"
MAX_QUESTIONS = 10
QUESTION_MAX_CHARACTERS = 1000  # as AdvicePoint.question keeps it
FIELDS = ("title", "background", "stage", "decision", "decision_date", "why_panels", "questions", "format_wanted",
          "deadline")  # fmt: skip


TAKEN_ON = (EngagementStatus.ACCEPTED, EngagementStatus.SCHEDULED, EngagementStatus.ADVISED, EngagementStatus.ANSWERED)


def request_editable(request: Request) -> bool:
    """A draft, or a request a panel has asked more about while no panel has taken it on: once one
    has, its members' answers and its advice are about the request as it stands."""
    if request.status == RequestStatus.DRAFT:
        return True
    statuses = set(request.engagements.values_list("status", flat=True))
    return EngagementStatus.MORE_ASKED in statuses and not statuses & set(TAKEN_ON)


def request_can_go_back(request: Request) -> bool:
    """A panel asked for more, so the request can be sent back to it (changed, or as it is)."""
    return (
        request.status != RequestStatus.DRAFT
        and request.engagements.filter(status=EngagementStatus.MORE_ASKED).exists()
    )


def _fill(request: Request, fields: dict, today: date) -> None:
    for name in FIELDS:
        value = fields.get(name)
        setattr(request, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if any(len(question) > QUESTION_MAX_CHARACTERS for question in request.question_list):
        errors["questions"] = f"Keep each question to {QUESTION_MAX_CHARACTERS} characters or fewer"
    elif len(request.question_list) > MAX_QUESTIONS:
        errors["questions"] = f"Ask at most {MAX_QUESTIONS} questions"
    if request.deadline and request.deadline <= today:
        errors["deadline"] = "The date you need advice by must be in the future"
    if errors:
        raise ValidationError(errors)
    request.full_clean(exclude=["panels"])


def _panels_check(panels) -> list[Panel]:
    panels = list(panels)
    if not panels:
        raise ValidationError({"panels": "Choose at least one panel"})
    if any(not panel.is_active for panel in panels):
        raise ValidationError({"panels": "Choose only panels that are running"})
    return panels


@transaction.atomic
def request_write(*, actor: User, panels, **fields) -> Request:
    """A new request, kept as a draft."""
    require(actor, BRING)
    panels = _panels_check(panels)
    request = Request(officer=actor)
    _fill(request, fields, timezone.localdate())
    request._history_user = actor
    request.save()
    request.panels.set(panels)
    logger.info("request %s written by officer person %s", request.pk, actor.pk)
    return request


def _locked(request: Request) -> Request:
    return Request.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def request_change(*, actor: User, request: Request, panels=None, **fields) -> Request:
    """Change a draft, or a request a panel asked more about. The panels can change only while it
    is a draft: once sent, each panel has it."""
    require(actor, CHANGE, request)
    request = _locked(request)
    if not request_editable(request):
        raise ValidationError("A panel has taken your request on, so it can no longer be changed.")
    _fill(request, fields, timezone.localdate())
    request._history_user = actor
    request.save()
    if request.status == RequestStatus.DRAFT and panels is not None:
        request.panels.set(_panels_check(panels))
    return request


@transaction.atomic
def request_document_add(
    *, actor: User, request: Request, title: str, file, is_assessment: bool = False, is_accessible: bool = False,
    not_for_sharing: bool = False,
) -> RequestDocument:  # fmt: skip
    require(actor, CHANGE, request)
    request = _locked(request)
    if not request_editable(request):
        raise ValidationError("The panels have your request, so documents can no longer be added.")
    if not title.strip():
        raise ValidationError({"title": "Enter what the document is"})
    if not file:
        raise ValidationError({"file": "Choose the document"})
    uploads.checked_upload(file, uploads.BRIEFING)
    document = RequestDocument(
        request=request, title=title.strip(), file=file, is_assessment=is_assessment, is_accessible=is_accessible,
        not_for_sharing=not_for_sharing, uploaded_by=actor,
    )  # fmt: skip
    document._history_user = actor
    document.save()
    return document


@transaction.atomic
def request_document_remove(*, actor: User, document: RequestDocument) -> None:
    require(actor, CHANGE, document.request)
    request = _locked(document.request)
    if not request_editable(request):
        raise ValidationError("The panels have your request, so its documents can no longer be removed.")
    storage, name = document.file.storage, document.file.name
    document._history_user = actor
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _submit_check(request: Request) -> None:
    errors = []
    if not request.question_list:
        errors.append("Add at least one question for the panel")
    if request.deadline <= timezone.localdate():
        errors.append("The date you need advice by has passed: change it")
    documents = list(request.documents.all())
    if documents and not any(document.is_accessible for document in documents):
        errors.append("Add an accessible version of your documents, or say which one is accessible")
    if errors:
        raise ValidationError(errors)


def tell_coordinators(engagement: Engagement, *, again: bool = False) -> None:
    """Tell the panel's coordinators a request waits for them to decide (in the caller's transaction)."""
    request, panel = engagement.request, engagement.panel
    step = engagement.history.count()
    for coordinator in common.coordinators_of(panel.pk):
        message_queue(
            kind=messages.REQUEST_TO_TRIAGE.key, recipient=coordinator, topic=panel.topic,
            context={"title": request.title, "panel_name": panel.name, "again": again,
                     "deadline": f"{request.deadline:%-d %B %Y}",
                     "url": reverse("engagement:engagement", args=[engagement.pk])},
            idempotency_key=f"engagement.request_to_triage:{engagement.pk}:{step}:{coordinator.pk}",
        )  # fmt: skip


@transaction.atomic
def request_submit(*, actor: User, request: Request) -> list[Engagement]:
    """Send a draft to its panels (one engagement each), or send a changed request back to the
    panels that asked for more. Returns the engagements that now wait for their panel."""
    require(actor, CHANGE, request)
    request = _locked(request)
    _submit_check(request)
    now = timezone.now()
    if request.status == RequestStatus.DRAFT:
        request.status, request.submitted_at = RequestStatus.SUBMITTED, now
        request._history_user = actor
        request.save(update_fields=["status", "submitted_at"])
        waiting = []
        for panel in request.panels.order_by("order", "name"):
            engagement = Engagement(request=request, panel=panel, received_at=now)
            engagement._history_user = actor
            engagement.save()
            waiting.append(engagement)
        again = False
        names = " and ".join(f"the {e.panel.name}" for e in waiting)
        message_queue(
            kind=messages.REQUEST_RECEIVED.key, recipient=actor,
            context={"name": actor.full_name, "title": request.title, "panels": names,
                     "triage_days": settings.ENGAGEMENT_TRIAGE_DAYS,
                     "url": reverse("engagement:request", args=[request.pk])},
            idempotency_key=f"engagement.request_received:{request.pk}",
        )  # fmt: skip
    else:
        waiting = list(
            request.engagements.select_for_update(of=("self",)).select_related("panel")
            .filter(status=EngagementStatus.MORE_ASKED)
        )  # fmt: skip
        if not waiting:
            raise ValidationError("The panels have your request already.")
        again = True
        for engagement in waiting:
            # What the panel asked stays in the engagement's history; the officer has answered it.
            engagement.status, engagement.reason = EngagementStatus.WAITING, ""
            engagement._history_user = actor
            engagement.save(update_fields=["status", "reason"])
    for engagement in waiting:
        engagement.request = request
        tell_coordinators(engagement, again=again)
    logger.info("request %s sent to %s panel(s) by person %s", request.pk, len(waiting), actor.pk)
    return waiting
