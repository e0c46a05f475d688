"""A panel's chair (or vice-chair) reads the requests that reached their panel, as a member."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import signed_in
from engagement import selectors, services

from .lookups import DOCUMENT, ENGAGEMENT, PANEL, document_response


@signed_in("engagement.chair_panel_requests", PANEL)
def chair_requests(request, panel):
    context = {"panel": panel, "engagements": selectors.engagements_at(panel), "capacity": selectors.capacity_of(panel)}
    return render(request, "engagement/chairs/panel_requests.html", context)


@signed_in("engagement.chair_view_engagement", ENGAGEMENT)
def chair_engagement(request, engagement):
    context = selectors.engagement_page(engagement)
    # Only what the coordinator asked the chair to approve (changing the advice withdraws the ask).
    context["advice_complete"] = engagement.advice_asked_at is not None and all(
        point.advice for point in context["points"]
    )
    return render(request, "engagement/chairs/engagement.html", context)


@signed_in("engagement.chair_read_documents", DOCUMENT)
def chair_document(request, document):
    return document_response(document)


def _decided(request, engagement, act, done: str):
    try:
        act(actor=request.user, engagement=engagement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("engagement:chair_engagement", pk=engagement.pk)


@require_POST
@signed_in("engagement.approve_advice", ENGAGEMENT)
def chair_advice_approve(request, engagement):
    return _decided(
        request, engagement, services.advice_approve, "You approved the advice. It has gone to the officer."
    )


@require_POST
@signed_in("engagement.agree_publication", ENGAGEMENT)
def chair_publication_agree(request, engagement):
    return _decided(request, engagement, services.publication_agree, "You agreed the words for “You said, we did”.")
